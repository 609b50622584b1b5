using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>Each configuration that silently keeps Claude Code off Foundry is found, with its fix and its place.</summary>
[TestClass]
public sealed class EffectiveConflictTests
{
    [TestMethod]
    public async Task Explain_HealthyUserSettings_NoConflicts()
    {
        using var machine = EffectiveSettingsMachine.Healthy();

        var config = await machine.ExplainAsync(["sonnet", "claude-haiku-4-5"]);

        Assert.IsEmpty(config.Conflicts, string.Join("\n", config.Conflicts));
        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
    }

    [TestMethod]
    public async Task Explain_BedrockInShellAndUserSettings_BedrockSelectedAndTheFixRemovesBoth()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("CLAUDE_CODE_USE_BEDROCK", "1");
        machine.Env(machine.LocalSettings, ("CLAUDE_CODE_USE_BEDROCK", "true"));

        var config = await machine.ExplainAsync();

        var conflict = config.Conflict(ConflictCodes.BedrockSelected);
        Assert.AreEqual(ConflictSeverity.Error, conflict.Severity);
        Assert.AreEqual(ConfigSources.Local, conflict.Source);
        Assert.AreEqual(machine.LocalSettings, conflict.Path);
        StringAssert.Contains(conflict.Message, "Amazon Bedrock");
        StringAssert.Contains(conflict.Fix, machine.LocalSettings);
        StringAssert.Contains(conflict.Fix, "unset CLAUDE_CODE_USE_BEDROCK");
        Assert.AreEqual(ClaudeProviders.Bedrock, config.Provider);
    }

    [TestMethod]
    public async Task Explain_VertexInManagedSettings_VertexSelectedAndTheAdministratorNamed()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.ManagedSettings, ("CLAUDE_CODE_USE_VERTEX", "1"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.VertexSelected);

        Assert.AreEqual(ConfigSources.Managed, conflict.Source);
        StringAssert.Contains(conflict.Fix, "administrator");
        StringAssert.Contains(conflict.Fix, machine.ManagedSettings);
    }

    [TestMethod]
    public async Task Explain_BedrockSetToZero_NoConflict()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("CLAUDE_CODE_USE_BEDROCK", "0");

        var config = await machine.ExplainAsync();

        Assert.IsEmpty(config.Conflicts(ConflictCodes.BedrockSelected));
        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
    }

    [TestMethod]
    public async Task Explain_FoundryNotSetAnywhere_FixAddsItToUserSettings()
    {
        using var machine = new EffectiveSettingsMachine().Shell("ANTHROPIC_FOUNDRY_RESOURCE", "contoso");

        var config = await machine.ExplainAsync();

        var conflict = config.Conflict(ConflictCodes.FoundryNotEnabled);
        Assert.AreEqual(ConfigSources.User, conflict.Source);
        Assert.AreEqual(machine.UserSettings, conflict.Path);
        StringAssert.Contains(conflict.Fix, "\"CLAUDE_CODE_USE_FOUNDRY\": \"1\"");
        Assert.AreEqual(ClaudeProviders.Anthropic, config.Provider);
    }

    [TestMethod]
    public async Task Explain_FoundrySetToFalsyInProject_ReadsAsOffAndFixIsThere()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.ProjectSettings, ("CLAUDE_CODE_USE_FOUNDRY", "enabled"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.FoundryNotEnabled);

        Assert.AreEqual(ConfigSources.Project, conflict.Source);
        StringAssert.Contains(conflict.Message, "CLAUDE_CODE_USE_FOUNDRY=enabled");
        StringAssert.Contains(conflict.Message, "1, true, yes or on");
        StringAssert.Contains(conflict.Fix, machine.ProjectSettings);
    }

    [TestMethod]
    public async Task Explain_ResourceAndBaseUrlBoth_MutuallyExclusiveAndTheBaseUrlIsTheOneToDrop()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("ANTHROPIC_FOUNDRY_BASE_URL", "https://contoso-west-7f3a.services.ai.azure.com/anthropic");

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.ResourceAndBaseUrl);

        Assert.AreEqual(ConfigSources.Shell, conflict.Source);
        Assert.AreEqual("ANTHROPIC_FOUNDRY_BASE_URL", conflict.Variable);
        StringAssert.Contains(conflict.Message, "mutually exclusive");
        StringAssert.Contains(conflict.Fix, "unset ANTHROPIC_FOUNDRY_BASE_URL");
    }

    [TestMethod]
    public async Task Explain_UrlInResource_ResourceInvalidWithTheNameToUse()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.LocalSettings, ("ANTHROPIC_FOUNDRY_RESOURCE", "https://contoso-west-7f3a.services.ai.azure.com/anthropic/"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.ResourceInvalid);

        Assert.AreEqual(ConfigSources.Local, conflict.Source);
        StringAssert.Contains(conflict.Message, "is a URL");
        StringAssert.Contains(conflict.Fix, "\"ANTHROPIC_FOUNDRY_RESOURCE\": \"contoso-west-7f3a\"");
        StringAssert.Contains(conflict.Fix, "https://contoso-west-7f3a.services.ai.azure.com/anthropic");
    }

    [TestMethod]
    [DataRow("-contoso")]
    [DataRow("contoso_west")]
    [DataRow("a")]
    public async Task Explain_BadResourceName_ResourceInvalid(string name)
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("ANTHROPIC_FOUNDRY_RESOURCE", name);
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.ResourceInvalid);

        StringAssert.Contains(conflict.Message, "not a Foundry resource name");
    }

    [TestMethod]
    public async Task Explain_UpperCaseResourceName_Accepted()
    {
        using var machine = EffectiveSettingsMachine.Healthy().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "Contoso-West");
        File.Delete(machine.UserSettings);

        Assert.IsEmpty((await machine.ExplainAsync()).Conflicts);
    }

    [TestMethod]
    [DataRow("https://contoso.services.ai.azure.com/", "https://contoso.services.ai.azure.com/anthropic")]
    [DataRow("https://contoso.services.ai.azure.com/anthropic/v1", "https://contoso.services.ai.azure.com/anthropic")]
    [DataRow("http://127.0.0.1:8443/models", "http://127.0.0.1:8443/anthropic")]
    public async Task Explain_BaseUrlWithoutAnthropicPath_BaseUrlPathWithTheRightUrl(string url, string suggested)
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1");
        machine.Env(machine.UserSettings, ("ANTHROPIC_FOUNDRY_BASE_URL", url));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.BaseUrlPath);

        Assert.AreEqual(ConfigSources.User, conflict.Source);
        StringAssert.Contains(conflict.Fix, $"\"ANTHROPIC_FOUNDRY_BASE_URL\": \"{suggested}\"");
    }

    [TestMethod]
    [DataRow("https://contoso.services.ai.azure.com/anthropic")]
    [DataRow("https://contoso.services.ai.azure.com/anthropic/")]
    [DataRow("http://127.0.0.1:8443/anthropic")]
    public async Task Explain_BaseUrlEndingInAnthropic_NoConflict(string url)
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_BASE_URL", url);

        Assert.IsEmpty((await machine.ExplainAsync()).Conflicts);
    }

    [TestMethod]
    public async Task Explain_BaseUrlNotAUrl_BaseUrlInvalid()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_BASE_URL", "contoso/anthropic");

        Assert.AreEqual(ConfigSources.Shell, (await machine.ExplainAsync()).Conflict(ConflictCodes.BaseUrlInvalid).Source);
    }

    [TestMethod]
    public async Task Explain_NeitherResourceNorBaseUrl_NoEndpoint()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "");

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.NoEndpoint);

        Assert.AreEqual(machine.UserSettings, conflict.Path);
        StringAssert.Contains(conflict.Fix, "foundry-ide resources");
    }

    [TestMethod]
    public async Task Explain_ModelNamingNoDeployment_UnknownDeploymentOnlyWhenDeploymentsAreKnown()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.LocalSettings, ("ANTHROPIC_DEFAULT_OPUS_MODEL", "claude-opus-4-1"), ("CLAUDE_CODE_SUBAGENT_MODEL", "Opus-Prod[1m]"));

        var unknown = await machine.ExplainAsync();
        var known = await machine.ExplainAsync(["opus-prod", "claude-haiku-4-5"]);

        Assert.IsEmpty(unknown.Conflicts(ConflictCodes.UnknownDeployment));
        var conflict = known.Conflict(ConflictCodes.UnknownDeployment);
        Assert.AreEqual("ANTHROPIC_DEFAULT_OPUS_MODEL", conflict.Variable);
        Assert.AreEqual(ConfigSources.Local, conflict.Source);
        StringAssert.Contains(conflict.Message, "opus-prod, claude-haiku-4-5");
        StringAssert.Contains(conflict.Fix, "\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"opus-prod\"");
    }

    [TestMethod]
    public async Task Explain_NoDeploymentsAtAll_EveryModelVariableUnknown()
    {
        using var machine = EffectiveSettingsMachine.Healthy();

        var config = await machine.ExplainAsync([]);

        Assert.HasCount(1, config.Conflicts(ConflictCodes.UnknownDeployment), "sonnet is an alias, not a deployment name");
        StringAssert.Contains(config.Conflict(ConflictCodes.UnknownDeployment).Message, "no Claude deployments");
    }

    [TestMethod]
    public void ConflictCodes_AreStableKebabCaseAndDistinct()
    {
        var codes = typeof(ConflictCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();

        Assert.HasCount(24, codes);
        Assert.AreEqual(codes.Length, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[a-z]+(-[a-z]+)*$")), string.Join(", ", codes));
    }
}
