namespace FoundryIde.Emulator;

/// <summary>A resource group created by PUT (groups that only hold seeded accounts exist implicitly).</summary>
public sealed class ResourceGroupSeed
{
    public string SubscriptionId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Location { get; set; } = "";
}

/// <summary>One entry of a location's model catalogue (GET .../locations/{loc}/models).</summary>
public sealed class CatalogueModelSeed
{
    public string Location { get; set; } = "";
    public string Format { get; set; } = "Anthropic";
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public bool IsDefaultVersion { get; set; } = true;

    /// <summary>GenerallyAvailable, Preview, Deprecating, ...</summary>
    public string LifecycleStatus { get; set; } = "GenerallyAvailable";

    /// <summary>When Azure stops serving the version (the model's deprecation.inference, a date-time); null: not said.</summary>
    public string? DeprecationInference { get; set; }
    public string SkuName { get; set; } = "GlobalStandard";
    public int MaxCapacity { get; set; } = 10000;
    public int DefaultCapacity { get; set; } = 50;

    /// <summary>
    /// The catalogue's hostedOn capability of a dual-hosted Claude version ("anthropic" or "azure"; null: not
    /// advertised). An Azure-hosted version draws from its own quota pool (".Azure").
    /// </summary>
    public string? HostedOn { get; set; }

    /// <summary>The usage (quota) name the SKU draws from, as the catalogue reports it.</summary>
    public string UsageName => $"AIServices.{SkuName}.{Name}{(HostedOn == "azure" ? ".Azure" : "")}";
}

/// <summary>A quota limit of a subscription (Global Standard: one pool per subscription, reported in every location).</summary>
public sealed class QuotaSeed
{
    public string SubscriptionId { get; set; } = "";
    public string UsageName { get; set; } = "";
    public int Limit { get; set; }
}

/// <summary>A Marketplace agreement (Microsoft.MarketplaceOrdering/agreements) of a subscription.</summary>
public sealed class AgreementSeed
{
    public string SubscriptionId { get; set; } = "";
    public string Publisher { get; set; } = "";
    public string Offer { get; set; } = "";
    public string Plan { get; set; } = "";
    public bool Accepted { get; set; }
}

/// <summary>A role assignment created through ARM; its <see cref="RoleGrant"/> is added once the delay has passed.</summary>
public sealed class RoleAssignmentSeed
{
    public string Name { get; set; } = "";
    public string Scope { get; set; } = "";
    public string RoleDefinitionId { get; set; } = "";
    public string PrincipalId { get; set; } = "";
    public string PrincipalType { get; set; } = "User";
    public DateTimeOffset CreatedOn { get; set; }
}

/// <summary>
/// An injected deployment failure: a PUT whose model (or deployment) name contains <see cref="Match"/> fails with this
/// code, either at once (<see cref="AtPut"/>) or when its long-running operation ends (the deployment is left Failed).
/// </summary>
public sealed class DeployFaultSeed
{
    public string Match { get; set; } = "";
    public int Status { get; set; } = 400;
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public bool AtPut { get; set; } = true;

    /// <summary>How many PUTs it fails (0: every one).</summary>
    public int Count { get; set; }
}

/// <summary>A long-running operation (Azure-AsyncOperation) the emulator is running.</summary>
public sealed class OperationSeed
{
    public string Id { get; set; } = "";
    public string Location { get; set; } = "";
    public string AccountId { get; set; } = "";

    /// <summary>The deployment being created, or null for the account itself.</summary>
    public string? Deployment { get; set; }
    public int PollsLeft { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }

    /// <summary>InProgress, Succeeded, Failed.</summary>
    public string Status { get; set; } = "InProgress";

    /// <summary>Polled through a Location header (202 until done) rather than Azure-AsyncOperation.</summary>
    public bool ByLocation { get; set; }
}
