using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>Configurations that work today but surprise: leftovers from other providers, trust, shared secrets.</summary>
[TestClass]
public sealed class EffectiveWarningTests
{
    [TestMethod]
    public async Task Explain_AnthropicModelAndSmallFastModel_ModelOverrideForEach()
    {
        using var machine = EffectiveSettingsMachine.Healthy()
            .Shell("ANTHROPIC_MODEL", "claude-3-7-sonnet-20250219").Shell("ANTHROPIC_SMALL_FAST_MODEL", "claude-3-5-haiku");

        var conflicts = (await machine.ExplainAsync()).Conflicts(ConflictCodes.ModelOverride);

        Assert.AreEqual("ANTHROPIC_MODEL,ANTHROPIC_SMALL_FAST_MODEL", string.Join(',', conflicts.Select(c => c.Variable).Order()));
        Assert.IsTrue(conflicts.All(c => c.Severity == ConflictSeverity.Warning && c.Source == ConfigSources.Shell));
        StringAssert.Contains(conflicts.Single(c => c.Variable == "ANTHROPIC_SMALL_FAST_MODEL").Fix, "ANTHROPIC_DEFAULT_HAIKU_MODEL");
    }

    [TestMethod]
    public async Task Explain_AnthropicModelIsAnAlias_NoModelOverride()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("ANTHROPIC_MODEL", "opusplan");

        Assert.IsEmpty((await machine.ExplainAsync()).Conflicts(ConflictCodes.ModelOverride));
    }

    [TestMethod]
    public async Task Explain_AnthropicApiKeyAndBaseUrl_MixedConfigurationWarnings()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("ANTHROPIC_API_KEY", "sk-ant-canary-0001");
        machine.Env(machine.ProjectSettings, ("ANTHROPIC_BASE_URL", "https://gateway.example/"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual(ConfigSources.Shell, config.Conflict(ConflictCodes.AnthropicApiKeySet).Source);
        Assert.AreEqual(machine.ProjectSettings, config.Conflict(ConflictCodes.AnthropicBaseUrlSet).Path);
        Assert.DoesNotContain("sk-ant-canary-0001", config.Serialized());
    }

    [TestMethod]
    public async Task Explain_ResourceInProjectSettings_NeedsWorkspaceTrustAndSaysWhatIsSeenMeanwhile()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.ProjectSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "team-resource"), ("ANTHROPIC_DEFAULT_OPUS_MODEL", "opus"));
        machine.Env(machine.LocalSettings, ("ANTHROPIC_FOUNDRY_AUTH_TOKEN", "canary-token-abcdef"), ("CLAUDE_CODE_USE_FOUNDRY", "1"));

        var conflicts = (await machine.ExplainAsync()).Conflicts(ConflictCodes.NeedsWorkspaceTrust);

        Assert.AreEqual("ANTHROPIC_FOUNDRY_AUTH_TOKEN,ANTHROPIC_FOUNDRY_RESOURCE", string.Join(',', conflicts.Select(c => c.Variable).Order()));
        var resource = conflicts.Single(c => c.Variable == "ANTHROPIC_FOUNDRY_RESOURCE");
        Assert.AreEqual(machine.ProjectSettings, resource.Path);
        StringAssert.Contains(resource.Message, $"the value from user settings {machine.UserSettings}");
        StringAssert.Contains(conflicts.Single(c => c.Variable == "ANTHROPIC_FOUNDRY_AUTH_TOKEN").Message, "no value at all");
    }

    [TestMethod]
    public async Task Explain_KeyInSharedProjectSettings_SecretInSharedSettings()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.ProjectSettings, ("ANTHROPIC_FOUNDRY_API_KEY", "canary-key-0f0f0f"));

        var config = await machine.ExplainAsync();

        var conflict = config.Conflict(ConflictCodes.SecretInSharedSettings);
        Assert.AreEqual(machine.ProjectSettings, conflict.Path);
        StringAssert.Contains(conflict.Fix, machine.LocalSettings);
        Assert.DoesNotContain("canary-key-0f0f0f", config.Serialized());
    }

    [TestMethod]
    public async Task Explain_KeyInUserSettingsOthersMayRead_SecretReadableByOthersUntilItIs0600()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("ANTHROPIC_FOUNDRY_API_KEY", "canary-key-1e1e1e"));
        File.SetUnixFileMode(machine.UserSettings, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var open = await machine.ExplainAsync();
        File.SetUnixFileMode(machine.UserSettings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var closed = await machine.ExplainAsync();

        var conflict = open.Conflict(ConflictCodes.SecretReadableByOthers);
        Assert.AreEqual(machine.UserSettings, conflict.Path);
        Assert.AreEqual("ANTHROPIC_FOUNDRY_API_KEY", conflict.Variable);
        Assert.AreEqual($"Make it readable by you only: chmod 600 '{machine.UserSettings}'", conflict.Fix);
        Assert.DoesNotContain("canary-key-1e1e1e", open.Serialized());
        Assert.IsEmpty(closed.Conflicts(ConflictCodes.SecretReadableByOthers));
    }

    [TestMethod]
    public async Task Explain_LocalSettingsASymlinkToAWorldReadableFileWithAToken_FlaggedAtThePathClaudeCodeReads()
    {
        // A cloned folder's .claude/settings.local.json may be a link: what others can read is the file it leads to.
        using var machine = EffectiveSettingsMachine.Healthy();
        var target = Path.Combine(machine.Root, "elsewhere.json");
        File.WriteAllText(target, "{}");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Directory.CreateDirectory(Path.GetDirectoryName(machine.LocalSettings)!);
        File.CreateSymbolicLink(machine.LocalSettings, target);
        machine.Env(machine.LocalSettings, ("ANTHROPIC_FOUNDRY_AUTH_TOKEN", "canary-token-2d2d2d"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.SecretReadableByOthers);

        Assert.AreEqual(machine.LocalSettings, conflict.Path);
        Assert.AreEqual("ANTHROPIC_FOUNDRY_AUTH_TOKEN", conflict.Variable);
    }

    [TestMethod]
    public async Task Explain_NoSecretInAWorldReadableFile_NoReadableWarning()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.LocalSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso"));
        File.SetUnixFileMode(machine.LocalSettings, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.IsEmpty((await machine.ExplainAsync()).Conflicts(ConflictCodes.SecretReadableByOthers));
    }

    [TestMethod]
    public async Task Explain_TokenCredentialsNotDevOrProd_Invalid()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.LocalSettings, ("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential"));

        var config = await machine.ExplainAsync();

        Assert.AreEqual(ConfigSources.Local, config.Conflict(ConflictCodes.TokenCredentialsInvalid).Source);
        Assert.AreEqual("AzureCliCredential", config.Terminal("AZURE_TOKEN_CREDENTIALS").Value);
    }

    [TestMethod]
    public async Task Explain_SkipFoundryAuth_Warning()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("CLAUDE_CODE_SKIP_FOUNDRY_AUTH", "1");

        Assert.AreEqual(ConflictSeverity.Warning, (await machine.ExplainAsync()).Conflict(ConflictCodes.FoundryAuthSkipped).Severity);
    }
}
