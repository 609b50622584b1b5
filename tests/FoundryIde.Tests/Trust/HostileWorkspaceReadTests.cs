using System.Text;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.ClaudeConfig;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// The effective-config explainer (behind `config`, `doctor --workspace` and the sidecar's doctor) over settings files
/// that are not settings files: /dev/zero, a FIFO, a huge file, bytes that are not UTF-8. Each is reported as that
/// file's error within seconds, never read into memory or waited on, and the other files are still read.
/// </summary>
[TestClass]
public sealed class HostileWorkspaceReadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public TestContext TestContext { get; set; } = null!;

    private static async Task<EffectiveConfig> ExplainWithin(EffectiveSettingsMachine machine) =>
        await Task.Run(() => machine.ExplainAsync()).WaitAsync(Bound);

    [TestMethod]
    public async Task Explain_LocalSettingsLinkToDevZero_NotARegularFileErrorAndTheRestStillRead()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1");
        machine.Env(machine.UserSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso"));
        Directory.CreateDirectory(Path.GetDirectoryName(machine.LocalSettings)!);
        File.CreateSymbolicLink(machine.LocalSettings, "/dev/zero");

        var config = await ExplainWithin(machine);

        var file = config.Files.Single(f => f.Source == ConfigSources.Local);
        StringAssert.Contains(file.Error, "a character device, not a regular file");
        Assert.AreEqual(machine.LocalSettings, config.Conflict(ConflictCodes.SettingsInvalid).Path);
        Assert.AreEqual("contoso", config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value);
    }

    [TestMethod]
    public async Task Explain_ProjectSettingsIsFifo_NotARegularFileErrorWithoutOpeningIt()
    {
        using var machine = new EffectiveSettingsMachine();
        Directory.CreateDirectory(Path.GetDirectoryName(machine.ProjectSettings)!);
        HostileWorkspaceTree.MakeFifo(machine.ProjectSettings);

        var config = await ExplainWithin(machine);

        StringAssert.Contains(config.Files.Single(f => f.Source == ConfigSources.Project).Error, "a FIFO (named pipe), not a regular file");
    }

    [TestMethod]
    [DataRow(ConfigSources.VsCodeWorkspace, DisplayName = "VS Code workspace settings")]
    [DataRow(ConfigSources.Managed, DisplayName = "managed settings")]
    public async Task Explain_SettingsLargerThanTheCap_TooLargeErrorNotParsed(string source)
    {
        using var machine = new EffectiveSettingsMachine();
        var path = source == ConfigSources.Managed ? machine.ManagedSettings : machine.VsCodeWorkspaceSettings;
        machine.Write(path, "{\"claudeCode.environmentVariables\": [], \"env\": {}, \"pad\": \"" + new string('x', BoundedTextFile.MaxBytes) + "\"}");

        var config = await ExplainWithin(machine);

        StringAssert.Contains(config.Files.Single(f => f.Source == source).Error, "too large");
    }

    [TestMethod]
    public async Task Explain_UserSettingsNotUtf8_ErrorNamesTheByteOffset()
    {
        using var machine = new EffectiveSettingsMachine();
        Directory.CreateDirectory(Path.GetDirectoryName(machine.UserSettings)!);
        await File.WriteAllBytesAsync(machine.UserSettings, [.. "{\"env\": {\"A\": \"caf"u8, 0xE9, .. "\"}}"u8], TestContext.CancellationToken);

        var config = await ExplainWithin(machine);

        StringAssert.Contains(config.Files.Single(f => f.Source == ConfigSources.User).Error, "not valid UTF-8 (byte offset 18)");
    }

    [TestMethod]
    public async Task Explain_SettingsWithBom_ReadAsJson()
    {
        using var machine = new EffectiveSettingsMachine();
        Directory.CreateDirectory(Path.GetDirectoryName(machine.UserSettings)!);
        await File.WriteAllBytesAsync(machine.UserSettings,
            [.. BoundedTextFile.Utf8Bom, .. Encoding.UTF8.GetBytes("{\"env\": {\"ANTHROPIC_FOUNDRY_RESOURCE\": \"contoso\"}}")], TestContext.CancellationToken);

        var config = await ExplainWithin(machine);

        Assert.IsNull(config.Files.Single(f => f.Source == ConfigSources.User).Error);
        Assert.AreEqual("contoso", config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value);
    }

    [TestMethod]
    public async Task ReadAsync_ProcFileClaimingZeroBytes_ReadToTheEndNotTrustingTheSize()
    {
        var read = await BoundedTextFile.ReadAsync("/proc/self/status", TestContext.CancellationToken);

        Assert.AreEqual(0, new FileInfo("/proc/self/status").Length, "the premise: the file claims to be empty");
        StringAssert.Contains(read.Content?.Text, "Pid:");
    }
}
