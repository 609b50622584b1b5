using FoundryIde.Server.ClaudeConfig;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class FoundryVariablesTests
{
    [TestMethod]
    [DataRow("https://contoso-west-7f3a.services.ai.azure.com/", "contoso-west-7f3a")]
    [DataRow("https://Contoso.services.ai.azure.com", "contoso")]
    [DataRow("https://127.0.0.1:8443/accounts/x/", null)]
    [DataRow("https://x.services.ai.azure.com:8443/", null)]
    [DataRow("https://x.services.ai.azure.com/extra/", null)]
    [DataRow("https://x.cognitiveservices.azure.com/", null)]
    [DataRow("https://x.services.ai.azure.us/", null)]
    [DataRow("http://x.services.ai.azure.com/", null)]
    [DataRow("https://-bad.services.ai.azure.com/", null)]
    public void CanonicalResourceName_Endpoint_BareNameOnlyForTheCanonicalHost(string endpoint, string? expected) =>
        Assert.AreEqual(expected, FoundryVariables.CanonicalResourceName(endpoint));

    [TestMethod]
    public void Build_NonCanonicalEndpoint_BaseUrlWithAnthropicAndNoResource()
    {
        var variables = FoundryVariables.Build(Resource("https://127.0.0.1:8443/accounts/x/"), [], null);

        Assert.AreEqual("https://127.0.0.1:8443/accounts/x/anthropic", variables.Single(v => v.Name == FoundryVariables.BaseUrl).Value);
        Assert.IsFalse(variables.Any(v => v.Name == FoundryVariables.Resource));
    }

    [TestMethod]
    public void Build_CanonicalEndpointWithKey_ResourceModelsAndASecretKey()
    {
        var choice = new FamilyChoice("sonnet", Deployment("my-sonnet", "claude-sonnet-4-5", "1"), false);

        var variables = FoundryVariables.Build(Resource("https://sub-name.services.ai.azure.com/"), [choice], "k");

        Assert.AreEqual(
            "CLAUDE_CODE_USE_FOUNDRY=1|ANTHROPIC_FOUNDRY_RESOURCE=sub-name|ANTHROPIC_DEFAULT_SONNET_MODEL=my-sonnet|" +
            "ANTHROPIC_DEFAULT_SONNET_MODEL_NAME=Sonnet 4.5 · my-sonnet|" +
            "ANTHROPIC_DEFAULT_SONNET_MODEL_DESCRIPTION=claude-sonnet-4-5 (1) on Foundry resource res (eastus)|" +
            "ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES=thinking,interleaved_thinking|ANTHROPIC_FOUNDRY_API_KEY=k",
            string.Join('|', variables.Select(v => $"{v.Name}={v.Value}")));
        Assert.IsTrue(variables.Single(v => v.Name == FoundryVariables.ApiKey).Secret);
    }
}
