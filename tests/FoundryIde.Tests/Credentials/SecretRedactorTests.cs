using FoundryIde.Server.Credentials;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Credentials;

[TestClass]
public sealed class SecretRedactorTests
{
    [TestMethod]
    public void Redact_SecretVariableValuesAndJwts_AreMasked()
    {
        var redactor = new SecretRedactor(new TestEnvironment(
            ("ANTHROPIC_FOUNDRY_API_KEY", "canary-key-123456"), ("AZURE_CLIENT_SECRET", "s3cret-value")));
        var jwt = Jwt.WithPayload("""{"oid":"x"}""");

        var text = redactor.Redact($"key canary-key-123456, secret s3cret-value, token {jwt}.");

        Assert.AreEqual("key ***, secret ***, token <token>.", text);
    }

    [TestMethod]
    public void Redact_NonSecretVariables_AreKept()
    {
        var redactor = new SecretRedactor(new TestEnvironment(("AZURE_CLIENT_ID", "11111111-2222")));

        Assert.AreEqual("client 11111111-2222", redactor.Redact("client 11111111-2222"));
    }
}

[TestClass]
public sealed class ContractSecretTests
{
    [TestMethod]
    public void ToString_EnvParamsWithAKey_KeyMasked()
    {
        var text = new Server.Rpc.EnvParams("r", ApiKey: "canary-tostring-key-1").ToString();

        Assert.DoesNotContain("canary-tostring-key-1", text);
        StringAssert.Contains(text, "ApiKey = ***");
    }
}
