using Azure;
using FoundryIde.Server.Deploy;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Deploy;

/// <summary>How deploy words Azure's refusals: code and first line, never Azure.Core's status, headers and body; a fix that leads somewhere.</summary>
[TestClass]
public sealed class DeployRefusalWordsTests
{
    private const string Unregistered =
        "The subscription is not registered to use namespace 'Microsoft.MarketplaceOrdering'. See https://aka.ms/rps-not-found for how to register subscriptions.\n" +
        "Status: 409 (Conflict)\nErrorCode: MissingSubscriptionRegistration\n\nContent:\n{}\n\nHeaders:\nServer: Kestrel\nDate: Mon, 07 Dec 2026 02:00:00 GMT\n";

    private static DeployState State(DeployWords words) => new()
    {
        Request = new DeployParams("sub", "contoso-ai"), Words = words, ResourceGroup = "rg-ai", Location = "eastus2",
    };

    [TestMethod]
    public void Describe_RefusalWithAzureCoreText_GivesCodeAndFirstLineOnly()
    {
        var text = ArmFailures.Describe(new RequestFailedException(409, Unregistered, "MissingSubscriptionRegistration", null), "Reading the Marketplace agreements");

        StringAssert.StartsWith(text, "Reading the Marketplace agreements: Azure refused it (409 MissingSubscriptionRegistration): The subscription is not registered");
        Assert.DoesNotContain("Headers", text);
        Assert.DoesNotContain("Kestrel", text);
        Assert.DoesNotContain("\n", text);
    }

    [TestMethod]
    public void Describe_HostileFirstLine_EscapesIt()
    {
        var text = ArmFailures.Describe(new RequestFailedException(400, "bad \u001b[31mred\u001b[0m\nHeaders: x", "Bad\u001bCode", null), "Reading");

        Assert.DoesNotContain("\u001b", text);
        Assert.DoesNotContain("Bad", text, "a code that is not a plain code is left out");
    }

    [TestMethod]
    [DataRow(429)]
    [DataRow(503)]
    public void Describe_ThrottledOrFailedInDeploy_SaysRunDeployAgainNotRefresh(int status)
    {
        var e = new RequestFailedException(status, "busy", "ServerBusy", null);

        var deploy = DeployFailures.Describe(e, "Reading the quota usages", State(DeployWords.Cli));
        var listing = ArmFailures.Describe(e, "Listing");

        StringAssert.Contains(deploy, "Run deploy again");
        Assert.DoesNotContain("--refresh", deploy);
        StringAssert.Contains(listing, "--refresh");
    }

    [TestMethod]
    public void ReadFix_MissingSubscriptionRegistration_RegistersTheNamespaceAzureNames()
    {
        var fix = DeployFailures.ReadFix(new RequestFailedException(409, Unregistered, "MissingSubscriptionRegistration", null), State(DeployWords.Cli));

        StringAssert.Contains(fix, "az provider register --namespace Microsoft.MarketplaceOrdering");
        Assert.DoesNotContain("Contributor", fix!);
    }

    [TestMethod]
    public void ReadFix_MissingSubscriptionRegistrationWithOddNamespace_StaysGeneric()
    {
        var e = new RequestFailedException(409, "not registered to use namespace 'Microsoft.X; rm -rf ~'.", "MissingSubscriptionRegistration", null);

        var fix = DeployFailures.ReadFix(e, State(DeployWords.Cli))!;

        StringAssert.Contains(fix, "az provider register --namespace <the namespace in Azure's message>");
        Assert.DoesNotContain("rm -rf", fix);
    }

    [TestMethod]
    [DataRow("NoRegisteredProviderFound")]
    [DataRow("InvalidLocation")]
    [DataRow("LocationNotAvailableForResourceType")]
    public void Refused_RegionReadRefused_PicksARegionTheSubscriptionLists(string code)
    {
        var (detail, fix) = DeployFailures.Refused(new RequestFailedException(400, "No registered resource provider found for location 'mars'.\nStatus: 400", code, null),
            "Reading the model catalogue of eastus2", State(DeployWords.Cli));

        StringAssert.Contains(fix, "pick a region the subscription lists");
        Assert.DoesNotContain("Run deploy again", fix);
        StringAssert.Contains(detail, code);
    }

    [TestMethod]
    public void For_InsufficientQuotaWithLimitZero_AsksToRequestQuota()
    {
        var error = DeployFailures.For("InsufficientQuota",
            "This operation require 10 new capacity in quota claude-haiku-4-5, which is bigger than the current available capacity 0. The current quota usage is 0 and the quota limit is 0 for quota claude-haiku-4-5.",
            State(DeployWords.Cli), "claude-haiku-4-5", 400);

        StringAssert.Contains(error.Fix, "No quota has been granted");
        StringAssert.Contains(error.Fix, "Management center, Quota");
        Assert.DoesNotContain("--capacity", error.Fix!);
    }
}
