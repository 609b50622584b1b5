using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>A read Azure refuses while planning, through the real pipeline: Azure.Core's whole text stays out, the fix leads somewhere.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployReadRefusalTests
{
    private const string Create = "--resource new-claude-ai --resource-group rg-new --location eastus2 --create --models haiku --capacity 10";

    public TestContext TestContext { get; set; } = null!;

    private static FaultRule Unregistered(string path, string ns) => new()
    {
        Action = FaultAction.Status, StatusCode = 409, PathContains = path, ErrorCode = "MissingSubscriptionRegistration",
        ErrorMessage = $"The subscription is not registered to use namespace '{ns}'. See https://aka.ms/rps-not-found for how to register subscriptions.",
    };

    [TestMethod]
    public async Task DryRun_AgreementsReadMissingRegistration_WarnsWithCodeAndRegisterFix()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        emulator.Faults.Add(Unregistered("/providers/Microsoft.MarketplaceOrdering/agreements", "Microsoft.MarketplaceOrdering"));

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        var verdict = Verdict(json, "marketplace", "warn");
        var detail = verdict.GetProperty("detail").GetString()!;
        StringAssert.Contains(detail, "MissingSubscriptionRegistration", cli.Stdout);
        Assert.DoesNotContain("Headers", detail);
        Assert.DoesNotContain("Status:", detail);
        StringAssert.Contains(verdict.GetProperty("fix").GetString(), $"az provider register --namespace Microsoft.MarketplaceOrdering --subscription {Sub}");
    }

    [TestMethod]
    public async Task DryRun_PermissionsReadMissingRegistration_FixRegistersNotContributor()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        emulator.Faults.Add(Unregistered("/providers/Microsoft.Authorization/permissions", "Microsoft.Authorization"));

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        var verdict = Verdict(json, "permissions", "fail");
        Assert.DoesNotContain("Headers", verdict.GetProperty("detail").GetString()!, cli.Stdout);
        var fix = verdict.GetProperty("fix").GetString()!;
        StringAssert.Contains(fix, "az provider register --namespace Microsoft.Authorization");
        Assert.DoesNotContain("Contributor", fix);
    }

    [TestMethod]
    public async Task DryRun_CatalogueReadInvalidLocation_PicksARegionTheSubscriptionLists()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        emulator.Faults.Add(new FaultRule
        {
            Action = FaultAction.Status, StatusCode = 400, PathContains = "/locations/eastus2/models", ErrorCode = "NoRegisteredProviderFound",
            ErrorMessage = "No registered resource provider found for location 'eastus2' and API version '2025-06-01'.",
        });

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        var fix = Verdict(json, "region", "fail").GetProperty("fix").GetString()!;
        StringAssert.Contains(fix, "pick a region the subscription lists", cli.Stdout);
        Assert.DoesNotContain("Run deploy again", fix);
    }
}
