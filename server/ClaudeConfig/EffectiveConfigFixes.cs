using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The words for where a value comes from and the exact change that fixes it, per kind of place.</summary>
public static class EffectiveConfigFixes
{
    /// <summary>"the shell", "user settings /home/a/.claude/settings.json", …</summary>
    public static string Describe(ConfigOrigin origin) => origin.Source switch
    {
        ConfigSources.Shell => "the shell environment",
        ConfigSources.User => $"user settings {origin.Path}",
        ConfigSources.Project => $"project settings {origin.Path}",
        ConfigSources.Local => $"local project settings {origin.Path}",
        ConfigSources.Managed => $"managed settings {origin.Path}",
        _ => $"claudeCode.environmentVariables in {origin.Path}",
    };

    /// <summary>"NAME=value" for what may be shown, "NAME (a secret, set)" for a secret.</summary>
    public static string Show(ResolvedVariable variable) =>
        variable.Secret ? $"{variable.Name} (set; secret, not shown)" : $"{variable.Name}={variable.Value}";

    /// <summary>"NAME=value (from user settings …)".</summary>
    public static string ShowWithOrigin(ResolvedVariable variable) => $"{Show(variable)} (from {Describe(variable.Origin)})";

    /// <summary>How to remove a variable from each place that sets it (all of them: a lower one applies once the top one is gone).</summary>
    public static string Remove(string name, IEnumerable<ConfigOrigin> places)
    {
        var steps = places.Reverse().Distinct().Select(p => RemoveFrom(name, p)).ToArray();
        return steps.Length == 1 ? steps[0] : string.Join(" ", steps.Select((s, i) => $"({i + 1}) {s}"));
    }

    public static string RemoveFrom(string name, ConfigOrigin origin) => origin.Source switch
    {
        ConfigSources.Shell => $"Run `unset {name}` and delete the line that exports it from your shell profile (~/.bashrc, ~/.zshrc, ~/.profile).",
        ConfigSources.Managed => $"Ask your administrator to remove \"{name}\" from the env block of {origin.Path} (managed settings beat every other file).",
        ConfigSources.VsCodeUser or ConfigSources.VsCodeWorkspace =>
            $"Delete the {{\"name\": \"{name}\", …}} entry from \"{SettingsSourcePaths.VsCodeEnvironmentKey}\" in {origin.Path}.",
        _ => $"Delete \"{name}\" from the \"env\" block of {origin.Path}.",
    };

    /// <summary>How to set a variable to a value in one place (the value is never a secret here).</summary>
    public static string Set(string name, string value, ConfigOrigin origin) => origin.Source switch
    {
        ConfigSources.Shell => $"Run `export {name}={value}` and put that line in your shell profile (~/.bashrc, ~/.zshrc, ~/.profile).",
        ConfigSources.Managed => $"Ask your administrator to set \"{name}\": \"{value}\" in the env block of {origin.Path} (managed settings beat every other file).",
        ConfigSources.VsCodeUser or ConfigSources.VsCodeWorkspace =>
            $"Set {{\"name\": \"{name}\", \"value\": \"{value}\"}} in \"{SettingsSourcePaths.VsCodeEnvironmentKey}\" in {origin.Path}.",
        _ => $"Set \"{name}\": \"{value}\" in the \"env\" block of {origin.Path}.",
    };
}
