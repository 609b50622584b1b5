using FoundryIde.Server.Rpc;
using StreamJsonRpc;

namespace FoundryIde.Tests.Support;

/// <summary>
/// The client side of the shared contract: each request's single object is sent as `params` itself, as
/// vscode-jsonrpc sends it (StreamJsonRpc's generated proxies would wrap it in an array).
/// </summary>
internal sealed class FoundryRpcClient(JsonRpc rpc) : IFoundryRpc
{
    public Task<InitializeResult> InitializeAsync(InitializeParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<InitializeResult>(RpcMethods.Initialize, request ?? new InitializeParams(), cancellationToken);

    public Task<PingResult> PingAsync(CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<PingResult>(RpcMethods.Ping, [], cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(RpcMethods.Shutdown, [], cancellationToken);

    public void OnExit() => rpc.NotifyAsync(RpcMethods.Exit).GetAwaiter().GetResult();

    public void OnSetLogLevel(LogLevelParams request) =>
        rpc.NotifyWithParameterObjectAsync(RpcMethods.LogSetLevel, request).GetAwaiter().GetResult();

    public Task UpdateSettingsAsync(CloudSettings? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync(RpcMethods.SettingsUpdate, request ?? new CloudSettings(), cancellationToken);

    public Task<EnvResult> GenerateEnvAsync(EnvParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<EnvResult>(RpcMethods.EnvGenerate, request, cancellationToken);

    public Task<ApplyResult> ApplyAsync(ApplyParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<ApplyResult>(RpcMethods.ConfigApply, request, cancellationToken);

    public Task<ResourcesResult> ListResourcesAsync(ResourcesParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<ResourcesResult>(RpcMethods.ResourcesList, request ?? new ResourcesParams(), cancellationToken);

    public Task<TenantsResult> ListTenantsAsync(TenantsParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<TenantsResult>(RpcMethods.TenantsList, request ?? new TenantsParams(), cancellationToken);

    public Task<RegionsResult> ListRegionsAsync(RegionsParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<RegionsResult>(RpcMethods.DeployRegions, request, cancellationToken);

    public Task<SubscriptionsResult> ListSubscriptionsAsync(SubscriptionsParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<SubscriptionsResult>(RpcMethods.SubscriptionsList, request ?? new SubscriptionsParams(), cancellationToken);

    public Task<ConnectionTestReport> TestConnectionAsync(ConnectionTestParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<ConnectionTestReport>(RpcMethods.ConnectionTest, request, cancellationToken);

    public Task<DeployResult> PlanDeployAsync(DeployParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<DeployResult>(RpcMethods.DeployPlan, request, cancellationToken);

    public Task<DeployResult> ApplyDeployAsync(DeployParams request, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<DeployResult>(RpcMethods.DeployApply, request, cancellationToken);

    public Task<EffectiveConfig> GetEffectiveConfigAsync(EffectiveConfigParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<EffectiveConfig>(RpcMethods.ConfigEffective, request ?? new EffectiveConfigParams(), cancellationToken);

    public Task<DoctorReport> RunDoctorAsync(DoctorParams? request = null, CancellationToken cancellationToken = default) =>
        rpc.InvokeWithParameterObjectAsync<DoctorReport>(RpcMethods.DoctorRun, request ?? new DoctorParams(), cancellationToken);
}
