using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources (api-version 2021-03-01, 2022-10-01, 2024-04-01).
/// Body {subscriptions?, query, options?: {$top, $skip, $skipToken, resultFormat: objectArray}}; answer
/// {totalRecords, count, data, facets: [], resultTruncated: "false", $skipToken?}. Only Cognitive Services accounts the
/// caller may read (Microsoft.CognitiveServices/accounts/read) in subscriptions it can see are returned; see
/// <see cref="ResourceGraphQuery"/> for the queries it understands.
/// </summary>
internal static class ResourceGraphEndpoints
{
    public const string Path = "/providers/Microsoft.ResourceGraph/resources";
    public const string ReadAction = "Microsoft.ResourceGraph/resources/read";

    private static readonly string[] ApiVersions = ["2024-04-01", "2022-10-01", "2021-03-01"];

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu, ArmAccess arm) =>
        ArmEndpoints.MapArm(app, arm, "POST", Path, (ctx, caller) => QueryAsync(ctx, caller, emu, arm));

    private static async Task QueryAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var apiVersion = ctx.Request.Query["api-version"].ToString();
        if (!ApiVersions.Contains(apiVersion, StringComparer.OrdinalIgnoreCase))
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidApiVersionParameter",
                $"The api-version '{apiVersion}' is invalid. The supported versions are '{string.Join(",", ApiVersions)}'.");
            return;
        }

        if (emu.State.IsResourceGraphDenied(caller.ObjectId))
        {
            await ArmAccess.ForbiddenAsync(ctx, caller, ReadAction, "/providers/Microsoft.ResourceGraph");
            return;
        }

        if (await ctx.ReadJsonOrNullAsync() is not JsonObject body || body["query"] is not JsonValue q || !q.TryGetValue<string>(out var text))
        {
            await BadRequestAsync(ctx, "InvalidRequestContent", "The request body must be a JSON object with a 'query' string.");
            return;
        }

        var options = body["options"] as JsonObject ?? new JsonObject();
        if (body["managementGroups"] is JsonArray { Count: > 0 })
        {
            await BadRequestAsync(ctx, "UnsupportedScope", "The emulator has no management groups; pass subscriptions or no scope.");
            return;
        }

        var format = StringOption(options, "resultFormat") ?? "objectArray";
        if (!format.Equals("objectArray", StringComparison.OrdinalIgnoreCase))
        {
            await BadRequestAsync(ctx, "UnsupportedResultFormat", $"The emulator returns only resultFormat 'objectArray', not '{format}'.");
            return;
        }

        var top = IntOption(options, "$top");
        if (top is < 1 or > 1000)
        {
            await BadRequestAsync(ctx, "InvalidTop", "$top must be between 1 and 1000.");
            return;
        }

        var query = ResourceGraphQuery.Parse(text, out var error);
        if (query is null)
        {
            await BadRequestAsync(ctx, "ParserFailure", $"{error}. Query: {text}");
            return;
        }

        var requested = body["subscriptions"] is JsonArray subs
            ? subs.Select(s => s is JsonValue v && v.TryGetValue<string>(out var id) ? id : "").Where(s => s.Length > 0).ToList()
            : [];
        var fingerprint = Fingerprint(text, requested);
        var skip = IntOption(options, "$skip");
        if (skip is null && StringOption(options, "$skipToken") is string token)
        {
            skip = DecodeSkipToken(token, fingerprint);
            if (skip is null)
            {
                await BadRequestAsync(ctx, "InvalidSkipToken",
                    "The $skipToken is invalid or was issued for another query or other subscriptions.");
                return;
            }
        }

        var rows = query.Apply(Rows(emu, arm, caller, requested));
        var offset = Math.Clamp(skip ?? 0, 0, rows.Count);
        var size = Math.Max(1, Math.Min(emu.Options.PageSize, top ?? int.MaxValue));
        var page = rows.Skip(offset).Take(size).ToList();
        var response = new JsonObject
        {
            ["totalRecords"] = rows.Count,
            ["count"] = page.Count,
            ["data"] = new JsonArray([.. page]),
            ["facets"] = new JsonArray(),
            ["resultTruncated"] = emu.State.ResourceGraphTruncates && page.Count < rows.Count ? "true" : "false",
        };
        if (offset + page.Count < rows.Count && !emu.State.ResourceGraphTruncates)
        {
            response["$skipToken"] = EncodeSkipToken(offset + page.Count, fingerprint);
        }

        ctx.Response.Headers["x-ms-user-quota-remaining"] = "14";
        ctx.Response.Headers["x-ms-user-quota-resets-after"] = "00:00:05";
        await ctx.WriteJsonAsync(response);
    }

    /// <summary>The caller's readable accounts in the requested (or all visible) subscriptions, as Resource Graph rows, by id.</summary>
    private static List<JsonObject> Rows(EmulatorContext emu, ArmAccess arm, IssuedToken caller, List<string> requested)
    {
        List<SubscriptionSeed> subscriptions;
        lock (emu.State.SyncRoot)
        {
            subscriptions = [.. emu.State.Subscriptions];
        }

        var visible = subscriptions
            .Where(s => s.TenantId.Equals(caller.TenantId, StringComparison.OrdinalIgnoreCase)
                && (requested.Count == 0 || requested.Contains(s.Id, StringComparer.OrdinalIgnoreCase))
                && emu.State.HasAnyGrantTouching(caller.ObjectId, $"/subscriptions/{s.Id}"))
            .ToList();
        return [.. visible
            .SelectMany(s => emu.State.ListAccounts(s.Id).Select(a => (Account: a, TenantId: s.TenantId)))
            .Where(x => arm.CanDo(caller, x.Account.Id, RolePermissions.AccountsReadAction))
            .OrderBy(x => x.Account.Id, StringComparer.OrdinalIgnoreCase)
            .Select(x => Row(ArmResources.Account(x.Account, emu.FoundryEndpoint(x.Account)), x.Account, x.TenantId))];
    }

    /// <summary>An account as the Resources table holds it: ARM's GET body plus tenantId/resourceGroup/subscriptionId, lower-case type.</summary>
    private static JsonObject Row(JsonObject arm, AccountSeed account, string tenantId) => new()
    {
        ["id"] = account.Id,
        ["name"] = account.Name,
        ["type"] = ResourceGraphQuery.AccountsType,
        ["tenantId"] = tenantId,
        ["kind"] = account.Kind,
        ["location"] = account.Location.ToLowerInvariant(),
        ["resourceGroup"] = account.ResourceGroup.ToLowerInvariant(),
        ["subscriptionId"] = account.SubscriptionId,
        ["managedBy"] = "",
        ["sku"] = arm["sku"]?.DeepClone(),
        ["plan"] = null,
        ["properties"] = arm["properties"]?.DeepClone(),
        ["tags"] = arm["tags"]?.DeepClone(),
        ["identity"] = arm["identity"]?.DeepClone(),
        ["zones"] = null,
        ["extendedLocation"] = null,
    };

    private static Task BadRequestAsync(HttpContext ctx, string detailCode, string detail)
    {
        var error = HttpHelpers.AzureError("BadRequest",
            $"Please provide below info when asking for support: timestamp = {DateTimeOffset.UtcNow:O}, correlationId = {Guid.NewGuid()}.");
        error["error"]!["details"] = new JsonArray(
            new JsonObject
            {
                ["code"] = "InvalidQuery",
                ["message"] = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
            },
            new JsonObject { ["code"] = detailCode, ["message"] = detail });
        return ctx.WriteJsonAsync(error, 400);
    }

    private static string? StringOption(JsonObject options, string name) =>
        options[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static int? IntOption(JsonObject options, string name) => options[name] switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    private static string Fingerprint(string query, List<string> subscriptions) => Convert.ToHexStringLower(SHA256.HashData(
        Encoding.UTF8.GetBytes(query + "\n" + string.Join(",", subscriptions.Select(s => s.ToLowerInvariant()).Order(StringComparer.Ordinal)))))[..16];

    private static string EncodeSkipToken(int skip, string fingerprint) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        new JsonObject { ["$skip"] = skip, ["query"] = fingerprint }.ToJsonString()));

    private static int? DecodeSkipToken(string token, string fingerprint)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token))) as JsonObject;
            return node?["query"]?.GetValue<string>() == fingerprint && node["$skip"] is JsonValue v && v.TryGetValue<int>(out var skip)
                ? skip
                : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
