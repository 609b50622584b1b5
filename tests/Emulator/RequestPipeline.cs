using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FoundryIde.Emulator;

/// <summary>Outermost middleware: logs every non-admin request and applies the first matching fault rule.</summary>
internal static class RequestPipeline
{
    public const string AdminPrefix = "/_emulator";

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next, EmulatorContext emu)
    {
        if (ctx.Request.Path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var timestamp = DateTimeOffset.UtcNow;
        var note = ctx.Note();
        note.AuthKind = GuessAuthKind(ctx.Request);
        var pathAndQuery = ctx.Request.Path + ctx.Request.QueryString;
        var dropped = false;
        try
        {
            var rule = emu.Faults.Take(ctx.Request.Method, ctx.Request.Host.Host, pathAndQuery);
            if (rule is null)
            {
                await next(ctx);
                return;
            }

            note.Fault = rule.Describe();
            if (rule.DelayMs > 0)
            {
                await Task.Delay(rule.DelayMs, ctx.RequestAborted);
            }

            switch (rule.Action)
            {
                case FaultAction.Status:
                    await WriteStatusAsync(ctx, rule);
                    break;
                case FaultAction.Drop:
                    dropped = true;
                    ctx.Abort();
                    break;
                case FaultAction.SlowBody:
                    var inner = ctx.Response.Body;
                    await using (var trickle = new TrickleStream(inner, rule.ChunkBytes, TimeSpan.FromMilliseconds(rule.ChunkDelayMs)))
                    {
                        ctx.Response.Body = trickle;
                        await next(ctx);
                    }

                    ctx.Response.Body = inner;
                    break;
                case FaultAction.StallBody:
                    var original = ctx.Response.Body;
                    await using (var stall = new StallStream(original, rule.StallAfterBytes, ctx.RequestAborted))
                    {
                        ctx.Response.Body = stall;
                        await next(ctx);
                    }

                    ctx.Response.Body = original;
                    break;
                default:
                    await next(ctx);
                    break;
            }
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            dropped = true;
        }
        finally
        {
            emu.Requests.Add(new RequestLogEntry
            {
                Timestamp = timestamp,
                Method = ctx.Request.Method,
                Host = ctx.Request.Host.Value ?? "",
                Path = pathAndQuery,
                AuthKind = note.AuthKind,
                PrincipalId = note.PrincipalId,
                StatusCode = dropped ? 0 : ctx.Response.StatusCode,
                DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Fault = note.Fault,
                Deployment = note.Deployment,
                Account = note.Account,
                Audience = note.Audience,
                Detail = note.Detail,
                Messages = note.Messages,
                Client = ctx.Request.Headers[RequestLogEntry.ClientHeader] is { Count: > 0 } client ? client.ToString() : null,
            });
        }
    }

    private static string GuessAuthKind(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "bearer";
        }

        return request.Headers.ContainsKey("x-api-key") || request.Headers.ContainsKey("api-key") ? "key" : "none";
    }

    private static Task WriteStatusAsync(HttpContext ctx, FaultRule rule)
    {
        var status = rule.StatusCode;
        var retryAfter = rule.RetryAfterSeconds ?? (status == 429 ? 1 : null);
        if (retryAfter is int seconds)
        {
            ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            ctx.Response.Headers["retry-after-ms"] = (seconds * 1000).ToString(CultureInfo.InvariantCulture);
        }

        var (code, message) = status switch
        {
            429 => ("TooManyRequests", $"Rate limit is exceeded. Try again in {retryAfter ?? 1} seconds."),
            500 => ("InternalServerError", "The server encountered an internal error. Please retry the request."),
            502 => ("BadGateway", "The gateway did not receive a response from the backend service."),
            503 => ("ServiceUnavailable", "The service is temporarily unavailable. Please retry the request."),
            401 => ("InvalidAuthenticationToken", "The access token is invalid."),
            403 => ("AuthorizationFailed", "The client does not have authorization to perform this action."),
            404 => ("NotFound", "The requested resource was not found."),
            _ => ("Error", $"Injected fault with status {status}."),
        };
        return ctx.WriteAzureErrorAsync(status, rule.ErrorCode ?? code, rule.ErrorMessage ?? message);
    }
}
