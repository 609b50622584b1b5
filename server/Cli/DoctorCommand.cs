using System.CommandLine;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Seconds each credential may take to answer (default 20; managed identity gets at most 3).",
        };
        var resource = new Option<string?>("--resource")
        {
            Description = "Also check that the credential Claude Code will use may call Claude on this Foundry resource (its RBAC data actions, or disableLocalAuth for a key).",
        };
        var subscription = new Option<string?>("--subscription") { Description = "Where to look for --resource (id or name)." };
        var workspace = new Option<string?>("--workspace")
        {
            Description = "The workspace folder whose .claude/ and .vscode/ settings Claude Code will read (default: the current directory).",
        };
        var cloud = new CloudOptions();
        var command = new Command("doctor",
            "What will Claude Code authenticate with here, as whom, and if nothing works, why and what to run. " +
            "Exit code 0 when Claude Code would authenticate (and, with --resource, may call Claude there), 1 when not, 2 for bad input.")
        {
            json, timeout, resource, subscription, workspace,
        };
        cloud.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("doctor", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            var doctor = host.Services.GetRequiredService<CredentialDoctor>();
            try
            {
                host.Services.GetRequiredService<AzureConnections>().Configure(cloud.Read(parse));
                var report = await doctor.RunAsync(
                    new DoctorParams(parse.GetValue(timeout), parse.GetValue(resource), parse.GetValue(subscription),
                        WorkspaceOption.FullPath(parse.GetValue(workspace)), ShellQuoting.CurrentShell()), cancellationToken);
                Console.Out.WriteLine(parse.GetValue(json)
                    ? CliJson.Serialize(report)
                    : DoctorTextRenderer.Render(report));
                return report.WouldAuthenticate ? 0 : 1;
            }
            catch (FoundryException e)
            {
                await Console.Error.WriteLineAsync($"foundry-ide doctor: {e.Message}");
                return 2;
            }
        }, parse.GetValue(json)));
        return command;
    }
}
