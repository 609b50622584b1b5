using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>Which resource `foundry-ide deploy` uses: one name in two groups, a name in another group, a resource in another region.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployResourceTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AccountSeed Account(string name, string group, string kind = "AIServices", string location = "eastus2", string? subdomain = null) => new()
    {
        SubscriptionId = Sub, ResourceGroup = group, Name = name, Kind = kind, Location = location, CustomSubDomainName = subdomain ?? name, Key1 = "k1", Key2 = "k2",
    };

    [TestMethod]
    public async Task DryRun_OneNameInTwoGroupsWithoutResourceGroup_FailsListingBothGroups()
    {
        await using var emulator = await StartAsync(s => s.Accounts.AddRange(
            Account("twin-ai", "rg-a", kind: "OpenAI", subdomain: "twin-a"), Account("twin-ai", "rg-b", subdomain: "twin-b")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource twin-ai --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual("fail", string.Join(", ", Statuses(json, "resource")), cli.Stdout);
        var verdict = Verdict(json, "resource", "fail");
        Assert.AreEqual($"2 resources are named twin-ai in {DefaultSeed.SubscriptionName}: in resource group rg-a (eastus2, kind OpenAI); in resource group rg-b (eastus2, kind AIServices).",
            verdict.GetProperty("detail").GetString());
        Assert.AreEqual("Add --resource-group with the group of the one you mean: --resource-group rg-a or --resource-group rg-b.", verdict.GetProperty("fix").GetString());
        Assert.IsEmpty(Calls(json, "PUT"), cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_WithoutCreateResourceInAnotherGroup_FailsNamingWhereItIsAndPlansNoWrite()
    {
        await using var emulator = await StartAsync(s => s.Accounts.Add(Account("half-ai", "rg-a")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource half-ai --resource-group rg-b --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "resource", "fail");
        Assert.AreEqual($"No Foundry resource named half-ai in resource group rg-b: one exists in resource group rg-a (eastus2, kind AIServices) in {DefaultSeed.SubscriptionName}.",
            verdict.GetProperty("detail").GetString(), cli.Stdout);
        Assert.AreEqual("Deploy to it with --resource-group rg-a (or without --resource-group).", verdict.GetProperty("fix").GetString());
        Assert.IsEmpty(Calls(json, "PUT"), "no resource group or resource PUT without --create");
    }

    [TestMethod]
    public async Task DryRun_WithoutCreateNoSuchResource_PlansNoWrite()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource nowhere-ai --resource-group rg-b --location eastus2 --models haiku {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.StartsWith(Verdict(json, "resource", "fail").GetProperty("detail").GetString(), "No Foundry resource named nowhere-ai", cli.Stdout);
        Assert.IsEmpty(Calls(json, "PUT"), cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_ExistingResourceInRegionWithoutTheFamily_FixIsAnotherModelOrANewResourceWhereItIsOffered()
    {
        await using var emulator = await StartAsync(s =>
        {
            s.Accounts.Add(Account("west-ai", "rg-west", location: "westus"));
            s.ModelCatalogue.Add(new CatalogueModelSeed { Location = "westus", Name = "claude-opus-4-1", Version = "20250805" });
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource west-ai --location eastus2 --models opus --model opus=claude-opus-4-5 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual("west-ai stays in westus (--location only places a new resource): pin a model it offers (--model opus=claude-opus-4-1@20250805), leave the family out (--models), " +
            "or deploy to a new resource in a region that offers opus: --resource NEW-NAME --create --resource-group RG --location eastus2 (opus is offered in eastus2, swedencentral).",
            Verdict(json, "region", "fail").GetProperty("fix").GetString(), cli.Stdout);
    }

    [TestMethod]
    public async Task DryRun_ExistingResourceInRegionWithoutClaude_FixIsANewResourceWhereClaudeIsOffered()
    {
        await using var emulator = await StartAsync(s => s.Accounts.Add(Account("west-ai", "rg-west", location: "westus")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource west-ai --location eastus2 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual("west-ai stays in westus (--location only places a new resource): deploy to a new resource in a region that offers Claude: " +
            "--resource NEW-NAME --create --resource-group RG --location eastus2 (Claude is offered in eastus2, swedencentral).",
            Verdict(json, "region", "fail").GetProperty("fix").GetString(), cli.Stdout);
    }

    [TestMethod]
    [DataRow("", "Enabled", "walled-ai has no custom subdomain")]
    [DataRow(null, "Disabled", "walled-ai refuses public network access")]
    public async Task DryRun_ExistingResourceClaudeCodeCannotReach_WarnsWhyWithTheFix(string? subdomain, string publicAccess, string expected)
    {
        await using var emulator = await StartAsync(s =>
        {
            var account = Account("walled-ai", "rg-w", subdomain: subdomain);
            account.PublicNetworkAccess = publicAccess;
            s.Accounts.Add(account);
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource walled-ai --resource-group rg-w --models haiku --capacity 10 {Org} --dry-run");

        var warning = Verdict(json, "resource", "warn");
        Assert.AreEqual(System.Text.Json.JsonValueKind.Object, warning.ValueKind, cli.ToString());
        StringAssert.StartsWith(warning.GetProperty("detail").GetString(), expected);
        Assert.IsFalse(string.IsNullOrEmpty(warning.GetProperty("fix").GetString()));
        CollectionAssert.Contains(Statuses(json, "resource"), "pass", "deploying there still works");
    }

    [TestMethod]
    public async Task DryRun_NameHeldByASoftDeletedResource_FailsWithThePurgeForThatName()
    {
        await using var emulator = await StartAsync(s => s.SoftDeletedAccounts.Add("gone-ai"), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource gone-ai --resource-group rg-gone --location eastus2 --create --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "name", "fail");
        StringAssert.Contains(verdict.GetProperty("detail").GetString(), "soft-deleted", cli.Stdout);
        StringAssert.Contains(verdict.GetProperty("fix").GetString(), "az cognitiveservices account purge --name gone-ai --resource-group RG --location REGION");
        AssertNothingWritten(emulator);
    }
}
