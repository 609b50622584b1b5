using System.ComponentModel.DataAnnotations;

namespace FoundryIde.Server.Rpc;

/// <summary>deploy/plan and deploy/apply (and `foundry-ide deploy`): create the Foundry resource and the Claude deployments.</summary>
/// <param name="Subscription">Subscription id or name.</param>
/// <param name="Resource">The Foundry resource (AIServices account) name; also its custom subdomain when it is created.</param>
/// <param name="ResourceGroup">Where the resource is (found by listing when omitted) or is created (required with create).</param>
/// <param name="Location">Region for a new resource (an existing one keeps its own).</param>
/// <param name="Create">Create the resource group and the account when missing.</param>
/// <param name="Models">Families to deploy (default: every family Claude Code has an alias for that the region offers).</param>
/// <param name="Pins">FAMILY=MODEL[@VERSION], each pinning one family's model (and version).</param>
/// <param name="Capacity">Capacity of each new deployment, in thousands of tokens per minute (default: the catalogue's default).</param>
/// <param name="Organization">Anthropic organisation details Azure passes on (modelProviderData); needed for a new deployment.</param>
/// <param name="Country">Two-letter country code.</param>
/// <param name="GrantAccess">Assign "Azure AI User" on the resource to the identity Claude Code will use, and wait until it applies.</param>
public sealed record DeployParams(
    string Subscription,
    string Resource,
    string? ResourceGroup = null,
    string? Location = null,
    bool Create = false,
    [property: AllowedValues(Discovery.DeploymentFamily.Fable, Discovery.DeploymentFamily.Opus, Discovery.DeploymentFamily.Sonnet, Discovery.DeploymentFamily.Haiku)] IReadOnlyList<string>? Models = null,
    IReadOnlyList<string>? Pins = null,
    int? Capacity = null,
    string? Organization = null,
    string? Industry = null,
    string? Country = null,
    bool GrantAccess = false,
    string? ProgressToken = null);

/// <param name="Resource">The resource (null when the subscription could not be read).</param>
/// <param name="Deployments">Every asked family's deployment: reused, created, planned, or what exists after a failure.</param>
/// <param name="Plan">The preflight verdicts and every ARM call that was (or, in a dry run, would be) made.</param>
/// <param name="DryRun">Nothing was written.</param>
public sealed record DeployResult(
    DeployResourceInfo? Resource,
    IReadOnlyList<DeployedModel> Deployments,
    RoleAssignmentInfo? RoleAssignment,
    DeployPlan Plan,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<DeployError> Errors,
    bool DryRun);

/// <param name="Created">Created by this run.</param>
/// <param name="Exists">Exists now (false in a dry run that would create it).</param>
public sealed record DeployResourceInfo(
    string Name, string? Id, string? Endpoint, bool Created, bool Exists, string SubscriptionId, string? ResourceGroup, string? Location);

/// <param name="Name">The deployment name: what Claude Code sends as `model`.</param>
/// <param name="Family">The family asked for (as the model's name classifies it).</param>
/// <param name="State">Azure's provisioningState (Succeeded, Failed, Creating ...), or "planned" in a dry run, "blocked" when a preflight stands in its way (its name taken by another model, a capacity over the maximum), or "notCreated".</param>
/// <param name="Hosting">What the SKU means for where requests are processed.</param>
public sealed record DeployedModel(
    string Name, string Model, string Version, string Family, string Sku, int Capacity, string State, bool Created, string Hosting);

/// <param name="State">created, existing (already assigned), planned, notAllowed (the identity may not write role assignments), failed, skipped.</param>
/// <param name="Applied">A Messages call stopped answering 401/403 after the assignment (null when not waited for).</param>
public sealed record RoleAssignmentInfo(
    string Role, string PrincipalId, string Scope,
    [property: AllowedValues("created", "existing", "planned", "notAllowed", "failed", "skipped")] string State,
    string? Id, string Detail, string? Fix, bool? Applied = null);

