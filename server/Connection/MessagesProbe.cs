using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Connection;

/// <summary>What Foundry said in an error (Azure's {"error":{"code","message"}} or Anthropic's {"error":{"type","message"}}).</summary>
public sealed record ServiceError(string? Code, string Message);

/// <summary>How one probe went. <paramref name="Failure"/> is set when no answer came (DNS, TLS, refused, timeout).</summary>
public sealed record ProbeOutcome(
    bool Ok, int? HttpStatus, long? FirstByteMs, long? TotalMs, ServiceError? Error, TimeSpan? RetryAfter, Exception? Failure);

/// <summary>
/// Sends one minimal streaming Messages request to a deployment, as Claude Code does (`POST {endpoint}/anthropic/v1/
/// messages?beta=true`, anthropic-version 2023-06-01, always streaming), on the Azure.Core pipeline: no retries, a
/// deadline of <see cref="Deadline"/>. Reads the event stream to message_stop and times the first byte and the whole.
/// </summary>
public sealed class MessagesProbe(HttpPipeline pipeline)
{
    public const string AnthropicVersion = "2023-06-01";
    public static TimeSpan Deadline => Hosting.Deadlines.Probe;
    private const int MaxErrorBody = 16 * 1024;

    /// <summary>
    /// The pipeline: the given auth policy, no retries (a probe reports what happened), no telemetry or logging, and last
    /// before the wire a guard that refuses any URL outside the cloud's Foundry hosts (the key or token never leaves).
    /// </summary>
    public static HttpPipeline CreatePipeline(HttpPipelinePolicy auth, FoundryHosts hosts)
    {
        var options = new ProbeOptions();
        options.AddPolicy(new HostGuard(hosts), HttpPipelinePosition.BeforeTransport);
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Deadline;
        options.Diagnostics.IsTelemetryEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsLoggingEnabled = false;
        return HttpPipelineBuilder.Build(options, auth);
    }

    /// <summary>{endpoint}/anthropic/v1/messages?beta=true, the URL Claude Code posts to.</summary>
    public static Uri MessagesUri(string endpoint) =>
        new(new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/"), "anthropic/v1/messages?beta=true");

    public async Task<ProbeOutcome> SendAsync(Uri uri, string deployment, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        using var message = pipeline.CreateMessage();
        message.BufferResponse = false;
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("anthropic-version", AnthropicVersion);
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Accept", "application/json");
        message.Request.Content = RequestContent.Create(Body(deployment));
        var clock = Stopwatch.StartNew();
        try
        {
            await pipeline.SendAsync(message, deadline.Token);
            var firstByte = clock.ElapsedMilliseconds;
            var response = message.Response;
            if (response.Status >= 400)
            {
                var error = await ReadErrorAsync(response, deadline.Token);
                return new ProbeOutcome(false, response.Status, firstByte, clock.ElapsedMilliseconds, error, RetryAfter.Of(response), null);
            }

            var contentType = response.Headers.ContentType ?? "";
            if (!contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return new ProbeOutcome(false, response.Status, firstByte, clock.ElapsedMilliseconds, new ServiceError("not-a-stream",
                    $"answered {response.Status} with \"{(contentType.Length == 0 ? "no content type" : contentType)}\" instead of an event stream"),
                    null, null);
            }

            var streamError = await ReadStreamAsync(response.ContentStream!, deadline.Token);
            return new ProbeOutcome(streamError is null, response.Status, firstByte, clock.ElapsedMilliseconds, streamError, null, null);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(false, null, null, clock.ElapsedMilliseconds, null, null, new TimeoutException(
                $"No complete answer within {Deadline.TotalSeconds:0} s.", e));
        }
        catch (Exception e) when (e is RequestFailedException or IOException or AggregateException)
        {
            return new ProbeOutcome(false, null, null, clock.ElapsedMilliseconds, null, null, e);
        }
    }

    /// <summary>{"model":"…","max_tokens":1,"stream":true,"messages":[{"role":"user","content":"ping"}]}</summary>
    public static byte[] Body(string deployment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", deployment);
            json.WriteNumber("max_tokens", 1);
            json.WriteBoolean("stream", true);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", "ping");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads server-sent events until message_stop; an error event, or an end before any content, is the error.</summary>
    private static async Task<ServiceError?> ReadStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sawContent = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var (type, error) = ParseEvent(line[5..]);
            switch (type)
            {
                case "message_stop":
                    return null;
                case "content_block_start" or "content_block_delta" or "message_delta":
                    sawContent = true;
                    break;
                case "error":
                    return error ?? new ServiceError("error", "the stream carried an error event");
            }
        }

        return sawContent ? null : new ServiceError("incomplete", "the event stream ended before the reply began");
    }

    private static (string? Type, ServiceError? Error) ParseEvent(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (type, type == "error" ? ErrorOf(root) : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static async Task<ServiceError?> ReadErrorAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is not { } stream) return null;
        var buffer = new char[MaxErrorBody];
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        var text = new string(buffer, 0, length).Trim();
        if (text.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && ErrorOf(document.RootElement) is { } error) return error;
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's or gateway's page, say. Its first line is still worth showing.
        }

        var firstLine = text.ReplaceLineEndings(" ");
        return new ServiceError(null, firstLine.Length > 200 ? firstLine[..200] + "…" : firstLine);
    }

    /// <summary>The error object of an Azure or Anthropic error body.</summary>
    private static ServiceError? ErrorOf(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
        var code = Text(error, "code") ?? Text(error, "type");
        var message = Text(error, "message");
        return message is null && code is null ? null : new ServiceError(code, message ?? code!);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class ProbeOptions : ClientOptions;

    /// <summary>Refuses to send a request whose URL is not a Foundry host of this cloud, after the key or token was attached.</summary>
    private sealed class HostGuard(FoundryHosts hosts) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri.ToUri();
            if (!hosts.Allows(uri))
            {
                throw new FoundryException(FoundryErrorCode.UntrustedValue,
                    $"The Messages URL {TrustedValues.Show(uri.AbsoluteUri)} is not on a Foundry host of this cloud ({hosts.Describe()}): nothing was sent to it.");
            }
        }
    }
}
