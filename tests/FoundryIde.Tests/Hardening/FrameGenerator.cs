using System.Globalization;
using System.Text;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// Generates hostile frames from a seeded Random. Every frame leaves the byte stream where the next header can be
/// found (a frame that cannot say where it ends is closed with a blank line), so the interleaved well-formed
/// requests stay readable and must be answered. Never generates `shutdown`, `exit` or a valid call of a method
/// that does real work.
/// </summary>
internal sealed class FrameGenerator(Random random)
{
    private const string Garbage = "abcdefghijklmnopqrstuvwxyz0123456789 {}[]\",.-_/\\\t\u00e9\u4e2d\U0001F600";
    /// <summary>Wrong-typed params for each method that does real work: never a valid call of it.</summary>
    private static readonly (string Method, string Params)[] WrongParams =
    [
        (RpcMethods.Initialize, """{"clientName":{"a":[1,2]}}"""), (RpcMethods.Initialize, """{"settings":"x"}"""),
        (RpcMethods.DoctorRun, """{"probeTimeoutSeconds":"soon"}"""), (RpcMethods.DoctorRun, """{"resource":5}"""),
        (RpcMethods.DoctorRun, """{"workspaceFolder":[]}"""), (RpcMethods.ResourcesList, """{"refresh":"yes"}"""),
        (RpcMethods.ResourcesList, """{"progressToken":{"x":1}}"""), (RpcMethods.ConnectionTest, """{"resource":5}"""),
        (RpcMethods.ConnectionTest, """{"apiKey":true,"resource":[]}"""), (RpcMethods.EnvGenerate, """{"resource":[]}"""),
        (RpcMethods.EnvGenerate, """{"revealSecrets":"yes","resource":{}}"""), (RpcMethods.ConfigEffective, """{"workspaceFolder":{}}"""),
        (RpcMethods.ConfigApply, """{"selection":[]}"""), (RpcMethods.ConfigApply, """{"selection":{"resource":"x"},"targets":"dotenv"}"""),
        (RpcMethods.ConfigEffective, """{"knownDeployments":"x"}"""), (RpcMethods.SettingsUpdate, """{"cloud":7}"""),
    ];

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _oversized;

    public string LastKind { get; private set; } = "";

