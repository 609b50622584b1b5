using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>`foundry-ide deploy` and the catalogue's lifecycle: preview, deprecating or retired models, new or deployed already.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployLifecycleTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string[] Warnings(JsonElement json) => [.. json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    [TestMethod]
    public async Task DryRun_NewestModelIsAPreview_ChosenWithAWarningNamingTheGeneralAvailableOne()
    {
        await using var emulator = await StartAsync(s =>
        {
            s.ModelCatalogue.Add(new CatalogueModelSeed { Location = "eastus2", Name = "claude-sonnet-4-6", Version = "1", LifecycleStatus = "Preview" });
            s.Quotas.Add(new QuotaSeed { SubscriptionId = Sub, UsageName = "AIServices.GlobalStandard.claude-sonnet-4-6", Limit = 100 });
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource new-ai --resource-group rg-new --location eastus2 --create --models sonnet --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("claude-sonnet-4-6", Deployment(json, "sonnet").GetProperty("model").GetString());
        CollectionAssert.Contains(Warnings(json), "claude-sonnet-4-6@1: Preview in the catalogue (a preview, which Azure may change or withdraw). " +
            "A generally available sonnet model here: --model sonnet=claude-sonnet-4-5@20250929.", cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_NewerModelsRetiredOrPastTheirInferenceDate_SkippedSayingWhyAndTheServedOneChosen()
    {
        await using var emulator = await StartAsync(s => s.ModelCatalogue.AddRange(
        [
            new CatalogueModelSeed { Location = "eastus2", Name = "claude-haiku-4-7", Version = "1", LifecycleStatus = "Deprecated" },
            new CatalogueModelSeed { Location = "eastus2", Name = "claude-haiku-4-6", Version = "1", DeprecationInference = "2020-01-31T00:00:00Z" },
        ]), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource new-ai --resource-group rg-new --location eastus2 --create --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("claude-haiku-4-5", Deployment(json, "haiku").GetProperty("model").GetString(), cli.Stdout);
        var warnings = Warnings(json);
        CollectionAssert.Contains(warnings, "claude-haiku-4-7@1 is not deployed although the catalogue lists it: Deprecated in the catalogue (retired: Azure answers 410 to its deployments).", cli.Stdout);
        CollectionAssert.Contains(warnings, "claude-haiku-4-6@1 is not deployed although the catalogue lists it: GenerallyAvailable in the catalogue " +
            "(no longer served; Azure's inference on it ended on 2020-01-31).", cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_PinnedDeprecatingVersion_WarnsWithItsRetirementDate()
    {
        await using var emulator = await StartAsync(s => s.ModelCatalogue.Single(m => m.Location == "eastus2" && m.Version == "20250801").DeprecationInference = "2099-03-01T00:00:00Z",
            TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource new-ai --resource-group rg-new --location eastus2 --create --models sonnet --model sonnet=claude-sonnet-4-5@20250801 --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        CollectionAssert.Contains(Warnings(json), "claude-sonnet-4-5@20250801: Deprecating in the catalogue (Azure retires it, and its deployments with it; " +
            "Azure's inference on it ends on 2099-03-01). A generally available sonnet model here: --model sonnet=claude-sonnet-4-5@20250929.", cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_ReusedDeploymentOfADeprecatingVersionInADataZone_WarnsWithTheWayOutAndItsOwnHosting()
    {
        var mine = DefaultSeed.Claude("my-sonnet", "claude-sonnet-4-5", "20250801", 5);
        mine.SkuName = "DataZoneStandard";
        await using var emulator = await StartAsync(s => s.Accounts.Add(new AccountSeed
        {
            SubscriptionId = Sub, ResourceGroup = "rg-half", Name = "half-ai", Kind = "AIServices", Location = "eastus2", CustomSubDomainName = "half-ai", Key1 = "k1", Key2 = "k2",
            Deployments = [mine],
        }), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource half-ai --models sonnet {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "existing", "warn");
        Assert.AreEqual("my-sonnet already serves claude-sonnet-4-5@20250801 (Data Zone Standard), Deprecating in the catalogue (Azure retires it, and its deployments with it): " +
            "reused as it is, not duplicated.", verdict.GetProperty("detail").GetString(), cli.Stdout);
        Assert.AreEqual("To deploy claude-sonnet-4-5@20250929 beside it: --model sonnet=claude-sonnet-4-5@20250929.", verdict.GetProperty("fix").GetString());
        StringAssert.StartsWith(Deployment(json, "sonnet").GetProperty("hosting").GetString(), "Data Zone Standard: ", "the deployment's own SKU, not Global Standard");

        var (pinnedCli, pinned) = await RunAsync(emulator, $"--subscription {Sub} --resource half-ai --models sonnet --model sonnet=claude-sonnet-4-5@20250929 --capacity 10 {Org} --dry-run");

        Assert.AreEqual("claude-sonnet-4-5-20250929", Deployment(pinned, "sonnet").GetProperty("name").GetString(), pinnedCli.Stdout);
        Assert.AreEqual("planned", Deployment(pinned, "sonnet").GetProperty("state").GetString(), "the way out creates the newer one beside it");
    }
}
