namespace FoundryIde.Server.ClaudeConfig;

/// <summary>Where Claude Code reads settings, and what it applies from project files before workspace trust.</summary>
public static class ClaudeSettingsLocations
{
    /// <summary>Applied from project and local files only after the workspace is trusted.</summary>
    public static IReadOnlyList<string> NeedTrust => EffectiveVariableNames.NeedWorkspaceTrust;

    public static bool IsProjectFile(string path)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(path));
        return folder == ".claude" && name is "settings.json" or "settings.local.json" && !IsUserFile(path);
    }

    public static bool IsUserFile(string path)
    {
        var configDir = Environment.GetEnvironmentVariable("CLAUDE_CONFIG_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".claude");
        return string.Equals(Path.GetFullPath(path), Path.GetFullPath(Path.Combine(configDir, "settings.json")), StringComparison.Ordinal);
    }

    public static string? TrustNote(string path, string format, IReadOnlyList<EnvVariable> variables) =>
        format == EnvFormat.ClaudeSettings && IsProjectFile(path) && variables.Any(v => NeedTrust.Contains(v.Name))
            ? $"{path} is a project settings file: Claude Code applies {string.Join(" and ", variables.Select(v => v.Name).Where(NeedTrust.Contains))} " +
              "from it only after you trust the workspace (it asks on first run). To avoid that, write the user settings (~/.claude/settings.json)."
            : null;
}
