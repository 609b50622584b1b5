using System.CommandLine;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class TestCommand
{
    public static Command Create()
    {
        var resource = new Option<string>("--resource") { Description = "The Foundry resource's name (`foundry-ide resources` lists them).", Required = true };
        var subscription = new Option<string?>("--subscription") { Description = "Where to look for it (id or name)." };
        var fable = new Option<string?>("--fable") { Description = "Deployment to test for Claude Code's fable alias (default: the newest healthy Fable)." };
        var opus = new Option<string?>("--opus") { Description = "Deployment to test for Claude Code's opus alias (default: the newest healthy Opus)." };
        var sonnet = new Option<string?>("--sonnet") { Description = "Deployment to test for the sonnet alias (default: the newest healthy Sonnet)." };
        var haiku = new Option<string?>("--haiku") { Description = "Deployment to test for the haiku alias (default: the newest healthy Haiku)." };
        var auth = new Option<string?>("--auth")
        {
            Description = "entra (Claude Code's Entra ID chain) or key (ANTHROPIC_FOUNDRY_API_KEY); default: whatever Claude Code would use here.",
        };
        var fetchKey = new Option<bool>("--fetch-key") { Description = "With --auth key: read key1 with listKeys instead of ANTHROPIC_FOUNDRY_API_KEY (never printed)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var cloud = new CloudOptions();
        var command = new Command("test",
            "Sends one minimal streaming request to each chosen Claude deployment of a Foundry resource, with the auth Claude Code " +
            "will use, and reports the latency or the cause and the fix. Exit code 0 when every test passed, 1 otherwise.")
        {
            resource, subscription, fable, opus, sonnet, haiku, auth, fetchKey, json,
        };
        cloud.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("test", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            host.Services.GetRequiredService<AzureConnections>().Configure(cloud.Read(parse));
            string? key = null;
            if (parse.GetValue(fetchKey))
            {
                if (!"key".Equals(parse.GetValue(auth)?.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    throw new FoundryException(FoundryErrorCode.InvalidInput, "--fetch-key goes with --auth key.");
                }

                var found = await host.Services.GetRequiredService<ResourceLocator>().GetAsync(parse.GetValue(resource)!, parse.GetValue(subscription), cancellationToken);
                key = await KeyFetcher.FetchAsync(host.Services.GetRequiredService<AzureConnections>().Current, found, cancellationToken);
            }

            var report = await host.Services.GetRequiredService<ConnectionTester>().TestAsync(new ConnectionTestParams(
                parse.GetValue(resource)!, parse.GetValue(subscription), parse.GetValue(opus), parse.GetValue(sonnet), parse.GetValue(haiku),
                parse.GetValue(auth), key, Fable: parse.GetValue(fable)), cancellationToken);
            Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Serialize(report) : TestTextRenderer.Render(report));
            return report.Passed ? 0 : 1;
        }, parse.GetValue(json)));
        return command;
    }
}
