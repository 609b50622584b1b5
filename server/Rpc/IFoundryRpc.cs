using StreamJsonRpc;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// The one JSON-RPC contract between the sidecar and its clients (the VS Code extension, the tests).
/// Method names are "area/verb"; every request takes a single object parameter and a CancellationToken last,
/// so that <c>$/cancelRequest</c> reaches every Azure call made on its behalf.
/// </summary>
public interface IFoundryRpc
{
    [JsonRpcMethod(RpcMethods.Initialize, UseSingleObjectParameterDeserialization = true)]
    Task<InitializeResult> InitializeAsync(InitializeParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Ping)]
    Task<PingResult> PingAsync(CancellationToken cancellationToken);

    [JsonRpcMethod(RpcMethods.Shutdown)]
    Task ShutdownAsync(CancellationToken cancellationToken);

    /// <summary>A notification: the process ends after it.</summary>
    [JsonRpcMethod(RpcMethods.Exit)]
    void OnExit();

    /// <summary>A notification: the sidecar logs from this level on (the editor sends its output channel's level).</summary>
    [JsonRpcMethod(RpcMethods.LogSetLevel, UseSingleObjectParameterDeserialization = true)]
    void OnSetLogLevel(LogLevelParams request);

    [JsonRpcMethod(RpcMethods.DoctorRun, UseSingleObjectParameterDeserialization = true)]
    Task<DoctorReport> RunDoctorAsync(DoctorParams? request = null, CancellationToken cancellationToken = default);

    /// <summary>What Claude Code will actually see: each provider variable and its source, the provider, the conflicts.</summary>
    [JsonRpcMethod(RpcMethods.ConfigEffective, UseSingleObjectParameterDeserialization = true)]
    Task<EffectiveConfig> GetEffectiveConfigAsync(EffectiveConfigParams? request = null, CancellationToken cancellationToken = default);

    /// <summary>Which Azure to use (cloud, ARM endpoint, authority host, tenant); clears the resource cache.</summary>
    [JsonRpcMethod(RpcMethods.SettingsUpdate, UseSingleObjectParameterDeserialization = true)]
    Task UpdateSettingsAsync(CloudSettings? request = null, CancellationToken cancellationToken = default);

    /// <summary>The variables for Claude Code on one resource, rendered in a format, optionally merged into a file.</summary>
    [JsonRpcMethod(RpcMethods.EnvGenerate, UseSingleObjectParameterDeserialization = true)]
    Task<EnvResult> GenerateEnvAsync(EnvParams request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One selection applied to every target asked for (terminals, the Claude Code extension's list, a .env, Claude Code's
    /// user settings) in one answer: the variables, the merged list, the files written, the choice per family and why.
    /// </summary>
    [JsonRpcMethod(RpcMethods.ConfigApply, UseSingleObjectParameterDeserialization = true)]
    Task<ApplyResult> ApplyAsync(ApplyParams request, CancellationToken cancellationToken = default);

    /// <summary>Foundry resources and their Claude deployments; cached until refresh. Progress as `$/progress`.</summary>
    [JsonRpcMethod(RpcMethods.ResourcesList, UseSingleObjectParameterDeserialization = true)]
    Task<ResourcesResult> ListResourcesAsync(ResourcesParams? request = null, CancellationToken cancellationToken = default);

    /// <summary>The tenants the credential Claude Code will use can see (for a tenant picker), and the pinned one.</summary>
    [JsonRpcMethod(RpcMethods.TenantsList, UseSingleObjectParameterDeserialization = true)]
    Task<TenantsResult> ListTenantsAsync(TenantsParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.DeployRegions, UseSingleObjectParameterDeserialization = true)]
    Task<RegionsResult> ListRegionsAsync(RegionsParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.SubscriptionsList, UseSingleObjectParameterDeserialization = true)]
    Task<SubscriptionsResult> ListSubscriptionsAsync(SubscriptionsParams? request = null, CancellationToken cancellationToken = default);

    /// <summary>One minimal streaming Messages request per chosen deployment, with the auth Claude Code will use.</summary>
    [JsonRpcMethod(RpcMethods.ConnectionTest, UseSingleObjectParameterDeserialization = true)]
    Task<ConnectionTestReport> TestConnectionAsync(ConnectionTestParams request, CancellationToken cancellationToken = default);

    /// <summary>`deploy --dry-run`: every preflight and the plan; nothing is written.</summary>
    [JsonRpcMethod(RpcMethods.DeployPlan, UseSingleObjectParameterDeserialization = true)]
    Task<DeployResult> PlanDeployAsync(DeployParams request, CancellationToken cancellationToken = default);

    /// <summary>`deploy`: the preflight, then the writes, one long-running operation after another, with `$/progress`.</summary>
    [JsonRpcMethod(RpcMethods.DeployApply, UseSingleObjectParameterDeserialization = true)]
    Task<DeployResult> ApplyDeployAsync(DeployParams request, CancellationToken cancellationToken = default);
}

/// <summary>Method names, shared by the server, its tests and (mirrored) the extension.</summary>
public static class RpcMethods
{
    public const string Initialize = "initialize";
    public const string Ping = "ping";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string LogSetLevel = "log/setLevel";
    public const string DoctorRun = "doctor/run";
    public const string SettingsUpdate = "settings/update";
    public const string ResourcesList = "resources/list";
    public const string TenantsList = "tenants/list";
    public const string SubscriptionsList = "subscriptions/list";
    public const string DeployRegions = "deploy/regions";
    public const string ConfigEffective = "config/effective";
    public const string ConnectionTest = "connection/test";
    public const string EnvGenerate = "env/generate";
    public const string ConfigApply = "config/apply";
    public const string DeployPlan = "deploy/plan";
    public const string DeployApply = "deploy/apply";

    public static readonly IReadOnlyList<string> All = [Initialize, Ping, Shutdown, Exit, LogSetLevel, DoctorRun, SettingsUpdate, ResourcesList, TenantsList, SubscriptionsList, EnvGenerate, ConfigApply, ConnectionTest, ConfigEffective, DeployPlan, DeployApply, DeployRegions];
}
