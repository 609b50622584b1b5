using FoundryIde.Server.Access;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FoundryIde.Server.Hosting;

public static class FoundryServices
{
    /// <summary>The environment variable that sets the log level (Trace, Debug, Information, Warning, Error).</summary>
    public const string LogLevelVariable = "FOUNDRYIDE_LOG_LEVEL";

    /// <summary>A lean Generic Host: DI, configuration from FOUNDRYIDE_* variables, logs on stderr only.</summary>
    public static HostApplicationBuilder CreateBuilder(LogLevel defaultLevel)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables("FOUNDRYIDE_");
        // Nothing of ours validates options at start. The one start-up validator the host registers starts its
        // metrics subscription manager (no listener here), which in NativeAOT made the type loader build a dozen
        // generic option types at run time on the start path (bench/results.md).
        builder.Services.RemoveAll<IStartupValidator>();
        builder.Logging.ClearProviders();
        // The provider filters, by a level that can change while the sidecar runs (log/setLevel).
        var levels = new LogLevelSwitch(ParseLevel(Environment.GetEnvironmentVariable(LogLevelVariable)) ?? defaultLevel);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new StderrLoggerProvider(levels: levels));
        builder.Services.AddSingleton(levels);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEnvironmentReader, ProcessEnvironment>();
        builder.Services.AddSingleton<SecretRedactor>();
        builder.Services.AddSingleton<ICredentialLinkFactory, AzureIdentityLinkFactory>();
        builder.Services.AddSingleton<LinkProbe>();
        builder.Services.AddSingleton<AccessCheck>();
        builder.Services.AddSingleton<CredentialDoctor>();
        builder.Services.AddSingleton<AzureConnections>();
        builder.Services.AddSingleton<ResourceDiscovery>();
        builder.Services.AddSingleton<DiscoveryCache>();
        builder.Services.AddSingleton<ListingStore>();
        builder.Services.AddSingleton<ResourceListings>();
        builder.Services.AddSingleton<TokenPrefetch>();
        builder.Services.AddSingleton<ResourceLocator>();
        builder.Services.AddSingleton<ConnectionTester>();
        builder.Services.AddSingleton<Deploy.DeployPlanner>();
        builder.Services.AddSingleton<Deploy.DeployApplier>();
        builder.Services.AddSingleton<Deploy.DeployService>();
        builder.Services.AddSingleton<Deploy.RegionFinder>();
        builder.Services.AddSingleton<EnvGenerator>();
        builder.Services.AddSingleton<Apply.ConfigApplier>();
        builder.Services.AddSingleton<SettingsSources>();
        builder.Services.AddSingleton<EffectiveConfigService>();
        builder.Services.AddSingleton<ClientNotifier>();
        builder.Services.AddSingleton<ServerLifetime>();
        builder.Services.AddSingleton<IFoundryRpc, FoundryRpcServer>();
        return builder;
    }

    public static LogLevel? ParseLevel(string? text) =>
        Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level : null;
}
