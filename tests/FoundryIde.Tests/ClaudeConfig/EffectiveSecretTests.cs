using FoundryIde.Server.Cli;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>Secrets are reported as set, and where; their values never leave, whatever text carries them.</summary>
[TestClass]
public sealed class EffectiveSecretTests
{
    private const string KeyCanary = "canary-foundry-key-7d1e2f";
    private const string TokenCanary = "canary-auth-token-93ab4c";

    [TestMethod]
    public async Task Explain_SecretsInEverySource_MarkedSetWithoutValueAndAbsentFromEveryText()
    {
        using var machine = new EffectiveSettingsMachine().Shell("ANTHROPIC_API_KEY", "canary-anthropic-shell");
        machine.Env(machine.UserSettings, ("ANTHROPIC_FOUNDRY_API_KEY", KeyCanary), ("MY_SERVICE_SECRET", "canary-unrelated-1"));
        machine.Env(machine.ProjectSettings, ("ANTHROPIC_FOUNDRY_AUTH_TOKEN", TokenCanary), ("ANTHROPIC_FOUNDRY_API_KEY", "canary-project-key"));
        machine.VsCodeList(machine.VsCodeUserSettings, ("ANTHROPIC_FOUNDRY_API_KEY", "canary-vscode-key"));

        var config = await machine.ExplainAsync();

        var key = config.Terminal("ANTHROPIC_FOUNDRY_API_KEY");
        Assert.IsTrue(key.Secret);
        Assert.IsNull(key.Value);
        Assert.AreEqual(ConfigSources.Project, key.Source);
        Assert.IsTrue(config.Terminal("ANTHROPIC_FOUNDRY_AUTH_TOKEN").Secret);
        var everything = config.Serialized() + EffectiveConfigTextRenderer.Render(config);
        foreach (var canary in new[] { KeyCanary, TokenCanary, "canary-anthropic-shell", "canary-unrelated-1", "canary-project-key", "canary-vscode-key" })
        {
            Assert.DoesNotContain(canary, everything);
        }
    }

    [TestMethod]
    public async Task Explain_SecretPastedIntoAPlainVariable_ScrubbedThereToo()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Env(machine.UserSettings,
            ("ANTHROPIC_FOUNDRY_API_KEY", KeyCanary), ("ANTHROPIC_FOUNDRY_RESOURCE", KeyCanary), ("ANTHROPIC_MODEL", KeyCanary));

        var config = await machine.ExplainAsync(["sonnet"]);

        Assert.AreEqual("***", config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value);
        Assert.DoesNotContain(KeyCanary, config.Serialized());
        Assert.IsNotEmpty(config.Conflicts(ConflictCodes.UnknownDeployment));
    }

    [TestMethod]
    [DataRow("ANTHROPIC_FOUNDRY_API_KEY", "x", true)]
    [DataRow("ANTHROPIC_FOUNDRY_AUTH_TOKEN", "x", true)]
    [DataRow("SOME_PASSWORD", "x", true)]
    [DataRow("AZURE_TOKEN_CREDENTIALS", "dev", false)]
    [DataRow("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential", false)]
    [DataRow("AZURE_TOKEN_CREDENTIALS", "eyJhbGciOi.x.y", true)]
    [DataRow("ANTHROPIC_FOUNDRY_RESOURCE", "x", false)]
    [DataRow("CLAUDE_CODE_SKIP_FOUNDRY_AUTH", "1", false)]
    public void IsSecret_ByName_KeyTokenSecretPasswordAreSecret(string name, string value, bool secret) =>
        Assert.AreEqual(secret, EffectiveVariableNames.IsSecret(name, value));
}
