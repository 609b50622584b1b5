using System.CommandLine;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class EnvCommand
{
    public static Command Create()
    {
        var resource = new Option<string>("--resource") { Description = "The Foundry resource's name (`foundry-ide resources` lists them).", Required = true };
        var subscription = new Option<string?>("--subscription") { Description = "Where to look for it (id or name)." };
        var fable = new Option<string?>("--fable") { Description = "Deployment for Claude Code's fable alias (default: the newest healthy Fable)." };
        var opus = new Option<string?>("--opus") { Description = "Deployment for Claude Code's opus alias (default: the newest healthy Opus)." };
        var sonnet = new Option<string?>("--sonnet") { Description = "Deployment for the sonnet alias (default: the newest healthy Sonnet)." };
        var haiku = new Option<string?>("--haiku") { Description = "Deployment for the haiku alias (default: the newest healthy Haiku)." };
        var auth = new Option<string?>("--auth") { Description = "entra (default; no secret is written) or key (ANTHROPIC_FOUNDRY_API_KEY, or --fetch-key)." };
        var format = new Option<string?>("--format") { Description = "dotenv, sh, fish, pwsh, claude-settings, vscode or json. Default: printed, dotenv (pwsh on Windows); with --output, from the file's name (.ps1 pwsh, .fish fish, .sh/.bash/.zsh sh, .claude/settings.json claude-settings, .vscode/settings.json vscode, other .json json, else dotenv)." };
        var output = new Option<string?>("--output") { Description = "Merge into this file (other content kept; atomic; FILE.bak keeps the old one, never a key this write removes; 0600 when it holds a key; a symlink is followed only into the current directory or your home)." };
        var fetchKey = new Option<bool>("--fetch-key") { Description = "With --auth key: read key1 with listKeys." };
        var json = new Option<bool>("--json") { Description = "Print the result (variables, choices, warnings, file) as JSON; a key is shown as ***." };
        var cloud = new CloudOptions();
        var command = new Command("env",
            "The variables that make Claude Code use a Foundry resource, in a format for your shell or settings. " +
            "Without --output they are printed (eval \"$(foundry-ide env --resource R --format sh)\"); warnings go to stderr.")
        {
            resource, subscription, fable, opus, sonnet, haiku, auth, format, output, fetchKey, json,
        };
        cloud.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("env", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            host.Services.GetRequiredService<AzureConnections>().Configure(cloud.Read(parse));
            var result = await host.Services.GetRequiredService<EnvGenerator>().GenerateAsync(new EnvParams(
                parse.GetValue(resource)!, parse.GetValue(subscription), parse.GetValue(opus), parse.GetValue(sonnet), parse.GetValue(haiku),
                parse.GetValue(auth), parse.GetValue(format) ?? (parse.GetValue(output) is null ? Platforms.HostPlatform.Current.DefaultEnvFormat : null), parse.GetValue(output), null, parse.GetValue(fetchKey),
                RevealSecrets: !parse.GetValue(json) && parse.GetValue(output) is null, WorkspaceFolder: Environment.CurrentDirectory, Fable: parse.GetValue(fable)), cancellationToken);
            foreach (var warning in result.Warnings) await Console.Error.WriteLineAsync($"warning: {warning}");
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(CliJson.Serialize(result));
            }
            else if (result.File is { } file)
            {
                await Console.Error.WriteLineAsync(file.Changed
                    ? $"wrote {file.Path}{(file.BackupPath is null ? "" : $" (previous content in {file.BackupPath})")}"
                    : $"{file.Path} already says this; nothing changed");
                if (file.Note is not null) await Console.Error.WriteLineAsync(file.Note);
            }
            else
            {
                Console.Out.Write(result.Content);
            }

            return 0;
        }, parse.GetValue(json)));
        return command;
    }
}
