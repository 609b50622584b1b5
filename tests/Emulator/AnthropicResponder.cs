using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace FoundryIde.Emulator;

/// <summary>Anthropic Messages API responses: a JSON message, or the SSE event sequence of a streamed one.</summary>
internal static partial class AnthropicResponder
{
    public static Task WriteErrorAsync(HttpContext ctx, int status, string type, string message)
    {
        var body = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
            ["request_id"] = RequestId(ctx),
        };
        return ctx.WriteJsonAsync(body, status);
    }

    public static async Task WriteMessageAsync(HttpContext ctx, DeploymentSeed deployment, JsonObject request, string reply)
    {
        var message = Message(deployment, request);
        message["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply });
        message["stop_reason"] = "end_turn";
        message["usage"] = Usage(EstimateInputTokens(request), OutputTokens(reply));
        RequestId(ctx);
        await ctx.WriteJsonAsync(message);
    }

    public static async Task StreamAsync(HttpContext ctx, DeploymentSeed deployment, JsonObject request, string reply, TimeSpan delay)
    {
        RequestId(ctx);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/event-stream; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-cache";
        var start = Message(deployment, request);
        start["content"] = new JsonArray();
        start["usage"] = Usage(EstimateInputTokens(request), 1);

        await EventAsync(ctx, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }, delay);
        await EventAsync(ctx, "content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = 0,
            ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
        }, delay);
        await EventAsync(ctx, "ping", new JsonObject { ["type"] = "ping" }, delay);
        foreach (Match piece in WordPattern().Matches(reply))
        {
            await EventAsync(ctx, "content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta",
                ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece.Value },
            }, delay);
        }

        await EventAsync(ctx, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }, delay);
        await EventAsync(ctx, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = OutputTokens(reply) },
        }, delay);
        await EventAsync(ctx, "message_stop", new JsonObject { ["type"] = "message_stop" }, TimeSpan.Zero);
    }

    /// <summary>A rough token estimate: every string in system and messages, four characters a token.</summary>
    public static int EstimateInputTokens(JsonObject request)
    {
        var chars = CountChars(request["system"]) + CountChars(request["messages"]) + CountChars(request["tools"]);
        return Math.Max(1, (chars + 3) / 4);
    }

    private static int CountChars(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length,
        JsonArray a => a.Sum(CountChars),
        JsonObject o => o.Sum(kv => CountChars(kv.Value)),
        _ => 0,
    };

    private static int OutputTokens(string reply) => Math.Max(1, (reply.Length + 3) / 4);

    private static JsonObject Message(DeploymentSeed deployment, JsonObject request) => new()
    {
        ["id"] = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = ModelId(deployment),
        ["content"] = new JsonArray(),
        ["stop_reason"] = null,
        ["stop_sequence"] = null,
        ["usage"] = Usage(EstimateInputTokens(request), 0),
    };

    /// <summary>The model id Anthropic reports: claude-sonnet-4-5-20250929 for a dated version, else the model name.</summary>
    private static string ModelId(DeploymentSeed d) =>
        d.ModelVersion.Length == 8 && d.ModelVersion.All(char.IsAsciiDigit) ? $"{d.ModelName}-{d.ModelVersion}" : d.ModelName;

    private static JsonObject Usage(int input, int output) => new()
    {
        ["input_tokens"] = input,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = output,
        ["service_tier"] = "standard",
    };

    private static string RequestId(HttpContext ctx)
    {
        var existing = ctx.Response.Headers["request-id"].ToString();
        if (existing.Length > 0)
        {
            return existing;
        }

        var id = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        ctx.Response.Headers["request-id"] = id;
        return id;
    }

    private static async Task EventAsync(HttpContext ctx, string name, JsonObject data, TimeSpan delay)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"event: {name}\ndata: {data.ToJsonString(HttpHelpers.Relaxed)}\n\n");
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, ctx.RequestAborted);
        }
    }

    [GeneratedRegex(@"\s*\S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
