using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using FoundryIde.Server.Hosting;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// Content-Length framing (as HeaderDelimitedMessageHandler) that survives hostile input. StreamJsonRpc's own
/// handler ends the connection on the first frame it cannot read; this one answers that frame with a JSON-RPC
/// error (parse error, invalid request, message too large), resynchronises on the next header, and carries on.
/// Headers are capped at <see cref="MaxHeaderBytes"/>, bodies at the configured limit, and an oversized body is
/// skipped without being buffered.
/// </summary>
public sealed class BoundedHeaderDelimitedMessageHandler : PipeMessageHandler
{
    public const int MaxHeaderBytes = 8 * 1024;
    public const int DefaultMaxMessageBytes = 4 * 1024 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    private readonly int _maxMessageBytes;
    private const int InitialBodyBytes = 4 * 1024;
    private const int KeptBodyBytes = 1024 * 1024;
    private ArrayBufferWriter<byte> _body = new(InitialBodyBytes);
    private int _firstRead;
    private int _firstFrame;

    /// <summary>Ids of requests this side sent and that are not answered yet.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RequestId, byte> _outstanding = new();

    /// <summary>Run once, after the first frame (normally the answer to `initialize`) has been flushed.</summary>
    private Action? _afterFirstFlush;

    public BoundedHeaderDelimitedMessageHandler(
        Stream writer, Stream reader, IJsonRpcMessageFormatter formatter, int maxMessageBytes = DefaultMaxMessageBytes,
        Action? afterFirstFlush = null)
        // System.IO.Pipelines' stream adapters, not StreamJsonRpc's (Nerdbank.Streams), which copy between the
        // pipe and the stream on a task of their own: here a flush writes to stdout on the flushing thread, one
        // thread-pool hop less per answer (bench/results.md).
        : base(PipeWriter.Create(writer), PipeReader.Create(reader), formatter)
    {
        _maxMessageBytes = maxMessageBytes;
        _afterFirstFlush = afterFirstFlush;
    }

