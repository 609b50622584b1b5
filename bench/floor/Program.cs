// Reads one Content-Length framed JSON-RPC request from stdin, answers it with a fixed `initialize` result carrying
// its id, then waits for stdin to close. The floor against which the sidecar's spawn-to-`initialize` is judged.
using System.Text;

using var stdin = Console.OpenStandardInput();
using var stdout = Console.OpenStandardOutput();

var contentLength = -1;
var line = new List<byte>();
while (true)
{
    var b = stdin.ReadByte();
    if (b < 0)
    {
        return 1;
    }

    if (b != '\n')
    {
        if (b != '\r')
        {
            line.Add((byte)b);
        }

        continue;
    }

    if (line.Count == 0)
    {
        break; // the blank line that ends the headers
    }

    var header = Encoding.ASCII.GetString([.. line]);
    if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
    {
        contentLength = int.Parse(header.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    line.Clear();
}

var body = new byte[contentLength];
stdin.ReadExactly(body);

// The request id, verbatim (a number or a string), found without a JSON library.
var text = Encoding.UTF8.GetString(body);
var at = text.IndexOf("\"id\"", StringComparison.Ordinal);
var id = "null";
if (at >= 0)
{
    var start = text.IndexOf(':', at) + 1;
    var end = start;
    while (end < text.Length && text[end] != ',' && text[end] != '}')
    {
        end++;
    }

    id = text[start..end].Trim();
}

var response = Encoding.UTF8.GetBytes(
    $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{{\"serverName\":\"floor\",\"serverVersion\":\"0.0.0\"}}}}");
stdout.Write(Encoding.ASCII.GetBytes($"Content-Length: {response.Length}\r\n\r\n"));
stdout.Write(response);
stdout.Flush();

// Like the sidecar, stay up until the client closes stdin.
var sink = new byte[4096];
while (stdin.Read(sink) > 0)
{
}

return 0;
