using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>Source-generated JSON for the admin endpoints and seed files (works with reflection-based JSON disabled).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EmulatorState))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<FaultRule>))]
[JsonSerializable(typeof(List<RequestLogEntry>))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext;

/// <summary>
/// Unauthenticated test controls under /_emulator/: GET/DELETE requests, GET/POST/DELETE faults, GET/PUT state, GET health.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        const string p = RequestPipeline.AdminPrefix;
        app.MapGet($"{p}/health", (RequestDelegate)(ctx => ctx.Response.WriteAsync("ok", ctx.RequestAborted)));
        app.MapGet($"{p}/requests", (RequestDelegate)(ctx =>
            WriteAsync(ctx, emu.Requests.Snapshot().ToList(), EmulatorJsonContext.Default.ListRequestLogEntry)));
        app.MapDelete($"{p}/requests", (RequestDelegate)(ctx =>
        {
            emu.Requests.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
        app.MapGet($"{p}/faults", (RequestDelegate)(ctx =>
            WriteAsync(ctx, emu.Faults.Rules.ToList(), EmulatorJsonContext.Default.ListFaultRule)));
        app.MapPost($"{p}/faults", (RequestDelegate)(async ctx =>
        {
            var rule = await ReadAsync(ctx, EmulatorJsonContext.Default.FaultRule);
            if (rule is null)
            {
                return;
            }

            try
            {
                emu.Faults.Add(rule);
            }
            catch (ArgumentException ex)
            {
                await ctx.WriteAzureErrorAsync(400, "InvalidFaultRule", ex.Message);
                return;
            }

            await WriteAsync(ctx, rule, EmulatorJsonContext.Default.FaultRule, 201);
        }));
        app.MapDelete($"{p}/faults", (RequestDelegate)(ctx =>
        {
            emu.Faults.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
        app.MapGet($"{p}/state", (RequestDelegate)(ctx =>
        {
            string json;
            lock (emu.State.SyncRoot)
            {
                json = JsonSerializer.Serialize(emu.State, EmulatorJsonContext.Default.EmulatorState);
            }

            ctx.Response.ContentType = "application/json; charset=utf-8";
            return ctx.Response.WriteAsync(json, ctx.RequestAborted);
        }));
        app.MapPut($"{p}/state", (RequestDelegate)(async ctx =>
        {
            var state = await ReadAsync(ctx, EmulatorJsonContext.Default.EmulatorState);
            if (state is not null)
            {
                emu.State.ReplaceWith(state);
                ctx.Response.StatusCode = 204;
            }
        }));
    }

    private static async Task WriteAsync<T>(HttpContext ctx, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, value, info, ctx.RequestAborted);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(ctx.Request.Body, info, ctx.RequestAborted);
            if (value is not null)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidRequestContent", ex.Message);
            return null;
        }
        catch (ArgumentException ex)
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidRequestContent", ex.Message);
            return null;
        }

        await ctx.WriteAzureErrorAsync(400, "InvalidRequestContent", "The request body is empty.");
        return null;
    }
}
