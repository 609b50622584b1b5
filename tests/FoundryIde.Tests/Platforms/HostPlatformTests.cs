using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Platforms;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Platforms;

/// <summary>The per-OS rules, with the OS and the environment injected (they run on Linux for every OS).</summary>
[TestClass]
public sealed class HostPlatformTests
{
    private static HostPlatform On(OsKind os, params (string, string)[] env) => new(os, new TestEnvironment(env));

    [TestMethod]
    [DataRow(OsKind.Windows, @"C:\Program Files\ClaudeCode\managed-settings.json")]
    [DataRow(OsKind.MacOS, "/Library/Application Support/ClaudeCode/managed-settings.json")]
    [DataRow(OsKind.Linux, "/etc/claude-code/managed-settings.json")]
    public void ManagedSettingsPath_PerOs_IsWhereClaudeCodeReadsIt(OsKind os, string expected) =>
        Assert.AreEqual(expected, On(os).ManagedSettingsPath);

    [TestMethod]
    public void ClaudeUserSettingsPath_WindowsWithUserProfile_IsUnderUserProfile() =>
        Assert.AreEqual(@"C:\Users\alice\.claude\settings.json", On(OsKind.Windows, ("USERPROFILE", @"C:\Users\alice")).ClaudeUserSettingsPath);

    [TestMethod]
    public void Home_WindowsWithHomeAndUserProfile_IsUserProfile() =>
        Assert.AreEqual(@"C:\Users\alice", On(OsKind.Windows, ("HOME", "/c/Users/alice"), ("USERPROFILE", @"C:\Users\alice")).Home);

    [TestMethod]
    public void Home_LinuxWithHomeAndUserProfile_IsHome() =>
        Assert.AreEqual("/home/alice", On(OsKind.Linux, ("HOME", "/home/alice"), ("USERPROFILE", @"C:\Users\alice")).Home);

