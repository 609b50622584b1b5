using System.Text.Json.Serialization;

namespace FoundryIde.Server.Discovery;

// The parts of ARM's JSON that FoundryIde reads (Microsoft.CognitiveServices 2025-06-01, Microsoft.Authorization
// permissions 2022-04-01, Microsoft.ResourceGraph 2022-10-01). Unknown fields are ignored.

public sealed record ArmPage<T>(List<T>? Value, string? NextLink);

public sealed record ArmSku(string? Name, int? Capacity);

public sealed record AccountResource(
    string Id, string Name, string? Kind, string? Location, ArmSku? Sku, AccountProperties? Properties,
    string? TenantId = null);

public sealed record AccountProperties(
    string? Endpoint,
    Dictionary<string, string>? Endpoints,
    string? CustomSubDomainName,
    [property: JsonConverter(typeof(ArmStateConverter))] string? ProvisioningState,
    bool? DisableLocalAuth,
    string? PublicNetworkAccess = null);

public sealed record DeploymentResource(string Id, string Name, ArmSku? Sku, DeploymentProperties? Properties);

public sealed record DeploymentProperties(DeploymentModel? Model, [property: JsonConverter(typeof(ArmStateConverter))] string? ProvisioningState);

public sealed record DeploymentModel(string? Format, string? Name, string? Version);

public sealed record AccountKeys(string? Key1, string? Key2);

public sealed record PermissionSet(List<string>? Actions, List<string>? NotActions, List<string>? DataActions, List<string>? NotDataActions);

public sealed record ResourceGraphRequest(List<string>? Subscriptions, string Query, ResourceGraphOptions Options);

public sealed record ResourceGraphOptions(
    [property: JsonPropertyName("$top")] int? Top,
    [property: JsonPropertyName("$skipToken")] string? SkipToken,
    string ResultFormat = "objectArray");

/// <param name="ResultTruncated">"true" when Azure cut the result short and gave no $skipToken for the rest (a string in
/// the spec; a boolean read too).</param>
public sealed record ResourceGraphResponse(
    long TotalRecords,
    List<AccountResource>? Data,
    [property: JsonPropertyName("$skipToken")] string? SkipToken,
    System.Text.Json.JsonElement? ResultTruncated = null)
{
    public bool Truncated => ResultTruncated is { } t
        && (t.ValueKind == System.Text.Json.JsonValueKind.True || (t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString() == "true"));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ArmPage<AccountResource>))]
[JsonSerializable(typeof(ArmPage<DeploymentResource>))]
[JsonSerializable(typeof(ArmPage<PermissionSet>))]
[JsonSerializable(typeof(AccountKeys))]
[JsonSerializable(typeof(ResourceGraphRequest))]
[JsonSerializable(typeof(ResourceGraphResponse))]
public sealed partial class ArmJsonContext : JsonSerializerContext;
