using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Credentials;

[TestClass]
public sealed class DoctorVerdictTests
{
    private static readonly ChainPlan FullChain = ClaudeCodeChain.Plan(new TestEnvironment());
    private static readonly IdentityInfo Mi = new("t", "mi-oid", "managed identity vm1");
    private static readonly IdentityInfo Alice = new("t", "alice-oid", "alice@contoso.com");

    private static LinkOutcome[] Outcomes(params (string Status, IdentityInfo? Identity)[] statuses) =>
        FullChain.Links.Select((name, i) => i < statuses.Length
            ? new LinkOutcome(name, statuses[i].Status, $"{name} said {statuses[i].Status}", "do x", statuses[i].Identity)
            : new LinkOutcome(name, LinkStatus.Unavailable, "absent", "install", null)).ToArray();

    [TestMethod]
    public void Decide_ManagedIdentityAndCliBothWork_ManagedIdentityWinsAndSummaryWarns()
    {
        var outcomes = Outcomes((LinkStatus.Unavailable, null), (LinkStatus.Unavailable, null), (LinkStatus.Ok, Mi), (LinkStatus.Ok, Alice));

        var report = DoctorVerdict.Decide(apiKeySet: false, authToken: null, FullChain, outcomes);

        Assert.AreEqual("ManagedIdentityCredential", report.Selected);
        Assert.AreEqual(Mi, report.Identity);
        StringAssert.Contains(report.Summary, "AzureCliCredential will not be used");
    }

    [TestMethod]
    public void Decide_FailedLinkBeforeWorkingOne_ChainStopsThere()
    {
        var outcomes = Outcomes((LinkStatus.Failed, null), (LinkStatus.Unavailable, null), (LinkStatus.Unavailable, null), (LinkStatus.Ok, Alice));

        var report = DoctorVerdict.Decide(false, null, FullChain, outcomes);

        Assert.IsNull(report.Selected);
        Assert.IsNull(report.Identity);
        StringAssert.Contains(report.Summary, "stops at EnvironmentCredential");
        Assert.HasCount(1, report.Problems);
    }

    [TestMethod]
    public void Decide_NothingWorks_ExplainsTheSeedError()
    {
        var report = DoctorVerdict.Decide(false, null, FullChain, Outcomes());

        Assert.IsNull(report.Selected);
        StringAssert.Contains(report.Summary, DoctorVerdict.SeedError);
        StringAssert.Contains(report.Summary, "az login");
        Assert.HasCount(6, report.Links);
    }

    [TestMethod]
    public void Decide_ApiKeySet_SelectsApiKeyWhateverTheChainSays()
    {
        var report = DoctorVerdict.Decide(true, null, FullChain, Outcomes((LinkStatus.Failed, null)));

        Assert.AreEqual("ApiKey", report.Selected);
        Assert.IsTrue(report.ApiKey.Set);
        Assert.IsFalse(report.AuthToken.Set);
    }

    [TestMethod]
    public void Decide_AuthTokenAndApiKeySet_AuthTokenWinsAndItsClaimsAreRead()
    {
        var token = Jwt.WithPayload("""{"tid":"t9","oid":"o9","upn":"bob@contoso.com"}""");

        var report = DoctorVerdict.Decide(true, token, FullChain, Outcomes());

        Assert.AreEqual("AuthToken", report.Selected);
        Assert.AreEqual(new IdentityInfo("t9", "o9", "bob@contoso.com"), report.Identity);
        StringAssert.Contains(report.Summary, "ANTHROPIC_FOUNDRY_API_KEY is set too and is ignored");
        Assert.DoesNotContain(token, report.Summary);
    }

    [TestMethod]
    public void Decide_InvalidTokenCredentialsSetting_NothingSelected()
    {
        var plan = ClaudeCodeChain.Plan(new TestEnvironment(("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential")));

        var report = DoctorVerdict.Decide(false, null, plan, Outcomes((LinkStatus.Ok, Alice)));

        Assert.IsNull(report.Selected);
        Assert.HasCount(1, report.Problems);
    }
}
