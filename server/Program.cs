using System.CommandLine;
using FoundryIde.Server.Cli;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Platforms;

StartupTrace.Mark("main");
ConsoleEncoding.UseUtf8(HostPlatform.Current);

var root = new RootCommand(
    "foundry-ide: set up Claude Code on Claude models in Microsoft Foundry. " +
    "Run `foundry-ide doctor` to see what Claude Code will authenticate with here.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(ResourcesCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(EnvCommand.Create());
root.Subcommands.Add(DeployCommand.Create());
var parsed = root.Parse(args);
StartupTrace.Mark("parsed");
if (parsed.Errors.Count > 0 && args.Contains("--json") && parsed.CommandResult.Command.Options.Any(o => o.Name == "--json"))
{
    // A script that asked for JSON gets JSON, not the help text System.CommandLine would print on stdout.
    return await CliErrors.UsageAsync(parsed.CommandResult.Command.Name, parsed.Errors.Select(e => e.Message));
}

return await parsed.InvokeAsync();
