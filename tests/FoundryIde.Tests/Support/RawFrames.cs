using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FoundryIde.Tests.Support;

/// <summary>Raw Content-Length frames, for tests that must send what no well-behaved client would.</summary>
internal static class RawFrames
{
    public static byte[] Frame(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes];
    }

    public static byte[] Request(object id, string method, string paramsJson = "{}") =>
        Frame($$"""{"jsonrpc":"2.0","id":{{JsonSerializer.Serialize(id, TestJson.Default.Object)}},"method":"{{method}}","params":{{paramsJson}}}""");

    /// <summary>Reads one frame's body from the server's stdout, or null at end of stream.</summary>
    public static async Task<JsonDocument?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) return null;
            header.Append((char)one[0]);
        }

        var line = header.ToString().Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.Ordinal));
        var length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return JsonDocument.Parse(body);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(object))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
