using System.CommandLine;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve",
            "Speak JSON-RPC 2.0 on stdin/stdout (Content-Length framing), for the VS Code extension. Logs go to stderr.");
        command.SetAction(async (_, cancellationToken) =>
        {
            StartupTrace.Mark("serve-action");
            RpcWarmup.Start(); // on the other core, while this one builds the host
            TrustStoreWarmup.Start(); // at the lowest priority: only on a core the start path leaves idle
            // stdout is the RPC channel from here on: anything else that writes to it lands on stderr.
            var streams = new StdioStreams(Console.OpenStandardInput(), Console.OpenStandardOutput());
            Console.SetOut(Console.Error);
            var builder = FoundryServices.CreateBuilder(LogLevel.Information);
            StartupTrace.Mark("builder-created");
            builder.Services.AddSingleton(streams);
            builder.Services.AddHostedService<StdioRpcService>();
            using var host = builder.Build();
            StartupTrace.Mark("host-built");
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
