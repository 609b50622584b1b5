using System.ComponentModel.DataAnnotations;
namespace FoundryIde.Server.Rpc;

public sealed record InitializeParams(string? ClientName = null, string? ClientVersion = null, CloudSettings? Settings = null);

/// <summary>Which Azure to use; every field optional (default: the public cloud).</summary>
/// <param name="FoundrySuffix">A custom cloud's Foundry host suffix (host, or host:port): keys and tokens go only there.</param>
public sealed record CloudSettings(
    string? Cloud = null, string? ArmEndpoint = null, string? AuthorityHost = null, string? Tenant = null, string? FoundrySuffix = null);

public sealed record InitializeResult(string ServerName, string ServerVersion, ServerCapabilities Capabilities);

public sealed record ServerCapabilities(IReadOnlyList<string> Methods, int MaxMessageBytes);

public sealed record PingResult(DateTimeOffset Time);

/// <param name="Level">Trace, Debug, Information, Warning, Error or None.</param>
public sealed record LogLevelParams(
    [property: AllowedValues("Trace", "Debug", "Information", "Warning", "Error", "None")] string Level);

/// <param name="Resource">Also check access to this Foundry resource (by name) for the credential Claude Code will use.</param>
/// <param name="Subscription">Where to look for it (id or name); default: every visible subscription.</param>
/// <param name="WorkspaceFolder">Also explain Claude Code's configuration for this folder (absolute); default: user-level only.</param>
/// <param name="Shell">The shell a fix's <see cref="FixCommand.CommandLine"/> is quoted for: a path or name (/bin/bash, fish, pwsh, C:\...\cmd.exe).</param>
public sealed record DoctorParams(
    double? ProbeTimeoutSeconds = null, string? Resource = null, string? Subscription = null, string? WorkspaceFolder = null,
    string? Shell = null);

/// <summary>
/// A fix that may be run: a program and its arguments (run without a shell), and the same command quoted for the
/// shell the caller named, to show. Built only from validated values; never destructive, never with a placeholder.
/// </summary>
public sealed record FixCommand(string Program, IReadOnlyList<string> Arguments, string CommandLine);

/// <summary>Whether a variable is set; its value is never carried.</summary>
public sealed record SecretPresence(bool Set);

/// <summary>One link of the credential chain Claude Code uses, as probed here.</summary>
public sealed record CredentialLinkReport(
    string Name, [property: AllowedValues(LinkStatus.Ok, LinkStatus.Unavailable, LinkStatus.Failed)] string Status, string Detail, string? Fix, FixCommand? Run = null);

/// <param name="PrincipalType">User or ServicePrincipal, from the token's claims (idtyp, scp); null when they do not say.</param>
public sealed record IdentityInfo(string? TenantId, string? ObjectId, string? Name, string? PrincipalType = null);

public sealed record DoctorReport(
    SecretPresence ApiKey,
    SecretPresence AuthToken,
    IReadOnlyList<CredentialLinkReport> Links,
    string? Selected,
    IdentityInfo? Identity,
    string Summary,
    IReadOnlyList<string> Problems,
    AccessReport? Access = null,
    EffectiveConfig? Effective = null)
{
    /// <summary>Claude Code would authenticate, and (when a resource was named) may call Claude on it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WouldAuthenticate => Selected is not null && Access?.Status is null or AccessStatus.Ok;
}

/// <summary>Whether the credential Claude Code will use may call Claude on one resource, and the fix if not.</summary>
/// <param name="Status">ok, missing, notFound or unknown.</param>
/// <param name="Warnings">Machine-readable flags, e.g. "disableLocalAuth".</param>
public sealed record AccessReport(
    string Resource, string? ResourceId,
    [property: AllowedValues(AccessStatus.Ok, AccessStatus.Missing, AccessStatus.NotFound, AccessStatus.Unknown)] string Status,
    string Detail, string? Fix, IReadOnlyList<string> Warnings, FixCommand? Run = null);

public static class AccessStatus
{
    public const string Ok = "ok";
    public const string Missing = "missing";
    public const string NotFound = "notFound";
    public const string Unknown = "unknown";
}

/// <summary>The status words of <see cref="CredentialLinkReport.Status"/>.</summary>
public static class LinkStatus
{
    public const string Ok = "ok";
    public const string Unavailable = "unavailable";
    public const string Failed = "failed";
}

/// <summary>resources/list. The tenant is the settings' (initialize / settings/update), never a per-request copy.</summary>
/// <param name="AllowStale">When nothing is listed yet in this session: answer at once with the last listing kept on disk
/// for this cloud and tenant (the result says <c>stale</c>) while a fresh listing starts; ask again (without it) for
/// the fresh one, which joins that listing. Ignored with <paramref name="Refresh"/>.</param>
public sealed record ResourcesParams(
    string? Subscription = null, bool Refresh = false, string? ProgressToken = null, bool AllowStale = false);

/// <param name="Stale">The last known listing, read from the disk cache, while a fresh one runs (asked for with allowStale).</param>
/// <param name="ListedAt">When this listing was made (for a stale one: in an earlier session).</param>
public sealed record ResourcesResult(
    IReadOnlyList<FoundryResource> Resources, IReadOnlyList<DiscoveryError> Errors, bool Stale = false, DateTimeOffset? ListedAt = null);

/// <summary>A Foundry resource (a Microsoft.CognitiveServices account of kind AIServices) and its Claude deployments.</summary>
/// <param name="Endpoint">The Foundry endpoint, only when it passed the host rules (null when <paramref name="Problem"/> is set).</param>
/// <param name="Problem">Why this resource is listed but never used (a hostile or malformed value from ARM, named), or null.</param>
public sealed record FoundryResource(
    string Name,
    string SubscriptionId,
    string ResourceGroup,
    string? Location,
    string? Endpoint,
    IReadOnlyList<ClaudeDeployment> Deployments,
    string Id,
    string? CustomSubDomainName,
    bool DisableLocalAuth,
    string? Problem = null);

/// <param name="Name">The deployment name: what Claude Code must send as `model`.</param>
/// <param name="Family">fable, opus, sonnet, haiku or other (from the model name, by <see cref="Models.ClaudeModels"/>).</param>
/// <param name="Problem">Why this name is never written or chosen (a character Azure does not allow), or null.</param>
/// <param name="IsDefault">The deployment Claude Code's alias for its family names when nothing is chosen (the sidecar's
/// rule: healthy, newest model by generation then version); the editor shows it, it does not re-derive it.</param>
public sealed record ClaudeDeployment(
    string Name, string? Model, string? Version,
    [property: AllowedValues(Discovery.DeploymentFamily.Fable, Discovery.DeploymentFamily.Opus, Discovery.DeploymentFamily.Sonnet, Discovery.DeploymentFamily.Haiku, Discovery.DeploymentFamily.Other)] string Family, string? Sku, int? Capacity, string? State, string? Problem = null,
    bool IsDefault = false);

/// <param name="Scope">What is missing: a subscription or account id.</param>
public sealed record DiscoveryError(string Scope, string Message);

/// <summary>LSP-style work-done progress, sent as `$/progress` notifications for a request's progressToken.</summary>
public sealed record ProgressParams(string Token, ProgressValue Value);

/// <param name="Kind">begin, report or end.</param>
public sealed record ProgressValue([property: AllowedValues("begin", "report", "end")] string Kind, string? Title = null, string? Message = null, int? Percentage = null);
