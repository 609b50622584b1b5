using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class EffectiveCapabilityTests
{
    [TestMethod]
    public async Task Explain_CustomDeploymentNameWithoutCapabilities_MissingWithTheListFromTheName()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_FABLE_MODEL", "ink"), ("ANTHROPIC_DEFAULT_FABLE_MODEL_NAME", "Fable 5.2 · ink"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.CapabilitiesMissing);

        Assert.AreEqual(ConflictSeverity.Warning, conflict.Severity);
        Assert.AreEqual("ANTHROPIC_DEFAULT_FABLE_MODEL", conflict.Variable);
        StringAssert.Contains(conflict.Fix, "ANTHROPIC_DEFAULT_FABLE_MODEL_SUPPORTED_CAPABILITIES");
        StringAssert.Contains(conflict.Fix, "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking");
    }

    [TestMethod]
    public async Task Explain_CapabilitiesOfANewerModelOnHaiku45_MismatchWithTheRightList()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "quick"), ("ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME", "Haiku 4.5 · quick"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL_SUPPORTED_CAPABILITIES", "effort,thinking,adaptive_thinking"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.CapabilitiesMismatch);

        StringAssert.Contains(conflict.Message, "Haiku 4.5");
        StringAssert.Contains(conflict.Fix, "thinking,interleaved_thinking");
    }

    [TestMethod]
    public async Task Explain_UnknownCapabilityWord_Mismatch()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_SONNET_MODEL", "s"), ("ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES", "thinking,turbo"));

        var conflict = (await machine.ExplainAsync()).Conflict(ConflictCodes.CapabilitiesMismatch);

        StringAssert.Contains(conflict.Message, "turbo");
    }

    [TestMethod]
    public async Task Explain_DeploymentNamedLikeANewerModelServingHaiku45_CheckedAgainstTheServedModel()
    {
        // The deployment's name is Haiku 5.5's id; FoundryIde's _NAME says (from Azure) that it serves Haiku 4.5.
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-5-5"), ("ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME", "Haiku 4.5 · claude-haiku-5-5"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL_SUPPORTED_CAPABILITIES", "thinking,interleaved_thinking"));

        var conflicts = (await machine.ExplainAsync()).Conflicts;

        Assert.IsFalse(conflicts.Any(c => c.Code == ConflictCodes.CapabilitiesMismatch), string.Join("; ", conflicts.Select(c => c.Message)));
        var misleading = conflicts.Single(c => c.Code == ConflictCodes.DeploymentNamedAsOtherModel);
        StringAssert.Contains(misleading.Message, "Haiku 5.5's id in Claude Code, but the deployment serves Haiku 4.5 (claude-haiku-4-5)");
        StringAssert.Contains(misleading.Fix, "under its own name");
    }

    [TestMethod]
    public async Task Explain_WordsClaudeCodeReadsButFoundryIdeNeverWrites_NotCalledUnknown()
    {
        using var machine = EffectiveSettingsMachine.Healthy();
        machine.Env(machine.UserSettings, ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "quick"), ("ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME", "Haiku 4.5 · quick"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL_SUPPORTED_CAPABILITIES", "thinking,interleaved_thinking,temperature"));

        Assert.IsFalse((await machine.ExplainAsync()).Conflicts.Any(c => c.Code == ConflictCodes.CapabilitiesMismatch));
    }
}
