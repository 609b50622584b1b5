using System.CommandLine;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

/// <summary>`foundry-ide config`: what Claude Code will actually see, where each value comes from, what conflicts.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the explanation as JSON." };
        var workspace = new Option<string?>("--workspace")
        {
            Description = "The workspace folder whose .claude/ and .vscode/ settings Claude Code will read (default: the current directory).",
        };
        var deployments = new Option<string?>("--deployments")
        {
            Description = "Comma-separated deployment names on your resource: model variables naming anything else are reported.",
        };
        var command = new Command("config",
            "What Claude Code will actually see: each provider variable with its source (shell, settings files, VS Code), " +
            "the provider it will use, and the conflicts that keep it off Foundry, each with its fix. " +
            "Exit code 0 without problems, 1 when a problem would keep Claude Code off Foundry, 2 for bad input.")
        {
            json, workspace, deployments,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("config", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            try
            {
                var known = parse.GetValue(deployments)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var config = await host.Services.GetRequiredService<EffectiveConfigService>().ExplainAsync(
                    WorkspaceOption.FullPath(parse.GetValue(workspace)), known, cancellationToken);
                Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Serialize(config) : EffectiveConfigTextRenderer.Render(config));
                return config.Conflicts.Any(c => c.Severity == ConflictSeverity.Error) ? 1 : 0;
            }
            catch (FoundryException e)
            {
                await Console.Error.WriteLineAsync($"foundry-ide config: {e.Message}");
                return 2;
            }
        }, parse.GetValue(json)));
        return command;
    }
}
