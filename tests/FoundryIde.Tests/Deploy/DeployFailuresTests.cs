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
    [DataRow("UserError", 400, "payment method")]
    [DataRow("MarketplaceSubscriptionCannotBeCompleted", 400, "payment method")]
    public void For_PolicyLockOrPurchase_NamesWhoToAskAndWhat(string code, int status, string expected)
    {
        var message = code == "UserError"
            ? "Error occurred when subscribing to Marketplace: Marketplace Subscription purchase eligibility check failed, error message [...]"
            : $"emulated {code}";

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
