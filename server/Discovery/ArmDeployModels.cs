using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FoundryIde.Server.Discovery;

// The parts of ARM's JSON that `deploy` reads and writes: Microsoft.CognitiveServices 2025-06-01 (location models,
// usages, modelCapacities, checkDomainAvailability, account and deployment PUT bodies, Azure-AsyncOperation status),
// Microsoft.Resources resource groups, Microsoft.MarketplaceOrdering agreements 2021-01-01 and
// Microsoft.Authorization role assignments 2022-04-01. Unknown fields are ignored.

public sealed record CatalogueEntry(string? Kind, CatalogueModel? Model);

/// <param name="LifecycleStatus">GenerallyAvailable, Preview, Deprecating, Deprecated, Legacy (Stable: the old word for GenerallyAvailable).</param>
public sealed record CatalogueModel(
    string? Format, string? Name, string? Version, bool? IsDefaultVersion, string? LifecycleStatus, int? MaxCapacity, List<CatalogueSku>? Skus,
    Dictionary<string, string>? Capabilities = null, CatalogueDeprecation? Deprecation = null);

/// <summary>ModelDeprecationInfo: when Azure stops fine-tuning and serving (inference) the model version, as date-times.</summary>
public sealed record CatalogueDeprecation(string? FineTune, string? Inference);

public sealed record CatalogueSku(string? Name, string? UsageName, CatalogueCapacity? Capacity);

public sealed record CatalogueCapacity(int? Maximum, int? Minimum, int? Default);

public sealed record UsageName(string? Value, string? LocalizedValue);

public sealed record Usage(UsageName? Name, double? CurrentValue, double? Limit, string? Unit);

public sealed record ModelCapacity(string? Location, ModelCapacityProperties? Properties);

public sealed record ModelCapacityProperties(DeploymentModel? Model, string? SkuName, double? AvailableCapacity);

/// <summary>A resource provider's registration in a subscription (Microsoft.Resources providers).</summary>
public sealed record ProviderRegistration(string? Namespace, [property: JsonConverter(typeof(ArmStateConverter))] string? RegistrationState);

/// <summary>An item of a subscription's agreements list (OldAgreementTerms): its name is the plan.</summary>
public sealed record AgreementResource(string? Id, string? Name, AgreementProperties? Properties);

/// <summary>State: Active (the terms are signed) or Canceled.</summary>
public sealed record AgreementProperties(string? Publisher, string? Offer, string? State);

public sealed record DomainAvailabilityRequest(string SubdomainName, string Type, string? Kind);

public sealed record DomainAvailability(string? SubdomainName, bool? IsSubdomainAvailable, string? Reason);

public sealed record ResourceGroupBody(string Location);

public sealed record ResourceGroupResource(string? Id, string? Name, string? Location);

/// <param name="Identity">A retried resource's own identity (type, and its user-assigned identities' ids).</param>
public sealed record AccountCreateBody(string Location, string Kind, ArmSku Sku, AccountCreateProperties Properties,
    Dictionary<string, string>? Tags = null, JsonObject? Identity = null);

public sealed record AccountCreateProperties(string CustomSubDomainName, bool AllowProjectManagement, string PublicNetworkAccess)
{
    /// <summary>A retried resource's own writable properties (network rules, local auth, encryption ...), sent as they were.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Kept { get; set; }
}

public sealed record DeploymentCreateBody(ArmSku Sku, DeploymentCreateProperties Properties);

public sealed record DeploymentCreateProperties(DeploymentModel Model, ModelProviderData? ModelProviderData);

public sealed record ModelProviderData(string OrganizationName, string Industry, string CountryCode);

public sealed record OperationStatus([property: JsonConverter(typeof(ArmStateConverter))] string? Status, ArmErrorDetail? Error);

public sealed record ArmErrorDetail(string? Code, string? Message);

public sealed record RoleAssignmentBody(RoleAssignmentProperties Properties);

public sealed record RoleAssignmentProperties(string RoleDefinitionId, string PrincipalId, string? PrincipalType = null, string? Scope = null);

public sealed record RoleAssignmentResource(string? Id, string? Name, RoleAssignmentProperties? Properties);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ArmPage<CatalogueEntry>))]
[JsonSerializable(typeof(ArmPage<Usage>))]
[JsonSerializable(typeof(ArmPage<ModelCapacity>))]
[JsonSerializable(typeof(ArmPage<AgreementResource>))]
[JsonSerializable(typeof(ProviderRegistration))]
[JsonSerializable(typeof(ArmPage<RoleAssignmentResource>))]
[JsonSerializable(typeof(DomainAvailabilityRequest))]
[JsonSerializable(typeof(DomainAvailability))]
[JsonSerializable(typeof(ResourceGroupBody))]
[JsonSerializable(typeof(ResourceGroupResource))]
[JsonSerializable(typeof(AccountCreateBody))]
[JsonSerializable(typeof(AccountResource))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(DeploymentCreateBody))]
[JsonSerializable(typeof(DeploymentResource))]
[JsonSerializable(typeof(OperationStatus))]
[JsonSerializable(typeof(RoleAssignmentBody))]
[JsonSerializable(typeof(RoleAssignmentResource))]
public sealed partial class ArmDeployJsonContext : JsonSerializerContext;
