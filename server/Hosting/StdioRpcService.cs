using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>Serves JSON-RPC on the process's stdin/stdout until stdin closes or the client says exit.</summary>
public sealed class StdioRpcService(
    StdioStreams streams,
    IFoundryRpc target,
    ServerLifetime lifetime,
    SecretRedactor redactor,
    ClientNotifier notifier,
    LogLevelSwitch levels,
    TokenPrefetch prefetch,
    IHostApplicationLifetime host,
    ILogger<StdioRpcService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StartupTrace.Mark("execute-async");
        using var rpc = RpcConnection.Attach(streams.Output, streams.Input, target, redactor, logger, notifier,
            afterFirstAnswer: () =>
            {
                StartupTrace.MarkFirstAnswer();
                prefetch.Start(); // off the start path: the first answer (initialize, with the settings) is out
            });
        StartupTrace.Mark("rpc-attached");
        void OnLevelChanged(LogLevel level) => RpcConnection.FollowLogLevel(rpc.TraceSource, logger);
        levels.Changed += OnLevelChanged;
        Log.Serving(logger, FoundryRpcServer.Version);
        var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
        var ended = await Task.WhenAny(rpc.Completion, lifetime.ExitRequested, stopped);
        Log.SessionEnded(logger,
            ended == rpc.Completion ? "the client closed the stream" : ended == stopped ? "host stopping" : "exit");
        if (!lifetime.IsShuttingDown)
        {
            lifetime.Shutdown();
        }

        levels.Changed -= OnLevelChanged;
        host.StopApplication();
    }
}

/// <summary>The process's stdio, taken before anything can write to stdout.</summary>
public sealed record StdioStreams(Stream Input, Stream Output);
