using FoundryIde.Server.Deploy;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Deploy;

[TestClass]
public sealed class DeployFailuresTests
{
    private static DeployState State(DeployWords words) => new()
    {
        Request = new DeployParams("sub", "contoso-ai"), Words = words, ResourceGroup = "rg-ai", Location = "eastus2",
    };

    [TestMethod]
    [DataRow("RequestDisallowedByPolicy", 403, "ask its owner for an exemption")]
    [DataRow("RequestDisallowedByAzure", 403, "Azure does not let this subscription create it in eastus2")]
    [DataRow("ScopeLocked", 409, "az lock list --resource-group rg-ai")]
    [DataRow("InvalidResourceProperties", 400, "does not list this one or its publisher (Anthropic)")]
    [DataRow("UserError", 400, "payment method")]
    [DataRow("MarketplaceSubscriptionCannotBeCompleted", 400, "payment method")]
    public void For_PolicyLockOrPurchase_NamesWhoToAskAndWhat(string code, int status, string expected)
    {
        var message = code switch
        {
            "UserError" => "Error occurred when subscribing to Marketplace: Marketplace Subscription purchase eligibility check failed, error message [...]",
            "InvalidResourceProperties" => "Policy evaluation returned compliance: NonCompliant for model claude-opus-5/1 with error: This action is noncompliant with policy",
            _ => $"emulated {code}",
        };

        var error = DeployFailures.For(code, message, State(DeployWords.Cli), "claude-haiku-4-5", status);

        Assert.AreEqual(code, error.Code);
        StringAssert.Contains(error.Fix, expected);
    }

    [TestMethod]
    public void For_RegionRefusedInTheEditor_NamesTheQuestionNotTheOption()
    {
        var cli = DeployFailures.For("LocationNotAvailableForResourceType", "not available", State(DeployWords.Cli), null, 400);
        var editor = DeployFailures.For("LocationNotAvailableForResourceType", "not available", State(DeployWords.Editor), null, 400);

        StringAssert.Contains(cli.Fix, "--location");
        Assert.DoesNotContain("--location", editor.Fix!);
    }
}
