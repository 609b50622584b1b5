using FoundryIde.Emulator;
using FoundryIde.Server.Deploy;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// Anthropic's Marketplace offer: Azure subscribes to it (publisher anthropic, offer anthropic-&lt;model&gt;-offer) in
/// the caller's name with the first deployment; what `deploy` says before, and when the subscription may not buy it.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployMarketplaceTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Detail(System.Text.Json.JsonElement verdict, string property = "detail") => verdict.GetProperty(property).GetString() ?? "";

    [TestMethod]
    public async Task DryRun_AfterAFirstDeployment_TheAgreementAzureSignedPasses()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        var create = $"--subscription {Sub} --resource-group rg-m --location eastus2 --create --models haiku --capacity 10 {Org}";

        var (before, planBefore) = await RunAsync(emulator, $"--resource first-ai {create} --dry-run");
        var (first, _) = await RunAsync(emulator, $"--resource first-ai {create}");
        var (after, planAfter) = await RunAsync(emulator, $"--resource second-ai {create} --dry-run");

        Assert.AreEqual(0, before.ExitCode, before.ToString());
        StringAssert.Contains(Detail(Verdict(planBefore, "marketplace", "info")), "offer anthropic-claude-haiku-4-5-offer");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        Assert.AreEqual(0, after.ExitCode, after.ToString());
        Assert.AreEqual("claude-haiku-4-5: Anthropic's terms (anthropic-claude-haiku-4-5-offer/anthropic-claude-haiku-4-5-plan-new) are accepted in this subscription.",
            Detail(Verdict(planAfter, "marketplace", "pass")), after.Stdout);
    }

    [TestMethod]
    [DataRow("anthropic-claude-sonnet-4-5-offer", "claude-sonnet-4-5", true)]
    [DataRow("anthropic-claude-sonnet-4-5-offer", "claude-sonnet-4", false)]
    [DataRow("anthropic-claude-sonnet-4-plan-new", "claude-sonnet-4", true)]
    [DataRow("anthropic-claude-sonnet-4", "claude-sonnet-4", true)]
    [DataRow("anthropic-claude-sonnet-45-offer", "claude-sonnet-4", false)]
    [DataRow(null, "claude-sonnet-4", false)]
    public void NamesModel_OfferOrPlan_OnlyThatModelNotALongerOne(string? text, string model, bool names) =>
        Assert.AreEqual(names, DeployPlanner.NamesModel(text, model));

    [TestMethod]
    public async Task DryRun_CancelledAgreement_WarnsWithTheCommandThatAcceptsIt()
    {
        await using var emulator = await StartAsync(s => s.Agreements.Add(new AgreementSeed
        {
            SubscriptionId = Sub, Publisher = "anthropic", Offer = "anthropic-claude-haiku-4-5-offer", Plan = "anthropic-claude-haiku-4-5-plan-new", Accepted = false,
        }), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource m-ai --resource-group rg-m --location eastus2 --create --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, "a warning: Azure subscribes again with the deployment on an eligible subscription");
        Assert.AreEqual("Read and accept them: az term accept --publisher anthropic --product anthropic-claude-haiku-4-5-offer --plan anthropic-claude-haiku-4-5-plan-new",
            Detail(Verdict(json, "marketplace", "warn"), "fix"), cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_IdentityWithoutMarketplaceActions_WarnsNamingThem()
    {
        // Cognitive Services Contributor may write deployments, but not subscribe to a Marketplace offer.
        await using var emulator = await StartAsync(
            s => s.RoleGrants.Add(RolePermissions.CognitiveServicesContributor(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}")),
            TestContext.CancellationToken, owner: false);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        CollectionAssert.Contains(Statuses(json, "permissions"), "pass", cli.Stdout);
        var warning = Detail(Verdict(json, "marketplace", "warn"));
        foreach (var action in DeployPlanner.MarketplaceActions) StringAssert.Contains(warning, action);
    }

    [TestMethod]
    public async Task Deploy_SubscriptionMayNotBuyTheOffer_NamesAzuresReasonAndTheBillingFix()
    {
        await using var emulator = await StartAsync(s => s.PurchaseBlocked.Add(Sub), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource buy-ai --resource-group rg-b --location eastus2 --create --models haiku --capacity 10 {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors").EnumerateArray().Single();
        Assert.AreEqual("UserError", error.GetProperty("code").GetString());
        StringAssert.Contains(error.GetProperty("message").GetString()!, "no valid payment method");
        Assert.AreEqual(DeployFailures.Purchase, error.GetProperty("fix").GetString());
        Assert.AreEqual("notCreated", Deployment(json, "haiku").GetProperty("state").GetString());
    }
}
