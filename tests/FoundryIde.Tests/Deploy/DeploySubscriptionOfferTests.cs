using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// The subscription's offer, read before anything is written: one that may not buy Claude (free trial, a Cloud
/// Solution Provider's, a spending limit on) fails the plan before the provider is registered or a resource created.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeploySubscriptionOfferTests
{
    private const string FromZero = $"--subscription {Sub} --resource offer-ai --resource-group rg-offer --location eastus2 --create --models haiku --capacity 10 {Org}";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("FreeTrial_2014-09-01", "On", "has no pay-as-you-go plan")]
    [DataRow("AzureForStudents_2018-01-01", "Off", "has no pay-as-you-go plan")]
    [DataRow("CSP_2015-05-01", "Off", "is a Cloud Solution Provider subscription")]
    [DataRow("MSDN_2014-09-01", "On", "has a spending limit")]
    public async Task Deploy_SubscriptionThatMayNotBuyClaude_FailsBeforeAnyWriteEvenTheRegistration(string quotaId, string spendingLimit, string expected)
    {
        await using var emulator = await StartAsync(s =>
        {
            var subscription = s.Subscriptions.Single(x => x.Id == Sub);
            subscription.QuotaId = quotaId;
            subscription.SpendingLimit = spendingLimit;
            s.CognitiveServicesUnregistered.Add(Sub);
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, FromZero);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "subscription", "fail");
        StringAssert.Contains(verdict.GetProperty("detail").GetString(), $"{DefaultSeed.SubscriptionName} {expected} (offer {quotaId})", cli.Stdout);
        Assert.IsFalse(string.IsNullOrEmpty(verdict.GetProperty("fix").GetString()));
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    [DataRow("Sponsored_2016-01-01", "Off", "warn")]
    [DataRow("PayAsYouGo_2014-09-01", "Off", "pass")]
    [DataRow("EnterpriseAgreement_2014-09-01", "Off", "pass")]
    public async Task DryRun_SubscriptionThatMayBuyClaude_SaysSoAndPlansTheWrites(string quotaId, string spendingLimit, string status)
    {
        await using var emulator = await StartAsync(s =>
        {
            var subscription = s.Subscriptions.Single(x => x.Id == Sub);
            subscription.QuotaId = quotaId;
            subscription.SpendingLimit = spendingLimit;
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, FromZero + " --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        CollectionAssert.AreEqual(new[] { status }, Statuses(json, "subscription"), cli.Stdout);
        Assert.IsNotEmpty(Calls(json, "PUT"));
    }
}