    /// <summary>Frames answered with an error instead of being handed to JsonRpc, for tests and diagnostics.</summary>
    public int RejectedFrames { get; private set; }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } request) _outstanding.TryAdd(request.RequestId, 0);
        // JsonRpc writes one message at a time, so one buffer serves every frame: a listing's answer no longer
        // allocates its size twice over (doubling growth) per call. It shrinks back after an outsized frame.
        var body = _body;
        body.ResetWrittenCount();
        Formatter.Serialize(body, content);
        var header = Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.WrittenCount}\r\n\r\n"));
        var writer = Writer ?? throw new InvalidOperationException("The handler has no writer.");
        // The whole frame in one span: the flush then hands it to stdout in one write, not in 4 KiB pieces (a
        // 62 KiB listing was 16 writes, and 16 reads and partial-message timers for the client).
        var frame = writer.GetSpan(header.Length + body.WrittenCount);
        header.CopyTo(frame);
        body.WrittenSpan.CopyTo(frame[header.Length..]);
        writer.Advance(header.Length + body.WrittenCount);
        if (body.Capacity > KeptBodyBytes) _body = new ArrayBufferWriter<byte>(InitialBodyBytes);
    }

    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await base.FlushAsync(cancellationToken);
        if (_afterFirstFlush is { } first && Interlocked.CompareExchange(ref _afterFirstFlush, null, first) == first)
        {
            first();
        }
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        StartupTrace.MarkOnce(ref _firstRead, "first-read-started");
        while (true)
        {
            var header = await ReadHeaderAsync(reader, cancellationToken);
            switch (header)
            {
                case { EndOfStream: true }:
                    return null;
                case { Error: { } error }:
                    await RejectAsync(RequestId.Null, JsonRpcErrorCode.ParseError, error, cancellationToken);
                    continue;
                case { Length: var length } when length > _maxMessageBytes:
                    if (!await SkipAsync(reader, length, cancellationToken)) return null;
                    await RejectAsync(RequestId.Null, (JsonRpcErrorCode)(int)FoundryErrorCode.MessageTooLarge,
                        $"Message of {length} bytes refused: the limit is {_maxMessageBytes} bytes.", cancellationToken);
                    continue;
            }

            var result = await reader.ReadAtLeastAsync(header.Length, cancellationToken);
            if (result.Buffer.Length < header.Length)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null; // the stream ended inside a body
            }

            // Copy: the formatter may keep references into the buffer it parses.
            var body = result.Buffer.Slice(0, header.Length).ToArray();
            StartupTrace.MarkOnce(ref _firstFrame, "first-frame-read");
            reader.AdvanceTo(result.Buffer.GetPosition(header.Length));
            try
            {
                var message = Formatter.Deserialize(new ReadOnlySequence<byte>(body));
                if (message is JsonRpcRequest { Method: null or "" } request)
                {
                    // `"method": null` (or "") parses, but JsonRpc's dispatch throws on it and ends the connection.
                    await RejectAsync(request.RequestId, JsonRpcErrorCode.InvalidRequest,
                        "Invalid JSON-RPC request: \"method\" must be a non-empty string.", cancellationToken);
                    continue;
                }

                if (message is IJsonRpcMessageWithId { RequestId: var answered } and (JsonRpcResult or JsonRpcError)
                    && !_outstanding.TryRemove(answered, out _))
                {
                    // A response to nothing we asked: JsonRpc would end the connection (a protocol violation).
                    // JSON-RPC never answers a response, so it is dropped.
                    RejectedFrames++;
                    continue;
                }

                return message;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException
                or NotSupportedException or ArgumentException or KeyNotFoundException or DecoderFallbackException)
            {
                var (id, parsed) = TryReadId(body);
                await RejectAsync(id, parsed ? JsonRpcErrorCode.InvalidRequest : JsonRpcErrorCode.ParseError,
                    parsed ? "Invalid JSON-RPC request." : "Parse error: the message is not valid JSON.", cancellationToken);
            }
        }
    }

    private async Task RejectAsync(RequestId id, JsonRpcErrorCode code, string message, CancellationToken cancellationToken)
    {
        RejectedFrames++;
        await WriteAsync(new JsonRpcError
        {
            RequestId = id,
            Error = new JsonRpcError.ErrorDetail { Code = code, Message = message },
        }, cancellationToken);
    }

    private readonly record struct Header(int Length, string? Error, bool EndOfStream);

    private static async ValueTask<Header> ReadHeaderAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var end = IndexOf(buffer, HeaderEnd);
            if (end >= 0)
            {
                var headerBytes = buffer.Slice(0, end).ToArray();
                reader.AdvanceTo(buffer.GetPosition(end + HeaderEnd.Length));
                return ParseHeader(headerBytes);
            }

            if (buffer.Length > MaxHeaderBytes || (result.IsCompleted && buffer.Length > 0))
            {
                // No header end in sight: drop what we have up to the next "Content-Length:" and say so.
                var next = IndexOf(buffer.Slice(1), ContentLengthName);
                var consumed = next >= 0 ? next + 1 : Math.Max(0, buffer.Length - ContentLengthName.Length);
                if (result.IsCompleted && next < 0) consumed = buffer.Length;
                reader.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                return new Header(0, "Parse error: bad frame header (expected \"Content-Length: N\" then a blank line).", false);
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return new Header(0, null, true);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static Header ParseHeader(byte[] headerBytes)
    {
        int? length = null;
        foreach (var line in Encoding.ASCII.GetString(headerBytes).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return new Header(0, $"Parse error: malformed header line \"{Printable(line)}\".", false);
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    return new Header(0, $"Parse error: Content-Length \"{Printable(value)}\" is not a positive number.", false);
                }

                length = n;
            }
        }

        return length is { } l ? new Header(l, null, false) : new Header(0, "Parse error: no Content-Length header.", false);
    }

    private static async ValueTask<bool> SkipAsync(PipeReader reader, long length, CancellationToken cancellationToken)
    {
        while (length > 0)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var take = Math.Min(length, result.Buffer.Length);
            reader.AdvanceTo(result.Buffer.GetPosition(take));
            length -= take;
            if (length > 0 && result.IsCompleted) return false;
        }

        return true;
    }

    private static (RequestId Id, bool Parsed) TryReadId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id))
            {
                return id.ValueKind switch
                {
                    JsonValueKind.Number when id.TryGetInt64(out var n) => (new RequestId(n), true),
                    JsonValueKind.String => (new RequestId(id.GetString()), true),
                    _ => (RequestId.Null, true),
                };
            }

            return (RequestId.Null, true);
        }
        catch (JsonException)
        {
            return (RequestId.Null, false);
        }
    }

    private static long IndexOf(ReadOnlySequence<byte> buffer, byte[] value)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, value, advancePastDelimiter: false) ? before.Length : -1;
    }

    private static string Printable(string text)
    {
        var cut = text.Length > 40 ? text[..40] + "…" : text;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
