using System.Text.Encodings.Web;
using System.Text.Json;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>JSON for people and scripts at a terminal: indented, and `&lt;`, `'` and backticks left readable.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(FoundryJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
