namespace FoundryIde.Server.ClaudeConfig;

/// <summary>Where Claude Code reads settings, and what it applies from project files before workspace trust.</summary>
public static class ClaudeSettingsLocations
{
    /// <summary>Applied from project and local files only after the workspace is trusted.</summary>
    public static IReadOnlyList<string> NeedTrust => EffectiveVariableNames.NeedWorkspaceTrust;

    /// <summary>A `.claude/settings[.local].json` that is not the user's own settings file (where SettingsSourcePaths puts it).</summary>
    public static bool IsProjectFile(string path, string userSettings)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(path));
        return folder == ".claude" && name is "settings.json" or "settings.local.json"
            && !string.Equals(Path.GetFullPath(path), Path.GetFullPath(userSettings), StringComparison.Ordinal);
    }

    public static string? TrustNote(string path, string userSettings, string format, IReadOnlyList<EnvVariable> variables) =>
        format == EnvFormat.ClaudeSettings && IsProjectFile(path, userSettings) && variables.Any(v => NeedTrust.Contains(v.Name))
            ? $"{path} is a project settings file: Claude Code applies {string.Join(" and ", variables.Select(v => v.Name).Where(NeedTrust.Contains))} " +
              "from it only after you trust the workspace (it asks on first run). To avoid that, write the user settings (~/.claude/settings.json)."
            : null;
}
