using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Trust;

/// <summary>The host rules (where a key or token may go) and the ARM id rules (what may become an ARM URL).</summary>
[TestClass]
public sealed class HostsTests
{
    [TestMethod]
    [DataRow("https://contoso.services.ai.azure.com/")]
    [DataRow("https://contoso.cognitiveservices.azure.com/")]
    [DataRow("https://contoso.services.ai.azure.com:443/")]
    [DataRow("https://CONTOSO.services.ai.azure.com/anthropic")]
    public void Problem_PublicFoundryEndpoint_Allowed(string url) => Assert.IsNull(FoundryHosts.Public.Problem(url));

    [TestMethod]
    [DataRow("http://contoso.services.ai.azure.com/", "not https")]
    [DataRow("https://evil.example/", "evil.example")]
    [DataRow("https://evil.example/x?.services.ai.azure.com/", "query")]
    [DataRow("https://contoso.services.ai.azure.com@evil.example/", "user information")]
    [DataRow("https://x:y@contoso.services.ai.azure.com/", "user information")]
    [DataRow("https://contoso.services.ai.azure.com:8443/", "port 8443")]
    [DataRow("https://services.ai.azure.com/", "not a Foundry host")]
    [DataRow("https://contoso.services.ai.azure.com.evil.example/", "not a Foundry host")]
    [DataRow("https://evil.example#.services.ai.azure.com/", "query or fragment")]
    [DataRow("https://contoso.services.ai.azure.com/\nX: y", "control character")]
    [DataRow("https://contoso.services.ai.azure.com\\@evil.example/", "backslash")]
    [DataRow("https://contoso.services.ai.azure.com/%2e%2e/", "unusual path")]
    [DataRow("https://contoso.services.ai.azure.us/", "not a Foundry host")]
    [DataRow("contoso", "not a URL")]
    public void Problem_HostileEndpoint_RefusedSayingWhy(string url, string why) =>
        StringAssert.Contains(FoundryHosts.Public.Problem(url), why);

    [TestMethod]
    public void Allows_MessagesUrlOnAFoundryHost_TrueElsewhereFalse()
    {
        Assert.IsTrue(FoundryHosts.Public.Allows(new Uri("https://contoso.services.ai.azure.com/anthropic/v1/messages?beta=true")));
        Assert.IsFalse(FoundryHosts.Public.Allows(new Uri("https://evil.example/anthropic/v1/messages?beta=true")));
        Assert.IsFalse(FoundryHosts.Public.Allows(new Uri("http://contoso.services.ai.azure.com/anthropic/v1/messages")));
        Assert.IsFalse(FoundryHosts.Public.Allows(new Uri("https://contoso.services.ai.azure.com:8443/anthropic/v1/messages")));
        Assert.IsFalse(FoundryHosts.Public.Allows(new Uri("https://a@contoso.services.ai.azure.com/anthropic/v1/messages")));
    }

    [TestMethod]
    public void Problem_SovereignClouds_OnlyTheirOwnSuffixes()
    {
        Assert.IsNull(FoundryHosts.UsGovernment.Problem("https://x.services.ai.azure.us/"));
        Assert.IsNotNull(FoundryHosts.UsGovernment.Problem("https://x.services.ai.azure.com/"));
        Assert.IsNull(FoundryHosts.China.Problem("https://x.cognitiveservices.azure.cn/"));
    }

    [TestMethod]
    public void Custom_SuffixWithPort_MatchesThatHostAndSubdomainsOnThatPortOnly()
    {
        var hosts = FoundryHosts.Custom("foundry.contoso.local:8443");
        Assert.IsNull(hosts.Problem("https://foundry.contoso.local:8443/"));
        Assert.IsNull(hosts.Problem("https://a.foundry.contoso.local:8443/accounts/a/"));
        StringAssert.Contains(hosts.Problem("https://a.foundry.contoso.local/"), "port 443");
        StringAssert.Contains(hosts.Problem("https://xfoundry.contoso.local:8443/"), "not a Foundry host");
        Assert.IsNull(FoundryHosts.Custom("127.0.0.1:9000").Problem("https://127.0.0.1:9000/accounts/x/"));
    }

    [TestMethod]
    [DataRow("evil.example/x")]
    [DataRow("https://foundry.local")]
    [DataRow("a b")]
    [DataRow("x:99999")]
    public void Custom_NotAHostSuffix_InvalidInput(string suffix) =>
        Assert.AreEqual(FoundryErrorCode.InvalidInput, Assert.ThrowsExactly<FoundryException>(() => FoundryHosts.Custom(suffix)).Code);

    [TestMethod]
    public void Resolve_FoundrySuffixWithoutCustomCloud_Refused()
    {
        var error = Assert.ThrowsExactly<FoundryException>(() => AzureCloud.Resolve(new CloudSettings(FoundrySuffix: "foundry.local"), null));
        StringAssert.Contains(error.Message, "only for a custom cloud");
        var custom = AzureCloud.Resolve(new CloudSettings(ArmEndpoint: "https://arm.local/", AuthorityHost: "https://login.local/", FoundrySuffix: "foundry.local"), null);
        Assert.IsNull(custom.Foundry.Problem("https://x.foundry.local/"));
        Assert.IsNotNull(custom.Foundry.Problem("https://x.services.ai.azure.com/"), "a custom suffix replaces the public ones");
        Assert.AreSame(FoundryHosts.UsGovernment, AzureCloud.Resolve(new CloudSettings("AzureUSGovernment"), null).Foundry);
    }

    [TestMethod]
    [DataRow("https://evil.example/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", "not a path under /subscriptions/")]
    [DataRow("//evil.example/subscriptions/x", "not a path under /subscriptions/")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/../../providers/x", "\"..\"")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c//x", "empty segment")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/x?y", "'?'")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/x#y", "'?'")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/%2e%2e/x", "'?'")]
    [DataRow("/subscriptions/evil.example/x", "GUID")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg$(id)/x", "which no ARM name has")]
    [DataRow("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg;x/x", "which no ARM name has")]
    public void PathProblem_HostileId_Refused(string id, string why) => StringAssert.Contains(ArmIds.PathProblem(id), why);

    [TestMethod]
    public void AccountProblem_AccountIdAndOtherResource_OnlyTheAccountShapePasses()
    {
        Assert.IsNull(ArmIds.AccountProblem("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"));
        StringAssert.Contains(ArmIds.AccountProblem("/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/a"),
            "Microsoft.CognitiveServices/accounts");
    }

    [TestMethod]
    public void IsOnArm_OtherSchemeHostOrPort_False()
    {
        var arm = new Uri("https://management.azure.com/");
        Assert.IsTrue(ArmIds.IsOnArm(new Uri("https://management.azure.com/subscriptions?api-version=1&$skipToken=x"), arm));
        Assert.IsFalse(ArmIds.IsOnArm(new Uri("http://management.azure.com/subscriptions"), arm));
        Assert.IsFalse(ArmIds.IsOnArm(new Uri("https://management.azure.com:8443/subscriptions"), arm));
        Assert.IsFalse(ArmIds.IsOnArm(new Uri("https://evil.example/subscriptions"), arm));
        Assert.IsFalse(ArmIds.IsOnArm(new Uri("https://management.azure.com.evil.example/"), arm));
        Assert.IsFalse(ArmIds.IsOnArm(new Uri("https://user@management.azure.com/"), arm));
    }
}