    public string Describe() => string.Join(", ", _counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));

    public byte[] Next()
    {
        var kind = random.Next(100) switch
        {
            < 14 => "bad-json",
            < 26 => "wrong-types",
            < 36 => "unknown-method",
            < 48 => "wrong-params",
            < 56 => "huge-id",
            < 62 => "huge-string",
            < 74 => "bad-header",
            < 78 => "deep-nesting",
            < 84 => "notification",
            < 90 => "not-a-request",
            < 95 => "headerless-garbage",
            _ => "trailing-garbage",
        };
        if (random.Next(1250) == 0 && _oversized < 8) kind = "oversized";
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        LastKind = kind;
        return kind switch
        {
            "bad-json" => BadJson(),
            "wrong-types" => Body(Pick(
                $$"""{"jsonrpc":"2.0","id":{"o":1},"method":"ping"}""",
                $$"""{"jsonrpc":"2.0","id":[1],"method":"ping"}""",
                $$"""{"jsonrpc":"2.0","id":true,"method":"ping"}""",
                $$"""{"jsonrpc":"2.0","id":{{Id()}},"method":{{random.Next()}}""" + "}",
                $$"""{"jsonrpc":"2.0","id":{{Id()}},"method":null}""",
                $$"""{"jsonrpc":"1.0","id":{{Id()}},"method":"ping"}""",
                $$"""{"jsonrpc":2,"id":{{Id()}},"method":"ping"}""",
                $$"""{"id":{{Id()}},"method":"ping","params":"{{Text(10)}}"}""",
                $$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"ping","params":{{random.Next()}}""" + "}",
                $$"""{"jsonrpc":"2.0","id":{{Id()}},"method":["ping"]}""")),
            "unknown-method" => Body($$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"fuzz/{{Text(random.Next(1, 40))}}","params":{""" + "}}"),
            "wrong-params" => WronglyTyped(),
            "huge-id" => Body($$"""{"jsonrpc":"2.0","id":{{Pick(
                "123456789012345678901234567890", "1e999", "-9223372036854775809", "18446744073709551616", "0.5", "-1",
                Json(new string('x', random.Next(1_000, 70_000))))}},"method":"ping"}"""),
            "huge-string" => Body($$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"{{RpcMethods.DoctorRun}}","params":{"resource":{{Json(
                new string('a', random.Next(10_000, 300_000)))}},"probeTimeoutSeconds":"x""" + "\"}}"),
            "bad-header" => BadHeader(),
            "deep-nesting" => Body(new string('[', random.Next(100, 20_000)) + new string(']', random.Next(0, 100))),
            "notification" => Body(Pick(
                $$"""{"jsonrpc":"2.0","method":"fuzz/{{Text(8)}}","params":{""" + "}}",
                $$"""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{{random.Next()}}""" + "}}",
                $$"""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"{{Text(12)}}""" + "\"}}",
                $$"""{"jsonrpc":"2.0","method":"$/cancelRequest","params":"{{Text(5)}}"}""")),
            "not-a-request" => Body(Pick("{}", "null", "42", "\"ping\"", "[]", """[{"jsonrpc":"2.0","id":1,"method":"ping"}]""",
                $$"""{"jsonrpc":"2.0","id":"fuzz-{{random.Next()}}","result":{"x":1""" + "}}",
                $$"""{"jsonrpc":"2.0","id":"fuzz-{{random.Next()}}","error":{"code":"x""" + "\"}}")),
            "headerless-garbage" => [.. Encoding.UTF8.GetBytes(NoColon(random.Next(1, random.Next(2) == 0 ? 200 : 20_000))), .. "\r\n\r\n"u8],
            "trailing-garbage" => [.. Body($$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"fuzz/t"}"""), .. Encoding.UTF8.GetBytes(NoColon(random.Next(1, 300))), .. "\r\n\r\n"u8],
            _ => Oversized(),
        };
    }

    private byte[] WronglyTyped()
    {
        var (method, wrong) = Pick(WrongParams);
        return Body($$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"{{method}}","params":{{wrong}}""" + "}");
    }

    private byte[] BadJson()
    {
        var good = $$"""{"jsonrpc":"2.0","id":{{Id()}},"method":"ping","params":[]}""";
        return random.Next(4) switch
        {
            0 => Frame(Encoding.UTF8.GetBytes(good[..random.Next(1, good.Length - 1)])),
            1 => Frame(Bytes(random.Next(1, 2_000))),
            2 => Frame([.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
            _ => Body(good.Replace(':', random.Next(2) == 0 ? ';' : '=')),
        };
    }

    private byte[] BadHeader() => random.Next(10) switch
    {
        0 => Encoding.ASCII.GetBytes("Content-Type: application/json\r\n\r\n"),
        1 => Encoding.ASCII.GetBytes($"Content-Length: {Pick("abc", "", "-5", "0", "99999999999999999999", "1.5", "0x10", "+3", " 12 13")}\r\n\r\n"),
        2 => Encoding.ASCII.GetBytes($"Content-Length {random.Next(1, 100)}\r\n\r\n"),
        3 => Encoding.ASCII.GetBytes($"{NoColon(random.Next(1, 100))}\r\n\r\n"),
        4 => [.. "Content-Length: "u8, 0xFF, 0xFE, .. "\r\n\r\n"u8],
        5 => Encoding.ASCII.GetBytes(new string('X', random.Next(8_000, 12_000)) + ": y\r\n\r\n"),
        6 => Encoding.ASCII.GetBytes("Content-Length: 2\r\nContent-Type: x\r\n" + NoColon(10) + "\r\n\r\n"),
        7 => Encoding.ASCII.GetBytes("\r\n\r\n"),
        8 => Encoding.ASCII.GetBytes($"Content-Length: {random.Next(1, 100)}\r\nX-Bad\r\n\r\n"),
        _ => Encoding.ASCII.GetBytes("\r\n\r\n\r\n\r\n"),
    };

    private byte[] Oversized()
    {
        _oversized++;
        var size = BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes + random.Next(1, 100_000);
        var body = new byte[size];
        random.NextBytes(body);
        return Frame(body);
    }

    private string Id() => random.Next(3) switch
    {
        0 => random.Next().ToString(CultureInfo.InvariantCulture),
        1 => Json("fuzz-" + Text(random.Next(1, 30))),
        _ => "null",
    };

    private string Text(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append(Garbage[random.Next(Garbage.Length)]);
        return text.ToString();
    }

    /// <summary>Random text with no ':' and no line break: never mistaken for a header line.</summary>
    private string NoColon(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)random.Next(0x20, 0x7F) is var c && c != ':' ? c : '.');
        return text.ToString();
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] options) => options[random.Next(options.Length)];

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value, TestJson.Default.String);

    private static byte[] Body(string body) => RawFrames.Frame(body);

    private static byte[] Frame(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
}
