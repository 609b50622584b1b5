using System.Text.Json;
using System.Text.Json.Serialization;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// ARM's state words (a provisioningState, an operation's status, a registration state) in one spelling, whatever case
/// Azure answers them in ("succeeded" reads as "Succeeded"); a word not known here is kept as it came.
/// </summary>
public sealed class ArmStateConverter : JsonConverter<string>
{
    private static readonly string[] Known =
    [
        "Succeeded", "Failed", "Canceled", "Cancelled", "Accepted", "Creating", "Updating", "Deleting", "Moving", "Disabled",
        "ResolvingDNS", "InProgress", "Running", "NotStarted", "Registered", "Registering", "NotRegistered", "Unregistered", "Unregistering",
    ];

    public static string? Canonical(string? word) =>
        word is null ? null : Array.Find(Known, k => k.Equals(word, StringComparison.OrdinalIgnoreCase)) ?? word;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Canonical(reader.GetString()) : throw new JsonException($"A state must be a string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
