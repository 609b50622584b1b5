using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FoundryIde.Emulator;

/// <summary>Small HTTP helpers shared by the endpoint groups.</summary>
internal static class HttpHelpers
{
    private const string NoteKey = "FoundryIde.Emulator.Note";

    /// <summary>Writes apostrophes and non-ASCII text as Azure does (unescaped).</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RequestNote Note(this HttpContext context)
    {
        if (context.Items.TryGetValue(NoteKey, out var value) && value is RequestNote note)
        {
            return note;
        }

        var created = new RequestNote();
        context.Items[NoteKey] = created;
        return created;
    }

    /// <summary>scheme://host[:port] as the client addressed us (keeps a hosts-file name like login.microsoftonline.com).</summary>
    public static string Origin(this HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host.Value}";

    public static string? Route(this HttpContext context, string name) => context.Request.RouteValues[name] as string;

    public static string? BearerToken(this HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Set on an ARM request when the emulator spells states in lower case (EmulatorState.LowerCaseStates).</summary>
    public const string LowerCaseStates = "lowerCaseStates";

    public static async Task WriteJsonAsync(this HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        if (context.Items.ContainsKey(LowerCaseStates)) LowerStates(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Relaxed));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static void LowerStates(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) LowerStates(item);
        }
        else if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                if (key is "provisioningState" or "status" && value is JsonValue v && v.TryGetValue<string>(out var s)) o[key] = s.ToLowerInvariant();
                else LowerStates(value);
            }
        }
    }

    /// <summary>The ARM / Cognitive Services error shape: {"error":{"code","message"}}.</summary>
    public static Task WriteAzureErrorAsync(this HttpContext context, int status, string code, string message) =>
        context.WriteJsonAsync(AzureError(code, message), status);

    public static JsonObject AzureError(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    /// <summary>Reads an application/x-www-form-urlencoded body (empty form for anything else).</summary>
    public static async Task<IFormCollection> ReadFormOrEmptyAsync(this HttpContext context)
    {
        return context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
    }

    public static async Task<JsonNode?> ReadJsonOrNullAsync(this HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string NewRequestId() => Guid.NewGuid().ToString();

    public static JsonArray Strings(params ReadOnlySpan<string> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode?)JsonValue.Create(v));
        }

        return array;
    }

    public static JsonArray ToJsonArray(this IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
