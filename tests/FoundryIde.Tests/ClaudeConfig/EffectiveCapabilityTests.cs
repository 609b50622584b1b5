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
}
