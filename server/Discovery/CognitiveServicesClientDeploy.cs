using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// What one write answered: the resource (null when a 201/202 came without it), and the URL to follow when it runs on
/// (checked to be on ARM): Azure-AsyncOperation, or else the Location of a 202 (<see cref="ByLocation"/>).
/// </summary>
public sealed record WriteResult<T>(T? Value, int Status, Uri? Operation, TimeSpan? RetryAfter, bool ByLocation = false);

/// <summary>The calls `deploy` adds: catalogue, quota, agreements, names, and the writes (resource group, account, deployment, role assignment).</summary>
public sealed partial class CognitiveServicesClient
{
    public const string ResourcesApiVersion = "2022-09-01";
    public const string MarketplaceApiVersion = "2021-01-01";
    public const string RoleAssignmentsApiVersion = "2022-04-01";

    private static string Provider(string subscriptionId) =>
        $"/subscriptions/{ArmIds.RequireSubscription(subscriptionId)}/providers/Microsoft.CognitiveServices";

    public static string LocationModelsPath(string subscriptionId, string location) => $"{Provider(subscriptionId)}/locations/{Segment(location)}/models";

    public static string UsagesPath(string subscriptionId, string location) => $"{Provider(subscriptionId)}/locations/{Segment(location)}/usages";

    public static string ModelCapacitiesPath(string subscriptionId, DeploymentModel model) =>
        $"{Provider(subscriptionId)}/modelCapacities?modelFormat={Uri.EscapeDataString(model.Format ?? "")}" +
        $"&modelName={Uri.EscapeDataString(model.Name ?? "")}&modelVersion={Uri.EscapeDataString(model.Version ?? "")}";

    public static string AgreementsPath(string subscriptionId) =>
        $"/subscriptions/{ArmIds.RequireSubscription(subscriptionId)}/providers/Microsoft.MarketplaceOrdering/agreements";

    public static string CheckDomainPath(string subscriptionId) => $"{Provider(subscriptionId)}/checkDomainAvailability";

    /// <summary>Microsoft.CognitiveServices' registration in a subscription (POST .../register registers it).</summary>
    public static string ProviderPath(string subscriptionId) =>
        $"/subscriptions/{ArmIds.RequireSubscription(subscriptionId)}/providers/Microsoft.CognitiveServices";

    public Task<ProviderRegistration> GetProviderAsync(string subscriptionId, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Get, Url(ProviderPath(subscriptionId), ResourcesApiVersion), null, ArmDeployJsonContext.Default.ProviderRegistration, cancellationToken);

    public Task<ProviderRegistration> RegisterProviderAsync(string subscriptionId, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Post, Url(ProviderPath(subscriptionId) + "/register", ResourcesApiVersion), null, ArmDeployJsonContext.Default.ProviderRegistration, cancellationToken);

    public static string ResourceGroupPath(string subscriptionId, string resourceGroup) =>
        $"/subscriptions/{ArmIds.RequireSubscription(subscriptionId)}/resourceGroups/{Segment(resourceGroup)}";

    public static string AccountPath(string subscriptionId, string resourceGroup, string account) =>
        $"{ResourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.CognitiveServices/accounts/{Segment(account)}";

    public static string RoleAssignmentsPath(string scope) => $"{ArmIds.RequirePath(scope, "scope")}/providers/Microsoft.Authorization/roleAssignments";

    public IAsyncEnumerable<CatalogueEntry> ListLocationModelsAsync(string subscriptionId, string location, CancellationToken cancellationToken) =>
        ListAsync(LocationModelsPath(subscriptionId, location), ApiVersion, ArmDeployJsonContext.Default.ArmPageCatalogueEntry, cancellationToken);

    public IAsyncEnumerable<Usage> ListUsagesAsync(string subscriptionId, string location, CancellationToken cancellationToken) =>
        ListAsync(UsagesPath(subscriptionId, location), ApiVersion, ArmDeployJsonContext.Default.ArmPageUsage, cancellationToken);

    public IAsyncEnumerable<ModelCapacity> ListModelCapacitiesAsync(string subscriptionId, DeploymentModel model, CancellationToken cancellationToken) =>
        ListAsync(ModelCapacitiesPath(subscriptionId, model), ApiVersion, ArmDeployJsonContext.Default.ArmPageModelCapacity, cancellationToken);

    public IAsyncEnumerable<AgreementResource> ListAgreementsAsync(string subscriptionId, CancellationToken cancellationToken) =>
        ListAsync(AgreementsPath(subscriptionId), MarketplaceApiVersion, ArmDeployJsonContext.Default.ArmPageAgreementResource, cancellationToken);