/// <param name="Offers">Every Claude model and version the region's catalogue offers (Global Standard); empty when it was not read.</param>
/// <param name="Capacity">What a capacity question needs, when a capacity may change the outcome: null after apply, when
/// nothing would be created, or when a failure other than quota stands.</param>
public sealed record DeployPlan(IReadOnlyList<PreflightVerdict> Preflight, IReadOnlyList<PlannedCall> Calls, IReadOnlyList<OfferedModel> Offers, CapacityQuestion? Capacity);

/// <param name="Chosen">The plan deploys (or reuses) this model and version for its family.</param>
/// <param name="Lifecycle">The catalogue's lifecycle status (GenerallyAvailable, Preview, Deprecating ...), when given.</param>
/// <param name="Pin">What to send in <see cref="DeployParams.Pins"/> to choose this one.</param>
/// <param name="HostedOn">Where a dual-hosted version is processed, as the catalogue's hostedOn capability says: anthropic or azure (null: not said).</param>
public sealed record OfferedModel(string Family, string Model, string Version, bool IsDefaultVersion, string? Lifecycle, bool Chosen, string Pin,
    [property: AllowedValues("anthropic", "azure", null)] string? HostedOn = null);

/// <param name="Context">One line per deployment the capacity applies to: ✓/✗/? (it fits the quota and the region's
/// capacity, does not, not reported), name, model, version, the planned capacity and what is free of the subscription's
/// pool (and of the region's capacity when that is less), e.g. "✓ claude-sonnet-4-5 (claude-sonnet-4-5 20250929): 50
/// planned, 280 of 400 free".</param>
/// <param name="QuotaFails">A quota verdict fails: a smaller capacity may cure it.</param>
public sealed record CapacityQuestion(IReadOnlyList<string> Context, bool QuotaFails);

/// <param name="Check">permissions, subscription, name, resource, region, model, existing, quota, marketplace, providerData, access.</param>
/// <param name="Status">pass, fail (nothing is written while one fails), warn, info.</param>
public sealed record PreflightVerdict(
    string Check, [property: AllowedValues("pass", "fail", "warn", "info")] string Status, string Detail, string? Fix);

/// <param name="Path">Path and query on ARM.</param>
/// <param name="Body">The JSON body (secrets masked), or null.</param>
/// <param name="Done">Made (true) or only planned (false).</param>
public sealed record PlannedCall(string Method, string Path, string? Body, string Purpose, bool Done = false);

/// <param name="Code">Azure's error code (InsufficientQuota, InvalidModelProviderData, 715-123420 ...) or ours (Cancelled, Timeout).</param>
public sealed record DeployError(string Code, string Message, string? Fix, string? Deployment = null);

/// <param name="Subscription">Id or name.</param>
/// <param name="ProgressToken">For `$/progress` while the region catalogues are read.</param>
public sealed record RegionsParams(string Subscription, string? ProgressToken = null);

/// <param name="Family">fable, opus, sonnet or haiku (other: a Claude model whose name holds no family word).</param>
/// <param name="Model">What deploy would create for the family there (newest generation).</param>
/// <param name="Version">Its version: the default one, else the newest.</param>
public sealed record RegionModel(string Family, string Model, string Version);

/// <param name="Name">The location name (eastus2).</param>
public sealed record RegionOffer(string Name, IReadOnlyList<RegionModel> Models);

/// <param name="Subscription">The subscription's id.</param>
/// <param name="Regions">Where its catalogue offers Claude (Global Standard), by name.</param>
/// <param name="Unchecked">Locations whose catalogue could not be read (denied, timed out).</param>
/// <param name="Note">Why no region could be read at all, when that is known (Microsoft.CognitiveServices not registered yet).</param>
public sealed record RegionsResult(string Subscription, IReadOnlyList<RegionOffer> Regions, IReadOnlyList<string> Unchecked, string? Note = null);
