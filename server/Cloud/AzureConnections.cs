using Azure.ResourceManager;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cloud;

/// <summary>Everything needed to call one Azure as the identity Claude Code will use.</summary>
public sealed class AzureConnection(AzureCloud cloud, string? tenant, ClaudeCodeCredential credential) : IDisposable
{
    private readonly Lazy<ArmClient> _arm = new(() => ArmPipeline.CreateArmClient(credential, cloud));
    private readonly Lazy<CognitiveServicesClient> _rest = new(() => new CognitiveServicesClient(ArmPipeline.Create(credential, cloud), cloud.ArmEndpoint));

    public AzureCloud Cloud => cloud;

    public string? Tenant => tenant;

    public ClaudeCodeCredential Credential => credential;

    public ArmClient Arm => _arm.Value;

    public CognitiveServicesClient Rest => _rest.Value;

    public void Dispose() => credential.Dispose();
}

/// <summary>
/// The sidecar's current connection, rebuilt when its cloud settings change (initialize, settings/update, or CLI
/// options). Settings are validated when given, so a bad URL is refused then and not at the first listing.
/// </summary>
public sealed class AzureConnections(ICredentialLinkFactory factory, IEnvironmentReader environment) : IDisposable
{
    private readonly Lock _lock = new();
    private CloudSettings _settings = new();
    private readonly Dictionary<string, AzureConnection> _byTenant = new(StringComparer.OrdinalIgnoreCase);
    private AzureConnection? _current;

    public CloudSettings Settings
    {
        get { lock (_lock) return _settings; }
    }

    public void Configure(CloudSettings settings)
    {
        AzureCloud.Resolve(settings, environment.Read(EnvNames.AuthorityHost)); // throws InvalidInput when wrong
        lock (_lock)
        {
            if (settings == _settings) return;
            _settings = settings;
            _current?.Dispose();
            _current = null;
            foreach (var connection in _byTenant.Values) connection.Dispose();
            _byTenant.Clear();
        }
    }

    public AzureConnection Current => For(null);

    /// <summary>The connection for a tenant (null: the settings' tenant, else the identity's home tenant).</summary>
    public AzureConnection For(string? tenant)
    {
        lock (_lock)
        {
            tenant ??= _settings.Tenant;
            if (tenant == _settings.Tenant && _current is not null) return _current;
            if (tenant is not null && _byTenant.TryGetValue(tenant, out var existing)) return existing;
            var cloud = AzureCloud.Resolve(_settings, environment.Read(EnvNames.AuthorityHost));
            var credential = new ClaudeCodeCredential(factory, environment, new LinkOptions(tenant, cloud.AuthorityHost));
            var connection = new AzureConnection(cloud, tenant, credential);
            if (tenant == _settings.Tenant) _current = connection;
            else _byTenant[tenant!] = connection;
            return connection;
        }
    }

    /// <summary>
    /// Replaces a connection whose token Azure refused (revoked, or expired by Azure's clock while still fresh by
    /// ours): its credential, its ArmClient and its REST pipeline each cache that token, so all three are made anew.
    /// The old one is not disposed: listings in flight may still be using it.
    /// </summary>
    public AzureConnection Renew(AzureConnection stale)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_current, stale)) _current = null;
            if (stale.Tenant is { } tenant && _byTenant.TryGetValue(tenant, out var existing) && ReferenceEquals(existing, stale))
            {
                _byTenant.Remove(tenant);
            }
        }

        return For(stale.Tenant);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            foreach (var connection in _byTenant.Values) connection.Dispose();
        }
    }
}