    public IAsyncEnumerable<RoleAssignmentResource> ListRoleAssignmentsAsync(string scope, string principalId, CancellationToken cancellationToken) =>
        ListAsync($"{RoleAssignmentsPath(scope)}", RoleAssignmentsApiVersion + $"&$filter={Uri.EscapeDataString($"principalId eq '{RequireGuid(principalId)}'")}",
            ArmDeployJsonContext.Default.ArmPageRoleAssignmentResource, cancellationToken);

    public Task<DomainAvailability> CheckDomainAvailabilityAsync(string subscriptionId, string subdomain, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Post, Url(CheckDomainPath(subscriptionId), ApiVersion),
            JsonSerializer.SerializeToUtf8Bytes(new DomainAvailabilityRequest(subdomain, "Microsoft.CognitiveServices/accounts", "AIServices"),
                ArmDeployJsonContext.Default.DomainAvailabilityRequest),
            ArmDeployJsonContext.Default.DomainAvailability, cancellationToken);

    /// <summary>GET of a resource group, account or deployment; null on 404.</summary>
    public async Task<T?> GetOrNullAsync<T>(string path, string apiVersion, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendAsync(RequestMethod.Get, Url(path, apiVersion), null, typeInfo, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task<WriteResult<T>> PutAsync<T, TBody>(
        string path, string apiVersion, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class =>
        WriteAsync(RequestMethod.Put, Url(path, apiVersion), JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo), typeInfo, cancellationToken);

    /// <summary>
    /// One poll of a write's operation (already checked to be on ARM). An Azure-AsyncOperation answers its status; a
    /// Location answers 202 while it runs, then the result (2xx) or the failure as an error answer. Throttling and
    /// server errors (408, 429, 5xx) are thrown: they say nothing of the operation.
    /// </summary>
    public async Task<(OperationStatus Status, TimeSpan? RetryAfter)> PollAsync(Uri operation, bool byLocation, CancellationToken cancellationToken)
    {
        var uri = ArmIds.RequireOnArm(operation, armEndpoint, byLocation ? "Location" : "Azure-AsyncOperation");
        if (!byLocation)
        {
            var result = await WriteAsync(RequestMethod.Get, uri, null, ArmDeployJsonContext.Default.OperationStatus, cancellationToken);
            return (result.Value ?? throw new RequestFailedException(result.Status, $"ARM answered {uri.AbsolutePath} with an empty body."), result.RetryAfter);
        }

        using var message = CreateJsonMessage(RequestMethod.Get, uri, null);
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status is 408 or 429 or >= 500) throw new RequestFailedException(response);
        if (response.Status == 202) return (new OperationStatus("InProgress", null), RetryAfter.Of(response));
        if (!response.IsError) return (new OperationStatus("Succeeded", null), null);
        var failure = new RequestFailedException(response);
        return (new OperationStatus("Failed", new ArmErrorDetail(failure.ErrorCode ?? response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            failure.Message.Split('\n')[0].Trim())), null);
    }

    private async Task<WriteResult<T>> WriteAsync<T>(RequestMethod method, Uri uri, byte[]? body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var message = CreateJsonMessage(method, uri, body);

        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.IsError) throw new RequestFailedException(response);
        var accepted = response.Status is 201 or 202 or 204;
        T? value = null;
        if (!response.Content.ToMemory().IsEmpty)
        {
            try
            {
                value = JsonSerializer.Deserialize(response.Content.ToStream(), typeInfo);
            }
            catch (JsonException)
            {
                throw new RequestFailedException(response.Status, $"ARM answered {uri.AbsolutePath} with a body that is not the JSON it should be.");
            }
        }

        if (value is null && !accepted) throw new RequestFailedException(response.Status, $"ARM answered {uri.AbsolutePath} with an empty body.");
        Uri? operation = null;
        var byLocation = false;
        if (response.Headers.TryGetValue("Azure-AsyncOperation", out var link) && link.Length > 0)
        {
            operation = NextLink(link, "status URL (Azure-AsyncOperation)");
        }
        else if (response.Status == 202 && response.Headers.TryGetValue("Location", out var location) && location.Length > 0)
        {
            operation = NextLink(location, "status URL (Location)");
            byLocation = true;
        }

        return new WriteResult<T>(value, response.Status, operation, RetryAfter.Of(response), byLocation);
    }

    private static string Segment(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '(' or ')') && value != "." && value != ".."
            ? value
            : throw new UntrustedValueException($"{TrustedValues.Show(value)} is not a valid ARM name segment; nothing was sent.");

    private static string RequireGuid(string value) => TrustedValues.IsGuid(value)
        ? value
        : throw new UntrustedValueException($"{TrustedValues.Show(value)} is not an object id (GUID); nothing was sent.");
}
