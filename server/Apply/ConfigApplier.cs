using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Apply;

/// <summary>
/// <c>config/apply</c>: one selection applied to every target the editor asks for, in one answer. The sidecar decides
/// everything (the deployment per family, the variables, where Claude Code's user settings are, which names are
/// managed, how the Claude Code extension's list is merged); the editor does only what needs the editor (its terminal
/// collection, its settings, its secret store, consent). Files are written as <c>env --output</c> writes them
/// (<see cref="SafeFileWriter"/>: atomic, a backup, a symlink followed only into the workspace or home, a key never
/// where git would commit it). One file's failure is reported on that file; the other targets are still applied.
/// </summary>
public sealed class ConfigApplier(EnvGenerator env, IEnvironmentReader environment)
{
    public const string DefaultDotenvPath = ".env";

    public async Task<ApplyResult> ApplyAsync(ApplyParams request, CancellationToken cancellationToken)
    {
        var selection = request.Selection ?? throw new FoundryException(FoundryErrorCode.InvalidInput, "config/apply needs the selection: {resource, …}.");
        if (selection.Format is not null || selection.Output is not null || selection.FetchKey || selection.RevealSecrets)
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput,
                "config/apply decides the format, the files and what is shown: leave format, output, fetchKey and revealSecrets out of the selection.");
        }

        var targets = Targets(request.Targets);
        var workspace = selection.WorkspaceFolder;
        if (workspace is not null && !Path.IsPathFullyQualified(workspace))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"workspaceFolder must be an absolute path; \"{workspace}\" is not.");
        }

        var warnings = new List<string>();
        var planned = PlanFiles(targets, workspace, request.DotenvPath, warnings);
        if (request.DryRun)
        {
            return new ApplyResult(selection.Resource, selection.Auth ?? ConnectionAuthMode.Entra, [], null,
                [.. planned.Select(p => p.File)], [], FoundryVariables.Managed, warnings, true);
        }

        // One lookup of the resource; the real key only in memory here (files get it, the answer never does).
        var generated = await env.GenerateAsync(selection with { Format = EnvFormat.Json, RevealSecrets = true }, cancellationToken);
        var variables = generated.Variables;
        warnings.AddRange(generated.Warnings);
        if (!targets.Contains(ApplyTarget.UserSettings) && Models.ModelPicker.UnknownFromVariablesAlone(generated.Choices,
                $"add \"{ApplyTarget.UserSettings}\" to the foundryIde.writeTo setting.") is { } unknownWindow)
        {
            warnings.Add(unknownWindow);
        }

        var holdsSecret = variables.Any(v => v.Secret);

        var files = new List<ApplyFile>();
        string?[] linkRoots = [workspace, SettingsSourcePaths.Home(environment)];
        foreach (var (file, format) in planned)
        {
            if (file.Error is not null)
            {
                files.Add(file);
                continue;
            }

            try
            {
                var written = await SafeFileWriter.WriteAsync(file.Path, linkRoots, existing => EnvFormat.IsJson(format)
                    ? JsonSettingsMerge.Merge(file.Path, existing, format, variables, generated.ModelPicker)
                    : EnvFileMerge.Merge(existing, format, variables), holdsSecret, cancellationToken);
                files.Add(file with { Changed = written.Changed, BackupPath = written.BackupPath, Note = written.Note });
            }
            catch (FoundryException e)
            {
                files.Add(file with { Error = e.Message });
            }
        }

        var list = targets.Contains(ApplyTarget.ClaudeCodeExtension)
            ? ClaudeCodeListMerge.Merge(request.ClaudeCodeEnvironmentVariables, variables, FoundryVariables.Managed, warnings)
            : null;
        var shown = variables.Select(v => v.Secret ? v with { Value = "***" } : v).ToArray();
        var choices = generated.Choices.Select(c => new ApplyChoice(c.Family, c.Deployment,
            c.Explicit ? ApplyChoiceReason.Explicit : c.Deployment is null ? ApplyChoiceReason.None : ApplyChoiceReason.Default)).ToArray();
        return new ApplyResult(generated.Resource, generated.Auth, shown, list, files, choices, FoundryVariables.Managed, warnings, false);
    }

    private static HashSet<string> Targets(IReadOnlyList<string>? targets)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets ?? [])
        {
            if (!ApplyTarget.All.Contains(target))
            {
                throw new FoundryException(FoundryErrorCode.InvalidInput,
                    $"Unknown target {TrustedValues.Show(target ?? "null")}: use {string.Join(", ", ApplyTarget.All)}.");
            }

            set.Add(target);
        }

        return set;
    }

    /// <summary>The file targets in the order they are written, each with its path and where a symlink on it leads.</summary>
    private List<(ApplyFile File, string Format)> PlanFiles(HashSet<string> targets, string? workspace, string? dotenvPath, List<string> warnings)
    {
        var planned = new List<(ApplyFile, string)>();
        if (targets.Contains(ApplyTarget.Dotenv))
        {
            var relative = dotenvPath is null || dotenvPath.Trim().Length == 0 ? DefaultDotenvPath : dotenvPath;
            if (relative.Any(char.IsControl))
            {
                throw new FoundryException(FoundryErrorCode.InvalidInput, $"dotenvPath {TrustedValues.Show(relative)} has a control character.");
            }

            if (workspace is null && !Path.IsPathFullyQualified(relative))
            {
                warnings.Add("No folder is open: the .env file was not written.");
            }
            else
            {
                planned.Add((Plan(ApplyTarget.Dotenv, Path.GetFullPath(Path.Combine(workspace ?? "/", relative))), EnvFormat.Dotenv));
            }
        }

        if (targets.Contains(ApplyTarget.UserSettings))
        {
            planned.Add((Plan(ApplyTarget.UserSettings, SettingsSourcePaths.For(environment, null).UserSettings), EnvFormat.ClaudeSettings));
        }

        return planned;
    }

    private static ApplyFile Plan(string target, string path)
    {
        try
        {
            var physical = OutputPath.Physical(path);
            return new ApplyFile(target, path, string.Equals(physical, path, StringComparison.Ordinal) ? null : physical, false, null, null, null);
        }
        catch (FoundryException e)
        {
            return new ApplyFile(target, path, null, false, null, null, e.Message);
        }
    }
}
