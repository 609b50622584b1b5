using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// The PUT that retries a resource whose creation failed, built from the resource's own definition (a PUT replaces
/// it): its SKU, tags, identity and writable properties (network rules, public network access, local auth,
/// encryption ...) are sent as they were, so the retry does not open or reset it. What the definition holds beyond
/// those is named in the plan: Azure resets it.
/// </summary>
public static partial class AccountRetry
{
    /// <summary>Writable properties of Microsoft.CognitiveServices/accounts (2025-06-01), sent again as they are.</summary>
    private static readonly string[] Writable =
    [
        "networkAcls", "disableLocalAuth", "restrictOutboundNetworkAccess", "allowedFqdnList", "encryption", "userOwnedStorage", "apiProperties",
        "dynamicThrottlingEnabled", "networkInjections", "associatedProjects", "defaultProject", "amlWorkspace", "raiMonitorConfig", "storedCompletionsDisabled",
    ];

    /// <summary>What ARM reports and a PUT does not set (or sets elsewhere: the body's own fields).</summary>
    private static readonly string[] NotForAPut =
    [
        "customSubDomainName", "allowProjectManagement", "publicNetworkAccess", "provisioningState", "endpoint", "endpoints", "internalId", "dateCreated",
        "callRateLimit", "quotaLimit", "capabilities", "skuChangeInfo", "isMigrated", "privateEndpointConnections", "deletionDate", "scheduledPurgeDate",
        "locations", "commitmentPlanAssociations", "abusePenalty", "networkSecurityPerimeterConfiguration",
    ];

    private static readonly string[] IdentityTypes = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"];

    public static AccountCreateBody Body(string location, JsonObject own, string subdomain)
    {
        var properties = own["properties"] as JsonObject;
        var kept = new Dictionary<string, JsonElement>();
        foreach (var name in Writable)
        {
            if (properties?[name] is { } value)
            {
                using var copy = JsonDocument.Parse(value.ToJsonString());
                kept[name] = copy.RootElement.Clone();
            }
        }

        return new AccountCreateBody(location, "AIServices", new ArmSku(PlannedModel.SkuName(Text(own["sku"]?["name"])) ?? "S0", null),
            new AccountCreateProperties(subdomain, Bool(properties?["allowProjectManagement"]) ?? true,
                TrustedValues.PlainWord(Text(properties?["publicNetworkAccess"]), "Enabled")) { Kept = kept.Count == 0 ? null : kept },
            Tags(own), Identity(own));
    }

    /// <summary>"with its own definition (SKU S0, 2 tags, identity SystemAssigned, networkAcls, ...); not sent, so reset by Azure: x".</summary>
    public static string Describe(JsonObject own)
    {
        var body = Body("", own, "");
        var parts = new List<string> { $"SKU {body.Sku.Name}", $"public network access {body.Properties.PublicNetworkAccess}" };
        if (body.Tags is { Count: > 0 } tags) parts.Add($"{tags.Count} tag{(tags.Count == 1 ? "" : "s")}");
        if (body.Identity?["type"] is { } type) parts.Add($"identity {type}");
        parts.AddRange(body.Properties.Kept?.Select(p => p.Key) ?? []);
        var dropped = (own["properties"] as JsonObject)?.Select(p => p.Key)
            .Where(n => !Writable.Contains(n, StringComparer.OrdinalIgnoreCase) && !NotForAPut.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList() ?? [];
        var shown = dropped.Where(n => PropertyName().IsMatch(n)).Take(10).ToList();
        return $"with its own definition ({string.Join(", ", parts)})" + (dropped.Count == 0 ? ""
            : $"; not sent, so Azure resets {(shown.Count == 0 ? "" : string.Join(", ", shown))}" +
              $"{(dropped.Count > shown.Count ? $"{(shown.Count == 0 ? "" : " and ")}{dropped.Count - shown.Count} other properties" : "")}");
    }

    private static Dictionary<string, string>? Tags(JsonObject own)
    {
        if (own["tags"] is not JsonObject tags) return null;
        var kept = tags.Where(t => Text(t.Value) is not null).ToDictionary(t => t.Key, t => Text(t.Value)!);
        return kept.Count == 0 ? null : kept;
    }

    /// <summary>The identity's type and its user-assigned identities' ids (their other fields are read-only).</summary>
    private static JsonObject? Identity(JsonObject own)
    {
        if (Text(own["identity"]?["type"]) is not { } type || IdentityTypes.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase)) is not { } known) return null;
        var identity = new JsonObject { ["type"] = known };
        if (own["identity"]?["userAssignedIdentities"] is JsonObject assigned)
        {
            identity["userAssignedIdentities"] = new JsonObject([.. assigned.Where(a => ArmIds.PathProblem(a.Key) is null)
                .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject()))]);
        }

        return identity;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex PropertyName();
}
