namespace FoundryIde.Emulator;

/// <summary>An Entra ID tenant.</summary>
public sealed class TenantSeed
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string DefaultDomain { get; set; } = "";
}

/// <summary>An Azure subscription.</summary>
public sealed class SubscriptionSeed
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string TenantId { get; set; } = "";

    /// <summary>Enabled, Disabled, Warned, PastDue, Deleted.</summary>
    public string State { get; set; } = "Enabled";

    /// <summary>subscriptionPolicies.quotaId: the offer (PayAsYouGo_2014-09-01, FreeTrial_2014-09-01, CSP_2015-05-01 ...).</summary>
    public string QuotaId { get; set; } = "PayAsYouGo_2014-09-01";

    /// <summary>subscriptionPolicies.spendingLimit: On, Off or CurrentPeriodOff.</summary>
    public string SpendingLimit { get; set; } = "Off";
}

/// <summary>A service principal (app registration) that can sign in with a secret or a federated assertion.</summary>
public sealed class ServicePrincipalSeed
{
    public string AppId { get; set; } = "";
    public string Secret { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string ObjectId { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>The client assertion (workload identity token file content) this app trusts, if any.</summary>
    public string? FederatedAssertion { get; set; }
}

/// <summary>A user-assigned managed identity served by the App Service and IMDS token endpoints.</summary>
public sealed class ManagedIdentitySeed
{
    public string ObjectId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>ARM id of the identity (the xms_mirid claim).</summary>
    public string ResourceId { get; set; } = "";
}

/// <summary>A Microsoft.CognitiveServices/accounts resource (Foundry resource when kind is AIServices).</summary>
public sealed class AccountSeed
{
    public string SubscriptionId { get; set; } = "";
    public string ResourceGroup { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>AIServices, OpenAI, ...</summary>
    public string Kind { get; set; } = "AIServices";
    public string Location { get; set; } = "eastus2";

    /// <summary>The host label of the endpoints; may differ from <see cref="Name"/>.</summary>
    public string CustomSubDomainName { get; set; } = "";
    public string ProvisioningState { get; set; } = "Succeeded";
    public bool DisableLocalAuth { get; set; }
    public string PublicNetworkAccess { get; set; } = "Enabled";

    /// <summary>properties.networkAcls.defaultAction: Allow, or Deny (only the listed networks reach it).</summary>
    public string NetworkDefaultAction { get; set; } = "Allow";

    /// <summary>identity.type: None, SystemAssigned, UserAssigned.</summary>
    public string IdentityType { get; set; } = "None";
    public Dictionary<string, string> Tags { get; set; } = [];
    public string Key1 { get; set; } = "";
    public string Key2 { get; set; } = "";
    public List<DeploymentSeed> Deployments { get; set; } = [];

    /// <summary>
    /// When set, ARM reports this as the account's "AI Foundry API" endpoint instead of the computed one: a private
    /// endpoint's host, another server, or a port nobody listens on.
    /// </summary>
    public string? FoundryEndpoint { get; set; }

    /// <summary>When set, ARM answers report this as the account's "id" (a hostile Azure: an absolute URL, "..", "?").</summary>
    public string? ReportedId { get; set; }

    public string Id =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{Name}";
}

/// <summary>A model deployment of an account.</summary>
public sealed class DeploymentSeed
{
    public string Name { get; set; } = "";

    /// <summary>Anthropic, OpenAI, ...</summary>
    public string ModelFormat { get; set; } = "Anthropic";
    public string ModelName { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public string SkuName { get; set; } = "GlobalStandard";
    public int Capacity { get; set; } = 100;
    public string ProvisioningState { get; set; } = "Succeeded";

    /// <summary>Overrides <see cref="EmulatorState.ReplyText"/> for messages sent to this deployment.</summary>
    public string? ReplyText { get; set; }
}

/// <summary>
/// The effect of one role assignment: a principal holds these permissions at <see cref="Scope"/> and below.
/// </summary>
public sealed class RoleGrant
{
    public string PrincipalId { get; set; } = "";

    /// <summary>ARM id prefix, e.g. /subscriptions/{s} or an account id.</summary>
    public string Scope { get; set; } = "";
    public string RoleName { get; set; } = "";
    public List<string> Actions { get; set; } = [];
    public List<string> NotActions { get; set; } = [];
    public List<string> DataActions { get; set; } = [];
    public List<string> NotDataActions { get; set; } = [];
}
