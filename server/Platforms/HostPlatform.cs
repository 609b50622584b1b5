using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Credentials;

namespace FoundryIde.Server.Platforms;

public enum OsKind
{
    Linux,
    MacOS,
    Windows,
}

/// <summary>
/// The rules that differ per operating system, with the OS and the environment injected so that every rule is
/// unit-tested on any machine. <see cref="Current"/> is the process's own.
/// </summary>
public sealed record HostPlatform(OsKind Os, IEnvironmentReader Environment)
{
    public static HostPlatform Current { get; } = new(
        OperatingSystem.IsWindows() ? OsKind.Windows : OperatingSystem.IsMacOS() ? OsKind.MacOS : OsKind.Linux,
        new ProcessEnvironment());

    public bool IsWindows => Os == OsKind.Windows;

    /// <summary>
    /// Claude Code's managed settings file. Read from the pinned Claude Code binary (2.1.332): its managed folder is
    /// "C:\Program Files\ClaudeCode" on Windows (not ProgramData), "/Library/Application Support/ClaudeCode" on
    /// macOS and "/etc/claude-code" elsewhere; the file in it is managed-settings.json.
    /// </summary>
    public string ManagedSettingsPath => Os switch
    {
        OsKind.Windows => @"C:\Program Files\ClaudeCode\managed-settings.json",
        OsKind.MacOS => "/Library/Application Support/ClaudeCode/managed-settings.json",
        _ => "/etc/claude-code/managed-settings.json",
    };

    /// <summary>
    /// The user's home folder as Claude Code (Node's os.homedir) finds it: on Windows USERPROFILE before HOME (Git
    /// Bash and Wine set a HOME that Windows programs do not use), elsewhere HOME; else what the OS says.
    /// </summary>
    public string Home =>
        (IsWindows ? Environment.Read("USERPROFILE") ?? Environment.Read("HOME") : Environment.Read("HOME") ?? Environment.Read("USERPROFILE"))
        ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// Joins path parts with this platform's separator, not the process's (the tests run every OS's rules on each):
    /// on Linux and macOS as Path.Combine does there (an absolute part starts again, empty parts are skipped).
    /// </summary>
    public string Join(params string[] parts) =>
        IsWindows
            ? string.Join('\\', parts.Select((p, i) => i == 0 ? p.TrimEnd('\\', '/') : p.Trim('\\', '/')))
            : parts.Aggregate("", (path, part) => part.Length == 0 ? path : part.StartsWith('/') || path.Length == 0 ? part : path.TrimEnd('/') + "/" + part);

    /// <summary>Claude Code's user settings: $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json (%USERPROFILE%\.claude on Windows).</summary>
    public string ClaudeUserSettingsPath => Join(Environment.Read("CLAUDE_CONFIG_DIR") ?? Join(Home, ".claude"), "settings.json");

    /// <summary>
    /// The shell a person types the fix commands in: $SHELL when set (also Git Bash, MSYS and Cygwin on Windows),
    /// else on Windows pwsh when it is installed, else Windows PowerShell.
    /// </summary>
    public string? TerminalShell(ProgramLookup lookup) =>
        Environment.Read("SHELL") is { } shell ? shell
        : !IsWindows ? null
        : lookup.Find("pwsh") is not null ? "pwsh" : "powershell";

    /// <summary>
    /// The command that makes a file readable by its user only, as typed in <paramref name="shell"/>: chmod 600 off
    /// Windows; on Windows icacls, naming the user as that shell reads a variable: PowerShell "$($env:USERNAME):F"
    /// ("$env:USERNAME:F" would read a variable named USERNAME:F), cmd "%USERNAME%:F", Git Bash "$USERNAME:F" with
    /// MSYS's path conversion off (it would turn /inheritance:r into a path). Null when the path cannot be quoted there.
    /// </summary>
    public string? OwnerOnlyCommand(ShellKind shell, string path)
    {
        if (!IsWindows) return ShellQuoting.Quote(shell == ShellKind.Cmd ? ShellKind.Sh : shell, path) is { } file ? $"chmod 600 {file}" : null;
        if (ShellQuoting.Quote(shell, path) is not { } quoted) return null;
        var (prefix, user) = shell switch
        {
            ShellKind.Pwsh => ("", "\"$($env:USERNAME):F\""),
            ShellKind.Cmd => ("", "\"%USERNAME%:F\""),
            ShellKind.Fish => ("env MSYS_NO_PATHCONV=1 ", "\"$USERNAME:F\""),
            _ => ("MSYS_NO_PATHCONV=1 ", "\"$USERNAME:F\""),
        };
        return $"{prefix}icacls {quoted} /inheritance:r /grant:r {user}";
    }

    /// <summary>The env format printed when none is asked: pwsh on Windows (the terminal VS Code opens there), dotenv elsewhere.</summary>
    public string DefaultEnvFormat => IsWindows ? EnvFormat.Pwsh : EnvFormat.Dotenv;

    /// <summary>
    /// True when a browser sign-in cannot come back to this machine: an SSH session, GitHub Codespaces, a dev
    /// container, or Linux without a display. `az login --use-device-code` is the advice there.
    /// </summary>
    public bool NeedsDeviceCodeLogin =>
        Environment.Read("SSH_CONNECTION") is not null || Environment.Read("SSH_TTY") is not null
        || IsTrue(Environment.Read("CODESPACES")) || IsTrue(Environment.Read("REMOTE_CONTAINERS"))
        || (Os == OsKind.Linux && Environment.Read("DISPLAY") is null && Environment.Read("WAYLAND_DISPLAY") is null);

    private static bool IsTrue(string? value) => value is not null && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}
