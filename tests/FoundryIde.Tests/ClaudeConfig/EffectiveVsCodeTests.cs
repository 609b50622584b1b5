using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>
/// The VS Code extension's claudeCode.environmentVariables: it reaches only the Claude Code the extension starts,
/// beats VS Code's environment, loses to Claude Code's settings files, and the most specific list replaces the others.
/// </summary>
[TestClass]
public sealed class EffectiveVsCodeTests
{
    [TestMethod]
    public async Task Explain_ListSetsWhatTheShellLacks_VsCodeDiffersAndTerminalProviderUnchanged()
    {
        using var machine = new EffectiveSettingsMachine().Shell("ANTHROPIC_FOUNDRY_RESOURCE", "contoso");
        machine.VsCodeList(machine.VsCodeUserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual(ClaudeProviders.Anthropic, config.Provider, "the provider is what a terminal's claude uses");
        var differs = config.Conflict(ConflictCodes.VsCodeDiffers);
        Assert.AreEqual(ConfigSources.VsCodeUser, differs.Source);
        Assert.AreEqual(machine.VsCodeUserSettings, differs.Path);
        StringAssert.Contains(differs.Message, "`claude` in a terminal gets nothing");
        StringAssert.Contains(differs.Fix, machine.UserSettings);
        var notEnabled = config.Conflict(ConflictCodes.FoundryNotEnabled);
        StringAssert.StartsWith(notEnabled.Message, "`claude` in a terminal: ", "only the terminal lacks it");
    }

    [TestMethod]
    public async Task Explain_ListAndShellDisagree_BothValuesReportedAndListOverridesShell()
    {
        using var machine = new EffectiveSettingsMachine()
            .Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "terminal-resource");
        machine.VsCodeList(machine.VsCodeWorkspaceSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "extension-resource"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual("terminal-resource", config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value);
        var extension = config.Extension("ANTHROPIC_FOUNDRY_RESOURCE");
        Assert.AreEqual("extension-resource", extension.Value);
        Assert.AreEqual(ConfigSources.VsCodeWorkspace, extension.Source);
        CollectionAssert.AreEqual(new[] { new ConfigOrigin(ConfigSources.Shell, null) }, extension.Overridden.ToArray());
        var differs = config.Conflict(ConflictCodes.VsCodeDiffers);
        StringAssert.Contains(differs.Message, "ANTHROPIC_FOUNDRY_RESOURCE=extension-resource");
        StringAssert.Contains(differs.Message, "ANTHROPIC_FOUNDRY_RESOURCE=terminal-resource (from the shell environment)");
    }

    [TestMethod]
    public async Task Explain_ListSameAsShell_NoConflict()
    {
        using var machine = new EffectiveSettingsMachine()
            .Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "contoso");
        machine.VsCodeList(machine.VsCodeUserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso"));

        Assert.IsEmpty((await machine.ExplainAsync()).Conflicts);
    }

    [TestMethod]
    public async Task Explain_SettingsFileSetsTheSameVariable_ListValueIgnored()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "from-settings"));
        machine.VsCodeList(machine.VsCodeUserSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "from-list"));

        var config = await machine.ExplainAsync();

        var ignored = config.Conflict(ConflictCodes.VsCodeValueIgnored);
        Assert.AreEqual(machine.VsCodeUserSettings, ignored.Path);
        StringAssert.Contains(ignored.Message, machine.UserSettings);
        Assert.IsEmpty(config.Conflicts(ConflictCodes.VsCodeDiffers), "both processes end up with the settings file's value");
    }

    [TestMethod]
    public async Task Explain_WorkspaceListReplacesUserList_MissingNamesReported()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.VsCodeList(machine.VsCodeUserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "user-list"));
        machine.VsCodeList(machine.VsCodeWorkspaceSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "workspace-list"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual("workspace-list", config.Extension("ANTHROPIC_FOUNDRY_RESOURCE").Value);
        CollectionAssert.Contains(config.Extension("ANTHROPIC_FOUNDRY_RESOURCE").Overridden.ToArray(),
            new ConfigOrigin(ConfigSources.VsCodeUser, machine.VsCodeUserSettings));
        Assert.IsFalse(config.Variables.Any(v => v.Name == "CLAUDE_CODE_USE_FOUNDRY"), "the user list does not apply at all");
        var replaced = config.Conflict(ConflictCodes.VsCodeListReplaced);
        Assert.AreEqual("CLAUDE_CODE_USE_FOUNDRY", replaced.Variable);
        Assert.AreEqual(machine.VsCodeWorkspaceSettings, replaced.Path);
    }

    [TestMethod]
    public async Task Explain_VsCodeServerMachineSettings_ReadAsVsCodeUser()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1");
        machine.VsCodeList(machine.VsCodeServerSettings, ("CLAUDE_CODE_USE_BEDROCK", "1"));

        var config = await machine.ExplainAsync();

        var bedrock = config.Conflict(ConflictCodes.BedrockSelected);
        Assert.AreEqual(machine.VsCodeServerSettings, bedrock.Path);
        StringAssert.StartsWith(bedrock.Message, "The Claude Code that the VS Code extension starts: ");
        StringAssert.Contains(bedrock.Fix, "claudeCode.environmentVariables");
        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
    }

    [TestMethod]
    public async Task Explain_SecretDiffersBetweenListAndShell_ReportedWithoutEitherValue()
    {
        using var machine = new EffectiveSettingsMachine()
            .Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "contoso")
            .Shell("ANTHROPIC_FOUNDRY_API_KEY", "canary-shell-key-111");
        machine.VsCodeList(machine.VsCodeUserSettings, ("ANTHROPIC_FOUNDRY_API_KEY", "canary-list-key-222"));

        var config = await machine.ExplainAsync();

        var differs = config.Conflict(ConflictCodes.VsCodeDiffers);
        Assert.AreEqual("ANTHROPIC_FOUNDRY_API_KEY", differs.Variable);
        var extension = config.Extension("ANTHROPIC_FOUNDRY_API_KEY");
        Assert.IsTrue(extension.Secret);
        Assert.IsNull(extension.Value);
        var json = config.Serialized();
        Assert.DoesNotContain("canary-shell-key-111", json);
        Assert.DoesNotContain("canary-list-key-222", json);
    }
}
