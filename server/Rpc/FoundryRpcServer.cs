using System.Reflection;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;

namespace FoundryIde.Server.Rpc;

/// <summary>The RPC target: thin, each method hands its work to the feature that owns it.</summary>
public sealed class FoundryRpcServer(
    CredentialDoctor doctor,
    ResourceListings listings,
    DiscoveryCache cache,
    AzureConnections connections,
    ClientNotifier notifier,
    EffectiveConfigService effectiveConfig,
    ConnectionTester tester,
    EnvGenerator env,
    Apply.ConfigApplier applier,
    Deploy.DeployService deployer,
    Deploy.RegionFinder regions,
    ServerLifetime lifetime,
    LogLevelSwitch levels,
    TimeProvider clock) : IFoundryRpc
{
    public static string Version { get; } =
        typeof(FoundryRpcServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public Task<InitializeResult> InitializeAsync(InitializeParams? request = null, CancellationToken cancellationToken = default)
    {
        StartupTrace.Mark("initialize-called");
        if (request?.Settings is { } settings) ApplySettings(settings);
        return Task.FromResult(new InitializeResult("foundry-ide", Version,
            new ServerCapabilities(RpcMethods.All, BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes)));
    }

    public Task<PingResult> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PingResult(clock.GetUtcNow()));

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        lifetime.Shutdown();
        return Task.CompletedTask;
    }

    public void OnExit() => lifetime.Exit();

    /// <summary>A level the sidecar does not know is ignored: a notification has no answer to carry an error.</summary>
    public void OnSetLogLevel(LogLevelParams request)
    {
        if (FoundryServices.ParseLevel(request.Level) is { } level) levels.Minimum = level;
    }

    public Task UpdateSettingsAsync(CloudSettings? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        ApplySettings(request ?? new CloudSettings());
        return Task.CompletedTask;
    }

    public async Task<EnvResult> GenerateEnvAsync(EnvParams request, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        if (request?.Output is { } output && !Path.IsPathFullyQualified(output))
        {
            // The sidecar's working directory is wherever the editor started it: a relative path would land there.
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"output must be an absolute path, not \"{output}\".");
        }

        return await env.GenerateAsync(request ?? throw new FoundryException(FoundryErrorCode.InvalidInput, "env/generate needs params."), work.Token);
    }

    public async Task<ApplyResult> ApplyAsync(ApplyParams request, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await applier.ApplyAsync(
            request ?? throw new FoundryException(FoundryErrorCode.InvalidInput, "config/apply needs params: {selection, targets}."), work.Token);
    }

    public async Task<ConnectionTestReport> TestConnectionAsync(ConnectionTestParams request, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await tester.TestAsync(
            request ?? throw new FoundryException(FoundryErrorCode.InvalidInput, "connection/test needs params: {resource}."), work.Token);
    }

    public Task<DeployResult> PlanDeployAsync(DeployParams request, CancellationToken cancellationToken = default) =>
        DeployAsync(request, dryRun: true, cancellationToken);

    public Task<DeployResult> ApplyDeployAsync(DeployParams request, CancellationToken cancellationToken = default) =>
        DeployAsync(request, dryRun: false, cancellationToken);

    private async Task<DeployResult> DeployAsync(DeployParams request, bool dryRun, CancellationToken cancellationToken)
    {
        lifetime.ThrowIfShuttingDown();
        if (request is null) throw new FoundryException(FoundryErrorCode.InvalidInput, "deploy needs params: {subscription, resource, ...}.");
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        var progress = notifier.ProgressFor(request.ProgressToken);
        progress?.Report(new ProgressValue("begin", dryRun ? "Planning Claude deployments" : "Deploying Claude models"));
        try
        {
            void Report(string message) => progress?.Report(new ProgressValue("report", Message: message));
            // Over JSON-RPC the fixes name the editor's questions (capacity, region), not the CLI's options.
            var result = dryRun
                ? await deployer.PlanAsync(request, Deploy.DeployWords.Editor, Report, work.Token)
                : await deployer.ApplyAsync(request, Deploy.DeployWords.Editor, Report, work.Token);
            cache.Clear();
            return result;
        }
        finally
        {
            progress?.Report(new ProgressValue("end"));
        }
    }

    public async Task<ResourcesResult> ListResourcesAsync(ResourcesParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        request ??= new ResourcesParams();
        var progress = notifier.ProgressFor(request.ProgressToken);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await listings.ListAsync(request, progress, work.Token);
    }

    public async Task<TenantsResult> ListTenantsAsync(TenantsParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        // Every tenant the identity can see, whichever one the settings pin (that one is `Current`).
        var tenants = await TenantLister.ListAsync(connections.For(null), work.Token);
        return new TenantsResult(tenants, connections.Settings.Tenant);
    }

    public async Task<RegionsResult> ListRegionsAsync(RegionsParams request, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        if (request is null) throw new FoundryException(FoundryErrorCode.InvalidInput, "deploy/regions needs params: {subscription}.");
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        var progress = notifier.ProgressFor(request.ProgressToken);
        progress?.Report(new ProgressValue("begin", "Finding the regions that offer Claude"));
        try
        {
            return await regions.ListAsync(request, message => progress?.Report(new ProgressValue("report", Message: message)), work.Token);
        }
        finally
        {
            progress?.Report(new ProgressValue("end"));
        }
    }

    public async Task<SubscriptionsResult> ListSubscriptionsAsync(SubscriptionsParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        var subscriptions = await ArmGate.WithDeadlineAsync(ct => SubscriptionLister.ListAsync(connections.Current, null, ct), work.Token);
        return new SubscriptionsResult([.. subscriptions.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    private void ApplySettings(CloudSettings settings)
    {
        if (settings == connections.Settings) return;
        connections.Configure(settings);
        cache.Clear();
    }

    public async Task<EffectiveConfig> GetEffectiveConfigAsync(EffectiveConfigParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await effectiveConfig.ExplainAsync(request?.WorkspaceFolder, request?.KnownDeployments, work.Token);
    }

    public async Task<DoctorReport> RunDoctorAsync(DoctorParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await doctor.RunAsync(request ?? new DoctorParams(), work.Token);
    }
}
