using FoundryIde.Server.Platforms;
using FoundryIde.Server.Rpc;
using static FoundryIde.Server.ClaudeConfig.EffectiveConfigFixes;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Conflicts about files rather than one process's values: files that do not parse, secrets in the shared project
/// file, and the VS Code extension's list against what a terminal sees.
/// </summary>
public static class SettingsFileChecks
{
    public static IEnumerable<ConfigConflict> UnusableFiles(SettingsSnapshot snapshot)
    {
        foreach (var file in snapshot.Contents.Where(f => f.Status.Error is not null))
        {
            var reader = SettingsFileParser.IsVsCode(file.Location) ? "VS Code" : "Claude Code";
            var fix = file switch
            {
                { Line: { } line, Column: { } column } =>
                    $"Fix the JSON at line {line}, column {column} of {file.Location.Path}" +
                    (SettingsFileParser.IsVsCode(file.Location) ? "." : " (strict JSON: no comments, no trailing commas)."),
                { Unusable: true } => $"Make {file.Location.Path} a readable JSON object (check its owner and permissions).",
                _ => $"Correct the entries named above in {file.Location.Path}.",
            };
            yield return new ConfigConflict(ConflictCodes.SettingsInvalid,
                file.Unusable ? ConflictSeverity.Error : ConflictSeverity.Warning,
                $"{file.Location.Path} {file.Status.Error}" + (file.Unusable ? $" {reader} ignores the whole file, so none of its settings apply." : ""),
                fix, file.Location.Source, file.Location.Path, null);
        }
    }

    /// <summary>.claude/settings.json is the file a team commits; a key or token in it is shared with everyone.</summary>
    public static IEnumerable<ConfigConflict> SecretsInSharedSettings(SettingsSnapshot snapshot)
    {
        var project = snapshot.Terminal.FirstOrDefault(l => l.Source == ConfigSources.Project);
        if (project is null) yield break;
        foreach (var (name, value) in project.Variables)
        {
            if (value.Length == 0 || !EffectiveVariableNames.IsSecret(name, value)) continue;
            yield return new ConfigConflict(ConflictCodes.SecretInSharedSettings, ConflictSeverity.Warning,
                $"{name} is set in {project.Path}, the project settings file meant to be committed and shared with everyone who clones the repository.",
                $"Move \"{name}\" to the \"env\" block of {snapshot.Paths.LocalSettings} (git-ignored) or of {snapshot.Paths.UserSettings}; " +
                "if the file was ever committed or pushed, rotate the secret.",
                project.Source, project.Path, name);
        }
    }

    /// <summary>
    /// A key or token in the user's or the local settings file that others on the machine may read: a mode beyond 0600,
    /// or on Windows an ACL that grants more than the user (files FoundryIde writes are made so; hand-written ones are
    /// often not). The shared project file has its own warning; the managed one is the administrator's.
    /// </summary>
    public static IEnumerable<ConfigConflict> SecretsInReadableFiles(SettingsSnapshot snapshot)
    {
        foreach (var layer in snapshot.Terminal.Where(l => l.Path is not null && l.Source is ConfigSources.User or ConfigSources.Local))
        {
            var secret = layer.Variables.FirstOrDefault(v => v.Value.Length > 0 && EffectiveVariableNames.IsSecret(v.Key, v.Value)).Key;
            if (secret is null || IsPrivateOrGone(layer.Path!)) continue;
            var fix = HostPlatform.Current.OwnerOnlyCommand(ShellQuoting.Of(ShellQuoting.CurrentShell()), layer.Path!);
            yield return new ConfigConflict(ConflictCodes.SecretReadableByOthers, ConflictSeverity.Warning,
                $"{secret} is set in {layer.Path}, which other users of this machine may read.",
                fix is null ? "Make it readable by you only." : $"Make it readable by you only: {fix}", layer.Source, layer.Path, secret);
        }
    }

    private static bool IsPrivateOrGone(string path)
    {
        try
        {
            return PrivateFile.IsPrivate(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return true; // gone or unreadable since it was read: nothing to say about who may read it
        }
    }

    /// <summary>The extension's Claude Code and a terminal's see different values; settings files beat the list.</summary>
    public static IEnumerable<ConfigConflict> VsCodeAgainstTerminal(
        SettingsSnapshot snapshot, EffectiveConfigView terminal, EffectiveConfigView extension, SettingsLayer list)
    {
        foreach (var name in EffectiveVariableNames.All.Where(list.Variables.ContainsKey))
        {
            var mine = extension.Get(name)!;
            var theirs = terminal.Get(name);
            var fromList = new ResolvedVariable(name, list.Variables[name], list.Source, list.Path, []);
            if (mine.Source != list.Source)
            {
                if (mine.Value == fromList.Value) continue;
                yield return new ConfigConflict(ConflictCodes.VsCodeValueIgnored, ConflictSeverity.Warning,
                    $"{Describe(list.Origin)} sets {Show(fromList)}, but {Describe(mine.Origin)} sets it too, and Claude Code applies its " +
                    "settings files after the extension starts it: the list's value is ignored.",
                    $"{RemoveFrom(name, list.Origin)} Change it in {mine.Path} instead if that value is wrong.",
                    list.Source, list.Path, name);
                continue;
            }

            if ((theirs?.Value ?? "") == mine.Value) continue;
            var terminalSees = theirs is null ? "nothing" : ShowWithOrigin(theirs);
            yield return new ConfigConflict(ConflictCodes.VsCodeDiffers, ConflictSeverity.Warning,
                $"The Claude Code that the VS Code extension starts gets {Show(mine)} from {Describe(list.Origin)}; " +
                $"`claude` in a terminal gets {terminalSees}.",
                $"{RemoveFrom(name, list.Origin)} If the extension's value is the right one, set it in the \"env\" block of " +
                $"{snapshot.Paths.UserSettings} instead: terminals and the extension both read that file.",
                list.Source, list.Path, name);
        }

        foreach (var replaced in snapshot.VsCodeLists.Where(l => l != list))
        {
            var lost = EffectiveVariableNames.All.Where(n => replaced.Variables.ContainsKey(n) && !list.Variables.ContainsKey(n)).ToArray();
            if (lost.Length == 0) continue;
            yield return new ConfigConflict(ConflictCodes.VsCodeListReplaced, ConflictSeverity.Warning,
                $"\"{SettingsSourcePaths.VsCodeEnvironmentKey}\" in {list.Path} replaces the whole list in {replaced.Path} " +
                $"(VS Code does not merge lists), so {string.Join(", ", lost)} from {replaced.Path} never reach the Claude Code the extension starts.",
                $"Add {string.Join(", ", lost)} to the list in {list.Path}, or delete that list.",
                list.Source, list.Path, lost.Length == 1 ? lost[0] : null);
        }
    }
}
