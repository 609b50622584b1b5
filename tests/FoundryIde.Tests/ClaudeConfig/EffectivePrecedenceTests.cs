using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>Which value Claude Code ends up with, and where each value comes from.</summary>
[TestClass]
public sealed class EffectivePrecedenceTests
{
    private const string Sonnet = "ANTHROPIC_DEFAULT_SONNET_MODEL";

    [TestMethod]
    public async Task Explain_ShellOnly_SourceIsShellWithoutPath()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell(Sonnet, "sonnet-shell");

        var config = await machine.ExplainAsync();

        var sonnet = config.Terminal(Sonnet);
        Assert.AreEqual("sonnet-shell", sonnet.Value);
        Assert.AreEqual(ConfigSources.Shell, sonnet.Source);
        Assert.IsNull(sonnet.Path);
        Assert.IsEmpty(sonnet.Overridden);
        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
    }

    [TestMethod]
    public async Task Explain_EverySourceSetsTheVariable_ManagedWinsAndTheRestAreOverriddenInMergeOrder()
    {
        using var machine = new EffectiveSettingsMachine().Shell(Sonnet, "from-shell");
        machine.Env(machine.UserSettings, (Sonnet, "from-user"))
            .Env(machine.ProjectSettings, (Sonnet, "from-project"))
            .Env(machine.LocalSettings, (Sonnet, "from-local"))
            .Env(machine.ManagedSettings, (Sonnet, "from-managed"));

        var sonnet = (await machine.ExplainAsync()).Terminal(Sonnet);

        Assert.AreEqual("from-managed", sonnet.Value);
        Assert.AreEqual(ConfigSources.Managed, sonnet.Source);
        Assert.AreEqual(machine.ManagedSettings, sonnet.Path);
        CollectionAssert.AreEqual(
            new[]
            {
                new ConfigOrigin(ConfigSources.Shell, null), new ConfigOrigin(ConfigSources.User, machine.UserSettings),
                new ConfigOrigin(ConfigSources.Project, machine.ProjectSettings), new ConfigOrigin(ConfigSources.Local, machine.LocalSettings),
            },
            sonnet.Overridden.ToArray());
    }

    [TestMethod]
    public async Task Explain_SettingsEnvBlocks_OverrideTheShellForTheKeysTheySetOnly()
    {
        using var machine = new EffectiveSettingsMachine()
            .Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell(Sonnet, "from-shell").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "shell-resource");
        machine.Env(machine.UserSettings, (Sonnet, "from-user")).Env(machine.LocalSettings, ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "haiku-local"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual(ConfigSources.User, config.Terminal(Sonnet).Source);
        Assert.AreEqual(ConfigSources.Shell, config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Source);
        Assert.AreEqual(ConfigSources.Local, config.Terminal("ANTHROPIC_DEFAULT_HAIKU_MODEL").Source);
        Assert.AreEqual(machine.LocalSettings, config.Terminal("ANTHROPIC_DEFAULT_HAIKU_MODEL").Path);
    }

    [TestMethod]
    public async Task Explain_ClaudeConfigDir_ReplacesHomeDotClaude()
    {
        using var machine = new EffectiveSettingsMachine();
        var configDir = Path.Combine(machine.Root, "claude-config");
        machine.Env(machine.UserSettings, (Sonnet, "ignored")).Env(Path.Combine(configDir, "settings.json"), (Sonnet, "from-config-dir"));
        var service = EffectiveSettingsMachine.ServiceFor(machine.Environment(("CLAUDE_CONFIG_DIR", configDir)));

        var config = await service.ExplainAsync(machine.Workspace, null, CancellationToken.None);

        Assert.AreEqual("from-config-dir", config.Terminal(Sonnet).Value);
        Assert.AreEqual(Path.Combine(configDir, "settings.json"), config.Files.Single(f => f.Source == ConfigSources.User).Path);
    }

    [TestMethod]
    public async Task Explain_NoWorkspace_ReadsOnlyUserLevelFiles()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Env(machine.ProjectSettings, (Sonnet, "project-only"));

        var config = await machine.ExplainAsync(withWorkspace: false);

        Assert.IsNull(config.WorkspaceFolder);
        Assert.IsFalse(config.Variables.Any(v => v.Name == Sonnet));
        CollectionAssert.AreEquivalent(
            new[] { ConfigSources.User, ConfigSources.Managed, ConfigSources.VsCodeUser },
            config.Files.Select(f => f.Source).Distinct().ToArray());
    }

    [TestMethod]
    public async Task Explain_WorkspaceIsHome_ItsClaudeSettingsReadOnceAsTheUsers()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Env(machine.UserSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso"));
        var service = EffectiveSettingsMachine.ServiceFor(machine.Environment());

        var config = await service.ExplainAsync(machine.Home, null, CancellationToken.None);

        var resource = config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE");
        Assert.AreEqual(ConfigSources.User, resource.Source);
        Assert.IsEmpty(resource.Overridden);
        Assert.IsFalse(config.Files.Any(f => f.Source == ConfigSources.Project));
        Assert.IsEmpty(config.Conflicts(ConflictCodes.NeedsWorkspaceTrust));
    }

    [TestMethod]
    public async Task Explain_Files_ListsEveryPlaceLookedAtWithExistence()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual(machine.Workspace, config.WorkspaceFolder);
        CollectionAssert.AreEqual(
            new[]
            {
                machine.UserSettings, machine.ProjectSettings, machine.LocalSettings, machine.ManagedSettings,
                machine.VsCodeUserSettings, machine.VsCodeServerSettings,
                Path.Combine(machine.Home, ".local", "share", "code-server", "User", "settings.json"), machine.VsCodeWorkspaceSettings,
            },
            config.Files.Select(f => f.Path).ToArray());
        Assert.IsTrue(config.Files[0].Exists);
        Assert.IsTrue(config.Files.Skip(1).All(f => !f.Exists && f.Error is null));
    }

    [TestMethod]
    [DataRow("1", null, null, ClaudeProviders.Foundry)]
    [DataRow(" Yes ", null, null, ClaudeProviders.Foundry)]
    [DataRow("ON", null, null, ClaudeProviders.Foundry)]
    [DataRow("0", null, null, ClaudeProviders.Anthropic)]
    [DataRow("1", "true", null, ClaudeProviders.Bedrock)]
    [DataRow("1", null, "1", ClaudeProviders.Vertex)]
    [DataRow("1", "1", "1", ClaudeProviders.Bedrock)]
    [DataRow("1", "false", null, ClaudeProviders.Foundry)]
    public async Task Explain_ProviderSwitches_BedrockThenVertexThenFoundry(string foundry, string? bedrock, string? vertex, string expected)
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", foundry);
        if (bedrock is not null) machine.Shell("CLAUDE_CODE_USE_BEDROCK", bedrock);
        if (vertex is not null) machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_VERTEX", vertex));

        Assert.AreEqual(expected, (await machine.ExplainAsync()).Provider);
    }

    [TestMethod]
    public async Task Explain_UnrelatedVariables_AreNotReported()
    {
        using var machine = new EffectiveSettingsMachine().Shell("PATH", "/bin");
        machine.Env(machine.UserSettings, ("HTTPS_PROXY", "http://proxy:3128"), ("CLAUDE_CODE_USE_FOUNDRY", "1"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual("CLAUDE_CODE_USE_FOUNDRY", string.Join(',', config.Variables.Select(v => v.Name)));
    }

    [TestMethod]
    public async Task ExplainAsync_RelativeWorkspace_InvalidInput()
    {
        using var machine = new EffectiveSettingsMachine();
        var service = EffectiveSettingsMachine.ServiceFor(machine.Environment());

        var relative = await Assert.ThrowsAsync<FoundryException>(() => service.ExplainAsync("some/dir", null, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<FoundryException>(
            () => service.ExplainAsync(Path.Combine(machine.Root, "nope"), null, CancellationToken.None));

        Assert.AreEqual(FoundryErrorCode.InvalidInput, relative.Code);
        Assert.AreEqual(FoundryErrorCode.InvalidInput, missing.Code);
        StringAssert.Contains(missing.Message, "does not exist");
    }

    [TestMethod]
    public void SettingsSourcePaths_XdgConfigHome_MovesVsCodeUserSettings()
    {
        var paths = SettingsSourcePaths.For(new TestEnvironment(("HOME", "/h"), ("XDG_CONFIG_HOME", "/x")), "/w");

        Assert.AreEqual("/x/Code/User/settings.json", paths.VsCodeUserSettings[0]);
        Assert.AreEqual("/h/.claude/settings.json", paths.UserSettings);
        Assert.AreEqual("/w/.claude/settings.local.json", paths.LocalSettings);
        Assert.AreEqual("/etc/claude-code/managed-settings.json", paths.ManagedSettings);
    }
}
