using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>A resource's key through ARM (listKeys), read only for an endpoint the key may be sent to; never printed.</summary>
public static class KeyFetcher
{
    public static async Task<string> FetchAsync(AzureConnection connection, FoundryResource resource, CancellationToken cancellationToken)
    {
        try
        {
            connection.Cloud.Foundry.RequireUsable(resource); // a key is read only for an endpoint it may be sent to
            var keys = await ArmGate.WithDeadlineAsync(ct => connection.Rest.ListKeysAsync(resource.Id, ct), cancellationToken);
            return keys.Key1 ?? keys.Key2 ?? throw new FoundryException(FoundryErrorCode.NotFound, $"Azure returned no key for {resource.Name}.");
        }
        catch (global::Azure.RequestFailedException e)
        {
            throw new FoundryException(e.Status == 403 ? FoundryErrorCode.AccessDenied : FoundryErrorCode.AzureUnavailable,
                ArmFailures.Describe(e, $"Reading the keys of {resource.Name} (listKeys)") +
                (e.Status == 403 ? " Copy a key from the portal into ANTHROPIC_FOUNDRY_API_KEY instead, or use --auth entra." : ""), e);
        }
        catch (UntrustedValueException e)
        {
            throw new FoundryException(FoundryErrorCode.UntrustedValue, $"Reading the keys of {resource.Name} (listKeys): {e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new FoundryException(FoundryErrorCode.AzureUnavailable, ArmFailures.Describe(e, $"Reading the keys of {resource.Name} (listKeys)"), e);
        }
    }
}
