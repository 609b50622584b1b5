using FoundryIde.Server.Credentials;
using FoundryIde.Server.Platforms;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Platforms;

/// <summary>
/// Whether az, PowerShell and azd are installed is looked up on PATH, not read from the error: what cmd, Wine's cmd and
/// sh print differs, and a missing program makes its link unavailable (as for Claude Code), never "failed".
/// </summary>
[TestClass]
public sealed class ProgramAdviceTests
{
    private const string WineCmdAz = "Can't recognize 'az account get-access-token --output json --resource https://cognitiveservices.azure.com' as an internal or external command, or batch script.";
    private const string WineCmdAzd = "Can't recognize 'azd auth token --output json --scope https://cognitiveservices.azure.com/.default' as an internal or external command, or batch script.";

    private static Func<string, string?> Installed(params string[] names) => name => names.Contains(name) ? "/usr/bin/" + name : null;

    private static LinkOutcome Explain(string link, string status, string message, OsKind os, params string[] installed) =>
        LinkAdvice.Explain(link, status, message, new TestEnvironment(("DISPLAY", ":0")), os, Installed(installed));

    [TestMethod]
    public void Explain_WineCmdCannotRecognizeAz_IsNotInstalledAndUnavailable()
    {
        var outcome = Explain(ClaudeCodeChain.AzureCli, LinkStatus.Failed, "AzureCliCredential authentication failed: " + WineCmdAz, OsKind.Windows);
        Assert.AreEqual(LinkStatus.Unavailable, outcome.Status);
        StringAssert.Contains(outcome.Detail, "not installed");
        StringAssert.Contains(outcome.Detail, "az.cmd");
        StringAssert.Contains(outcome.Fix, "winget install Microsoft.AzureCLI");
        Assert.IsNull(outcome.Run);
    }

    [TestMethod]
    public void Explain_WineCmdCannotRecognizeAzd_IsNotInstalledAndUnavailable()
    {
        var outcome = Explain(ClaudeCodeChain.AzureDeveloperCli, LinkStatus.Failed, WineCmdAzd, OsKind.Windows, "az");
        Assert.AreEqual(LinkStatus.Unavailable, outcome.Status);
        StringAssert.Contains(outcome.Detail, "not installed");
        Assert.IsNull(outcome.Run);
    }

    [TestMethod]
    public void Explain_AzInstalledUnknownError_KeepsFailedAndOffersLogin()
    {
        var outcome = Explain(ClaudeCodeChain.AzureCli, LinkStatus.Failed, "AzureCliCredential authentication failed: unknown error", OsKind.Linux, "az");
        Assert.AreEqual(LinkStatus.Failed, outcome.Status);
        Assert.AreEqual("az login", outcome.Run?.CommandLine);
    }

    [TestMethod]
    public void Explain_AzInstalledNotSignedIn_OffersLogin()
    {
        var outcome = Explain(ClaudeCodeChain.AzureCli, LinkStatus.Unavailable, "Please run 'az login' to set up an account.", OsKind.Windows, "az");
        StringAssert.Contains(outcome.Detail, "not signed in");
        Assert.AreEqual("az login", outcome.Run?.CommandLine);
    }

    [TestMethod]
    public void Explain_AzInstalledButMessageSaysNotFound_IsNotCalledMissing()
    {
        var outcome = Explain(ClaudeCodeChain.AzureCli, LinkStatus.Failed, "ERROR: The subscription was not found.", OsKind.Linux, "az");
        Assert.AreEqual(LinkStatus.Failed, outcome.Status);
        Assert.IsFalse(outcome.Detail.Contains("not installed", StringComparison.Ordinal), outcome.Detail);
    }

    [TestMethod]
    [DataRow(OsKind.Linux)]
    [DataRow(OsKind.Windows)]
    public void Explain_NoPowerShellFound_OffersTheInstallNotConnectAzAccount(OsKind os)
    {
        var outcome = Explain(ClaudeCodeChain.AzurePowerShell, LinkStatus.Failed, "Az.Accounts module >= 2.2.0 is not installed.", os, "az");
        Assert.AreEqual(LinkStatus.Unavailable, outcome.Status);
        Assert.IsNull(outcome.Run);
        StringAssert.Contains(outcome.Fix, "install PowerShell 7");
    }

    [TestMethod]
    public void Explain_WindowsPowerShellOnly_ConnectAzAccountRunsInIt()
    {
        var outcome = Explain(ClaudeCodeChain.AzurePowerShell, LinkStatus.Unavailable, "Run Connect-AzAccount to login.", OsKind.Windows, "powershell");
        Assert.AreEqual("powershell", outcome.Run?.Program);
        Assert.AreEqual("-NoProfile -Command Connect-AzAccount", string.Join(' ', outcome.Run!.Arguments));
    }

    [TestMethod]
    public void Explain_PwshInstalled_ConnectAzAccountRunsInPwsh() =>
        Assert.AreEqual("pwsh -NoProfile -Command Connect-AzAccount",
            Explain(ClaudeCodeChain.AzurePowerShell, LinkStatus.Unavailable, "Run Connect-AzAccount to login.", OsKind.Linux, "pwsh").Run?.CommandLine);

    [TestMethod]
    public void Explain_LinuxWithOnlyPowershellName_IsNotInstalled() =>
        Assert.IsNull(Explain(ClaudeCodeChain.AzurePowerShell, LinkStatus.Unavailable, "Run Connect-AzAccount to login.", OsKind.Linux, "powershell").Run);

    [TestMethod]
    public void Explain_DefaultLookup_ReadsPathFromTheEnvironment()
    {
        var folder = Directory.CreateTempSubdirectory("advice-");
        try
        {
            var env = new TestEnvironment(("PATH", folder.FullName), ("DISPLAY", ":0"));
            var os = HostPlatform.Current.Os;
            Assert.AreEqual(LinkStatus.Unavailable, LinkAdvice.Explain(ClaudeCodeChain.AzureCli, LinkStatus.Failed, "unknown error", env, os).Status);
            var az = Path.Combine(folder.FullName, os == OsKind.Windows ? "az.cmd" : "az");
            File.WriteAllText(az, "");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Assert.AreEqual(LinkStatus.Failed, LinkAdvice.Explain(ClaudeCodeChain.AzureCli, LinkStatus.Failed, "unknown error", env, os).Status);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
