using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>What one family's deployment will be: reused as it is, created, or blocked (a verdict says why).</summary>
public sealed record PlannedModel(
    string Family, Offer Offer, string DeploymentName, int Capacity, string Action, string? ExistingState, string? ExistingVersion, bool Pinned,
    string? TakenBy = null, string? ExistingSku = null)
{
    public const string Reuse = "reuse";
    public const string Create = "create";
    public const string Blocked = "blocked";

    /// <summary>A SKU name from ARM when it is a plain name (letters and digits, at most 40), else null.</summary>
    public static string? SkuName(string? sku) => sku is { Length: > 0 and <= 40 } && sku.All(char.IsAsciiLetterOrDigit) ? sku : null;
}

/// <summary>A quota pool's room (usages API): what is free of its limit, across the subscription.</summary>
public sealed record QuotaRoom(int Free, double Limit);

/// <summary>Everything the planner found, read only; what apply acts on.</summary>
public sealed class DeployState
{
    public required DeployParams Request { get; init; }

    /// <summary>How fixes name what to change: command-line options, or the editor's questions.</summary>
    public required DeployWords Words { get; init; }
    public SubscriptionInfo? Subscription { get; set; }
    public string? ResourceGroup { get; set; }
    public string? Location { get; set; }
    public AccountResource? Account { get; set; }
    public bool ResourceGroupExists { get; set; }

    /// <summary>The resource exists but its creation failed: apply sends its PUT again (how ARM retries it).</summary>
    public bool RetryAccount { get; set; }

    /// <summary>That resource's definition as ARM answered its GET: the retried PUT keeps what it had.</summary>
    public System.Text.Json.Nodes.JsonObject? RetryDefinition { get; set; }

    /// <summary>Microsoft.CognitiveServices is not registered in the subscription: apply registers it, then plans again.</summary>
    public bool ProviderUnregistered { get; set; }
    public List<PlannedModel> Models { get; } = [];

    /// <summary>The region catalogue's Claude offers (empty until read).</summary>
    public List<Offer> Offers { get; set; } = [];
    /// <summary>
    /// The regions whose catalogue offers Claude, with what each would deploy per family: read only when the existing
    /// resource's own region cannot serve a family asked (null otherwise, or when they could not be read).
    /// </summary>
    public IReadOnlyList<RegionOffer>? Elsewhere { get; set; }
    public ModelProviderData? ProviderData { get; set; }
    public IdentityInfo? Identity { get; set; }
    public bool MayAssignRoles { get; set; }

    /// <summary>The identity's effective permissions where it writes (null when they could not be read).</summary>
    public List<PermissionSet>? Permissions { get; set; }
    public bool HasDataAccess { get; set; }
    public List<PreflightVerdict> Verdicts { get; } = [];

    /// <summary>Each quota pool read (by usage name), for the capacity question.</summary>
    public Dictionary<string, QuotaRoom> Quota { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The capacity the region has for each model to create (by deployment name), when Azure said.</summary>
    public Dictionary<string, double> RegionCapacity { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<PlannedCall> Calls { get; } = [];
    public List<string> Warnings { get; } = [];

    public bool Blocked => Verdicts.Any(v => v.Status == "fail");

    /// <summary>The verdict of a plan that could not run its checks (Microsoft.CognitiveServices not registered): a dry run then exits 1.</summary>
    public const string Unchecked = "unchecked";

    public string? AccountId => Subscription is null || ResourceGroup is null ? null
        : CognitiveServicesClient.AccountPath(Subscription.Id, ResourceGroup, Request.Resource);

    public void Pass(string check, string detail) => Verdicts.Add(new PreflightVerdict(check, "pass", detail, null));

    public void Fail(string check, string detail, string fix) => Verdicts.Add(new PreflightVerdict(check, "fail", detail, fix));

    public void Warn(string check, string detail, string? fix) => Verdicts.Add(new PreflightVerdict(check, "warn", detail, fix));

    public void Info(string check, string detail, string? fix = null) => Verdicts.Add(new PreflightVerdict(check, "info", detail, fix));

    public void Read(string path, string purpose) => Calls.Add(new PlannedCall("GET", path, null, purpose, Done: true));
}
