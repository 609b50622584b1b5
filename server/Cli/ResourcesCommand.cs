using System.CommandLine;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class ResourcesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the listing as JSON." };
        var subscription = new Option<string?>("--subscription") { Description = "Only this subscription (id or name)." };
        var refresh = new Option<bool>("--refresh")
        {
            Description = "List afresh. The CLI always does; the flag matters to the sidecar, which caches listings.",
        };
        var cloud = new CloudOptions();
        var command = new Command("resources",
            "Every Foundry resource (AIServices account) the identity Claude Code will use can reach, with its Claude " +
            "deployments. Exit code 0 when everything was listed, 3 when some scopes failed (see errors), 1 on failure.")
        {
            json, subscription, refresh,
        };
        cloud.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("resources", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            {
                var settings = cloud.Read(parse);
                host.Services.GetRequiredService<AzureConnections>().Configure(settings);
                var progress = parse.GetValue(json) || Console.IsErrorRedirected ? null : new Progress<ProgressValue>(ShowProgress);
                var result = await host.Services.GetRequiredService<ResourceDiscovery>().ListAsync(
                    new ResourcesParams(parse.GetValue(subscription), true), progress, cancellationToken);
                if (progress is not null) await Console.Error.WriteAsync("\r\u001b[K");
                Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Serialize(result) : ResourcesTextRenderer.Render(result));
                return result.Errors.Count == 0 ? 0 : 3;
            }
        }, parse.GetValue(json)));
        return command;
    }

    private static void ShowProgress(ProgressValue value)
    {
        if ((value.Message ?? value.Title) is { } text) Console.Error.Write($"\r\u001b[K{text}…");
    }
}
