using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// The small typed client for the ARM calls that have no management package here: Microsoft.CognitiveServices
/// accounts, deployments and keys, Microsoft.Authorization permissions, and Microsoft.ResourceGraph. Every call
/// goes through the Azure.Core pipeline (auth, retries, timeouts); a failure surfaces as RequestFailedException.
/// </summary>
public sealed partial class CognitiveServicesClient(HttpPipeline pipeline, Uri armEndpoint)
{
    public const string ApiVersion = "2025-06-01";

    /// <summary>
    /// Deployment PUTs: the first api-version that carries modelProviderData (earlier ones drop it, and Azure answers
    /// InvalidModelProviderData), the one Microsoft's Claude samples use.
    /// </summary>
    public const string DeploymentApiVersion = "2025-10-01-preview";
    public const string PermissionsApiVersion = "2022-04-01";
    public const string ResourceGraphApiVersion = "2022-10-01";

    public IAsyncEnumerable<AccountResource> ListAccountsAsync(string subscriptionId, CancellationToken cancellationToken) =>
        ListAsync($"/subscriptions/{ArmIds.RequireSubscription(subscriptionId)}/providers/Microsoft.CognitiveServices/accounts", ApiVersion,
            ArmJsonContext.Default.ArmPageAccountResource, cancellationToken);

    public IAsyncEnumerable<DeploymentResource> ListDeploymentsAsync(string accountId, CancellationToken cancellationToken) =>
        ListAsync($"{ArmIds.RequireAccount(accountId)}/deployments", ApiVersion, ArmJsonContext.Default.ArmPageDeploymentResource, cancellationToken);

    public IAsyncEnumerable<PermissionSet> ListPermissionsAsync(string scope, CancellationToken cancellationToken) =>
        ListAsync($"{ArmIds.RequirePath(scope, "scope")}/providers/Microsoft.Authorization/permissions", PermissionsApiVersion,
            ArmJsonContext.Default.ArmPagePermissionSet, cancellationToken);

    public Task<AccountKeys> ListKeysAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Post, Url($"{ArmIds.RequireAccount(accountId)}/listKeys", ApiVersion), null, ArmJsonContext.Default.AccountKeys, cancellationToken);

    public Task<ResourceGraphResponse> QueryResourceGraphAsync(ResourceGraphRequest request, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Post, Url("/providers/Microsoft.ResourceGraph/resources", ResourceGraphApiVersion),
            JsonSerializer.SerializeToUtf8Bytes(request, ArmJsonContext.Default.ResourceGraphRequest),
            ArmJsonContext.Default.ResourceGraphResponse, cancellationToken);

    private async IAsyncEnumerable<T> ListAsync<T>(
        string path, string apiVersion, JsonTypeInfo<ArmPage<T>> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = Url(path, apiVersion);
        while (next is not null)
        {
            var page = await SendAsync(RequestMethod.Get, next, null, typeInfo, cancellationToken);
            foreach (var item in page.Value ?? []) yield return item;
            next = page.NextLink is { Length: > 0 } link ? NextLink(link) : null;
        }
    }

    /// <summary>An ARM request that accepts JSON and sends <paramref name="body"/> (UTF-8 JSON) when there is one.</summary>
    private HttpMessage CreateJsonMessage(RequestMethod method, Uri uri, byte[]? body)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
        }

        return message;
    }

    private async Task<T> SendAsync<T>(RequestMethod method, Uri uri, byte[]? body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var message = CreateJsonMessage(method, uri, body);

        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        return JsonSerializer.Deserialize(response.Content.ToStream(), typeInfo)
            ?? throw new RequestFailedException(response.Status, $"ARM answered {uri.AbsolutePath} with an empty body.");
    }

    /// <summary>
    /// A URL on ARM for a path this client built from checked ids (its own query, if any, kept): checked again, so
    /// nothing else gets the token.
    /// </summary>
    private Uri Url(string path, string apiVersion) =>
        ArmIds.RequireOnArm(new Uri(armEndpoint, $"{path.TrimStart('/')}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}api-version={apiVersion}"),
            armEndpoint, "path");

    /// <summary>A link ARM returned (a nextLink, an operation's URL) must stay on ARM (scheme, host, port): the bearer token is never sent anywhere else.</summary>
    private Uri NextLink(string link, string what = "nextLink")
    {
        if (TrustedValues.ForbiddenChar(link) is not null || !Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            throw new UntrustedValueException($"ARM returned a {what} that is not an absolute URL ({TrustedValues.Show(link)}); not followed, nothing was sent.");
        }

        return ArmIds.RequireOnArm(uri, armEndpoint, what);
    }
}