    [TestMethod]
    public void ClaudeUserSettingsPath_ClaudeConfigDirSet_WinsOverHome() =>
        Assert.AreEqual(@"D:\cfg\settings.json", On(OsKind.Windows, ("USERPROFILE", @"C:\Users\alice"), ("CLAUDE_CONFIG_DIR", @"D:\cfg\")).ClaudeUserSettingsPath);

    [TestMethod]
    public void ClaudeUserSettingsPath_Linux_IsUnderHome() =>
        Assert.AreEqual("/home/alice/.claude/settings.json", On(OsKind.Linux, ("HOME", "/home/alice")).ClaudeUserSettingsPath);

    [TestMethod]
    [DataRow(OsKind.Windows, "pwsh")]
    [DataRow(OsKind.Linux, "dotenv")]
    [DataRow(OsKind.MacOS, "dotenv")]
    public void DefaultEnvFormat_PerOs_IsTheTerminalsFormat(OsKind os, string expected) => Assert.AreEqual(expected, On(os).DefaultEnvFormat);

    [TestMethod]
    public void TerminalShell_WindowsWithPwshOnPath_IsPwsh()
    {
        var platform = On(OsKind.Windows, ("PATH", @"C:\Program Files\PowerShell\7"));
        Assert.AreEqual("pwsh", platform.TerminalShell(new ProgramLookup(platform, p => p == @"C:\Program Files\PowerShell\7\pwsh.exe")));
    }

    [TestMethod]
    public void TerminalShell_WindowsWithoutPwsh_IsWindowsPowerShell()
    {
        var platform = On(OsKind.Windows, ("PATH", @"C:\Windows\System32"));
        Assert.AreEqual("powershell", platform.TerminalShell(new ProgramLookup(platform, _ => false)));
    }

    [TestMethod]
    public void TerminalShell_WindowsGitBash_IsItsShell()
    {
        var platform = On(OsKind.Windows, ("SHELL", "/usr/bin/bash"));
        Assert.AreEqual("/usr/bin/bash", platform.TerminalShell(new ProgramLookup(platform, _ => true)));
    }

    [TestMethod]
    public void TerminalShell_LinuxWithoutShell_IsNull() =>
        Assert.IsNull(On(OsKind.Linux).TerminalShell(new ProgramLookup(On(OsKind.Linux), _ => true)));

    [TestMethod]
    [DataRow(ShellKind.Pwsh, @"icacls 'C:\Users\alice\.claude\settings.json' /inheritance:r /grant:r ""$($env:USERNAME):F""")]
    [DataRow(ShellKind.Cmd, @"icacls ""C:\Users\alice\.claude\settings.json"" /inheritance:r /grant:r ""%USERNAME%:F""")]
    [DataRow(ShellKind.Sh, @"MSYS_NO_PATHCONV=1 icacls 'C:\Users\alice\.claude\settings.json' /inheritance:r /grant:r ""$USERNAME:F""")]
    [DataRow(ShellKind.Fish, @"env MSYS_NO_PATHCONV=1 icacls 'C:\\Users\\alice\\.claude\\settings.json' /inheritance:r /grant:r ""$USERNAME:F""")]
    public void OwnerOnlyCommand_Windows_NamesTheUserAsTheShellReadsIt(ShellKind shell, string expected) =>
        Assert.AreEqual(expected, On(OsKind.Windows).OwnerOnlyCommand(shell, @"C:\Users\alice\.claude\settings.json"));

    [TestMethod]
    [DataRow(ShellKind.Sh, "chmod 600 '/home/o'\\''neil/.claude/settings.json'")]
    [DataRow(ShellKind.Fish, @"chmod 600 '/home/o\'neil/.claude/settings.json'")]
    [DataRow(ShellKind.Pwsh, "chmod 600 '/home/o''neil/.claude/settings.json'")]
    public void OwnerOnlyCommand_Linux_IsChmodQuotedForTheShell(ShellKind shell, string expected) =>
        Assert.AreEqual(expected, On(OsKind.Linux).OwnerOnlyCommand(shell, "/home/o'neil/.claude/settings.json"));

    [TestMethod]
    public void OwnerOnlyCommand_WindowsPathCmdCannotHold_IsNull() =>
        Assert.IsNull(On(OsKind.Windows).OwnerOnlyCommand(ShellKind.Cmd, @"C:\Users\100%\settings.json"));

    [TestMethod]
    [DataRow("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")]
    [DataRow("SSH_TTY", "/dev/pts/0")]
    [DataRow("CODESPACES", "true")]
    [DataRow("REMOTE_CONTAINERS", "true")]
    public void NeedsDeviceCodeLogin_RemoteSession_IsTrue(string name, string value)
    {
        Assert.IsTrue(On(OsKind.Linux, ("DISPLAY", ":0"), (name, value)).NeedsDeviceCodeLogin);
        Assert.IsTrue(On(OsKind.Windows, (name, value)).NeedsDeviceCodeLogin);
        Assert.IsTrue(On(OsKind.MacOS, (name, value)).NeedsDeviceCodeLogin);
    }

    [TestMethod]
    public void NeedsDeviceCodeLogin_LinuxWithoutDisplay_IsTrue()
    {
        Assert.IsTrue(On(OsKind.Linux).NeedsDeviceCodeLogin);
        Assert.IsFalse(On(OsKind.Linux, ("DISPLAY", ":0")).NeedsDeviceCodeLogin);
        Assert.IsFalse(On(OsKind.Linux, ("WAYLAND_DISPLAY", "wayland-0")).NeedsDeviceCodeLogin);
    }

    [TestMethod]
    public void NeedsDeviceCodeLogin_DesktopWindowsAndMac_IsFalse()
    {
        Assert.IsFalse(On(OsKind.Windows).NeedsDeviceCodeLogin);
        Assert.IsFalse(On(OsKind.MacOS).NeedsDeviceCodeLogin);
        Assert.IsFalse(On(OsKind.Linux, ("DISPLAY", ":0"), ("CODESPACES", "false")).NeedsDeviceCodeLogin);
    }

    [TestMethod]
    public void AzureCliAdvice_InCodespaces_OffersDeviceCodeLogin()
    {
        var outcome = LinkAdvice.Explain(ClaudeCodeChain.AzureCli, LinkStatus.Unavailable, "Please run 'az login' to set up an account.",
            new TestEnvironment(("CODESPACES", "true"), ("DISPLAY", ":0")), OsKind.Linux, _ => "/usr/bin/az");
        Assert.AreEqual("az login --use-device-code", outcome.Run?.CommandLine);
        StringAssert.Contains(outcome.Fix, "az login --use-device-code");
    }

    [TestMethod]
    public void AzureCliAdvice_OnADesktop_OffersBrowserLogin()
    {
        var outcome = LinkAdvice.Explain(ClaudeCodeChain.AzureCli, LinkStatus.Unavailable, "Please run 'az login' to set up an account.",
            new TestEnvironment(("AZURE_TENANT_ID", "contoso.onmicrosoft.com")), OsKind.Windows, _ => @"C:\az\az.cmd");
        Assert.AreEqual("az login --tenant contoso.onmicrosoft.com", outcome.Run?.CommandLine);
    }

    [TestMethod]
    public void AzureCliAdvice_WindowsNotRecognized_IsNotInstalledWithPathExtNames()
    {
        var outcome = LinkAdvice.Explain(ClaudeCodeChain.AzureCli, LinkStatus.Unavailable,
            "'az' is not recognized as an internal or external command, operable program or batch file.", new TestEnvironment(), OsKind.Windows);
        StringAssert.Contains(outcome.Detail, "az.cmd");
        StringAssert.Contains(outcome.Fix, "winget install Microsoft.AzureCLI");
        Assert.IsNull(outcome.Run);
    }
}
