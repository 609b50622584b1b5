using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>Quota never granted for a model in the subscription: not "used up", and a fix that leads to a request.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployQuotaGrantTests
{
    private const string Create = "--resource new-claude-ai --resource-group rg-new --location eastus2 --create --models haiku --capacity 10";
    private const string Haiku = "AIServices.GlobalStandard.claude-haiku-4-5";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task DryRun_QuotaLimitZero_FailsSayingNoneGrantedAndToRequestIt()
    {
        await using var emulator = await StartAsync(s => s.Quotas.Single(q => q.UsageName == Haiku).Limit = 0, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        Assert.AreNotEqual(0, cli.ExitCode, cli.ToString());
        var fails = json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .Where(v => v.GetProperty("check").GetString() == "quota" && v.GetProperty("status").GetString() == "fail").ToList();
        Assert.HasCount(1, fails, cli.Stdout);
        StringAssert.Contains(fails[0].GetProperty("detail").GetString(), "no quota has been granted");
        var fix = fails[0].GetProperty("fix").GetString()!;
        StringAssert.Contains(fix, "Request quota for it in the Foundry portal (Management center, Quota)");
        Assert.DoesNotContain("leave the family out", fix);
        Assert.DoesNotContain("deleting", fix);
    }

    [TestMethod]
    public async Task DryRun_NoUsageEntryAndNoCapacity_WarnsQuotaLikelyNotGrantedWithRequestFix()
    {
        await using var emulator = await StartAsync(s => s.Quotas.RemoveAll(q => q.UsageName == Haiku), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        var warn = Verdict(json, "quota", "warn");
        StringAssert.Contains(warn.GetProperty("detail").GetString(), "quota is likely not granted", cli.Stdout);
        StringAssert.Contains(warn.GetProperty("fix").GetString(), "request quota for it in the Foundry portal");
    }
}
