using FoundryIde.Server.Credentials;
using FoundryIde.Server.Platforms;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>One settings file Claude Code (or its VS Code extension) reads, and which source it is.</summary>
public sealed record SettingsFileLocation(string Source, string Path);

/// <summary>
/// Where the settings files are, for the current user (HOME, CLAUDE_CONFIG_DIR, XDG_* from the environment reader,
/// so tests can point them at temp folders) and one workspace folder.
/// </summary>
public sealed record SettingsSourcePaths(
    string UserSettings,
    string? ProjectSettings,
    string? LocalSettings,
    string ManagedSettings,
    IReadOnlyList<string> VsCodeUserSettings,
    string? VsCodeWorkspaceSettings)
{
    /// <summary>Overrides the managed settings path (default /etc/claude-code/managed-settings.json on Linux).</summary>
    public const string ManagedSettingsVariable = "FOUNDRYIDE_MANAGED_SETTINGS";

    /// <summary>The key of the VS Code extension's list of {name, value}.</summary>
    public const string VsCodeEnvironmentKey = "claudeCode.environmentVariables";

    /// <summary>Claude Code's files, in its merge order (later wins).</summary>
    public IEnumerable<SettingsFileLocation> ClaudeFiles()
    {
        yield return new(ConfigSources.User, UserSettings);
        if (ProjectSettings is not null) yield return new(ConfigSources.Project, ProjectSettings);
        if (LocalSettings is not null) yield return new(ConfigSources.Local, LocalSettings);
        yield return new(ConfigSources.Managed, ManagedSettings);
    }

    /// <summary>VS Code's files, least specific first: the most specific one that has the list wins.</summary>
    public IEnumerable<SettingsFileLocation> VsCodeFiles()
    {
        foreach (var path in VsCodeUserSettings) yield return new(ConfigSources.VsCodeUser, path);
        if (VsCodeWorkspaceSettings is not null) yield return new(ConfigSources.VsCodeWorkspace, VsCodeWorkspaceSettings);
    }

    public static SettingsSourcePaths For(IEnvironmentReader environment, string? workspaceFolder)
    {
        var home = Home(environment);
        var claudeDir = environment.Read("CLAUDE_CONFIG_DIR") ?? System.IO.Path.Combine(home, ".claude");
        var user = System.IO.Path.Combine(claudeDir, "settings.json");
        var project = workspaceFolder is null ? null : System.IO.Path.Combine(workspaceFolder, ".claude", "settings.json");
        return new SettingsSourcePaths(
            user,
            // In the home folder the project file is the user file: one file, read once, as the user's.
            project is null || SamePath(project, user) ? null : project,
            workspaceFolder is null ? null : System.IO.Path.Combine(workspaceFolder, ".claude", "settings.local.json"),
            environment.Read(ManagedSettingsVariable) ?? DefaultManagedSettings(),
            VsCodeUserFiles(environment, home),
            workspaceFolder is null ? null : System.IO.Path.Combine(workspaceFolder, ".vscode", "settings.json"));
    }

    /// <summary>The user's home folder (<see cref="HostPlatform.Home"/>: USERPROFILE first on Windows, HOME elsewhere).</summary>
    public static string Home(IEnvironmentReader environment) => (HostPlatform.Current with { Environment = environment }).Home;

    private static bool SamePath(string a, string b) => string.Equals(
        System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b),
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <summary>Claude Code's managed settings file for this OS (see <see cref="HostPlatform.ManagedSettingsPath"/>).</summary>
    private static string DefaultManagedSettings() => HostPlatform.Current.ManagedSettingsPath;

    /// <summary>Desktop VS Code's user settings, then a VS Code Server's machine settings, then code-server's.</summary>
    private static string[] VsCodeUserFiles(IEnvironmentReader environment, string home)
    {
        var desktop = OperatingSystem.IsWindows()
            ? System.IO.Path.Combine(environment.Read("APPDATA") ?? System.IO.Path.Combine(home, "AppData", "Roaming"), "Code", "User", "settings.json")
            : OperatingSystem.IsMacOS()
                ? System.IO.Path.Combine(home, "Library", "Application Support", "Code", "User", "settings.json")
                : System.IO.Path.Combine(environment.Read("XDG_CONFIG_HOME") ?? System.IO.Path.Combine(home, ".config"), "Code", "User", "settings.json");
        var dataHome = environment.Read("XDG_DATA_HOME") ?? System.IO.Path.Combine(home, ".local", "share");
        return
        [
            desktop,
            System.IO.Path.Combine(home, ".vscode-server", "data", "Machine", "settings.json"),
            System.IO.Path.Combine(dataHome, "code-server", "User", "settings.json"),
        ];
    }
}
