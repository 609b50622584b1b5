using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>`foundry-ide deploy --dry-run`: every preflight against the emulator, the plan, and nothing written.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployPlanTests
{
    private static readonly string[] SwedenOffersSonnetPinned =
    [
        "opus=claude-opus-4-1@20250805", "opus=claude-opus-4-5@20251101", "sonnet=claude-sonnet-4-5@20250929",
        "sonnet=claude-sonnet-4-5@20250801 chosen", "haiku=claude-haiku-4-5@20251001",
    ];

    private static readonly string[] ExtraSubscriptions = ["11111111", "21111111", "31111111"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task DryRun_NewResourceWithCreate_PlansEveryWriteWithItsBodyAndWritesNothing()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription \"{DefaultSeed.SubscriptionName}\" --resource new-claude-ai --resource-group rg-new --location eastus2 --create --models opus,sonnet,haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.IsTrue(json.GetProperty("dryRun").GetBoolean());
        Assert.IsFalse(json.GetProperty("resource").GetProperty("exists").GetBoolean());
        foreach (var check in new[] { "name", "permissions", "region", "quota", "providerData" })
        {
            CollectionAssert.Contains(Statuses(json, check), "pass", $"{check}: {cli.Stdout}");
        }

        CollectionAssert.DoesNotContain(Statuses(json, "quota"), "warn", $"the usages and each model's capacities were read: {cli.Stdout}");

        Assert.AreEqual("claude-opus-4-5", Deployment(json, "opus").GetProperty("model").GetString(), "the newest opus, not 4-1");
        Assert.AreEqual("20250929", Deployment(json, "sonnet").GetProperty("version").GetString(), "the default version, not the older one");
        Assert.AreEqual("planned", Deployment(json, "haiku").GetProperty("state").GetString());
        // The catalogue says where claude-haiku-4-5@20251001 is hosted: the plan says it too.
        StringAssert.Contains(Deployment(json, "haiku").GetProperty("hosting").GetString()!, "This version: hosted on Anthropic");
        Assert.IsTrue(json.GetProperty("plan").GetProperty("preflight").EnumerateArray().Any(v => v.GetProperty("check").GetString() == "model"
            && v.GetProperty("detail").GetString()!.StartsWith("claude-haiku-4-5@20251001: the newest haiku model the region offers, its default version (the one Azure upgrades deployments to), hosted on Anthropic", StringComparison.Ordinal)), cli.Stdout);
        var puts = Calls(json, "PUT");
        Assert.HasCount(5, puts, cli.Stdout);
        StringAssert.Contains(puts[0].GetProperty("path").GetString()!, "/resourceGroups/rg-new?");
        StringAssert.Contains(puts[1].GetProperty("body").GetString()!, "\"customSubDomainName\":\"new-claude-ai\"");
        var sonnet = puts.Single(p => p.GetProperty("path").GetString()!.Contains("/deployments/claude-sonnet-4-5?", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(sonnet.GetProperty("body").GetString()!);
        Assert.AreEqual("GlobalStandard", body.RootElement.GetProperty("sku").GetProperty("name").GetString());
        Assert.AreEqual(10, body.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32());
        var data = body.RootElement.GetProperty("properties").GetProperty("modelProviderData");
        Assert.AreEqual("technology", data.GetProperty("industry").GetString(), "lower case, else AnthropicOrganizationCreationException");
        Assert.AreEqual("US", data.GetProperty("countryCode").GetString());
        Assert.AreEqual("Anthropic", body.RootElement.GetProperty("properties").GetProperty("model").GetProperty("format").GetString());
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_ExistingResource_ReusesDeploymentsOfTheSameModelAndPlansOnlyTheMissing()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus,sonnet,haiku --capacity 20 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual(DefaultSeed.SonnetDeployment, Deployment(json, "sonnet").GetProperty("name").GetString());
        Assert.AreEqual("Succeeded", Deployment(json, "sonnet").GetProperty("state").GetString());
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString());
        Assert.AreEqual("planned", Deployment(json, "opus").GetProperty("state").GetString(), "claude-opus-4-1 exists, 4-5 is newer");
        var puts = Calls(json, "PUT");
        Assert.HasCount(1, puts, cli.Stdout);
        StringAssert.Contains(puts[0].GetProperty("path").GetString()!, "/deployments/claude-opus-4-5?");
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_PinnedModel_UsesThatModelAndVersion()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource fresh-ai --resource-group rg-x --location swedencentral --create --models sonnet --model sonnet=claude-sonnet-4-5@20250801 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("20250801", Deployment(json, "sonnet").GetProperty("version").GetString());
        StringAssert.Contains(Verdict(json, "model", "info").GetProperty("detail").GetString()!, "claude-sonnet-4-5@20250801: pinned with --model.");
        // Every Claude offer of the region's catalogue, the pinned one marked chosen; each with the pin that picks it.
        var offers = json.GetProperty("plan").GetProperty("offers").EnumerateArray()
            .Select(o => $"{o.GetProperty("pin").GetString()}{(o.GetProperty("chosen").GetBoolean() ? " chosen" : "")}").ToArray();
        CollectionAssert.AreEqual(SwedenOffersSonnetPinned, offers, cli.Stdout);
        // Something to create and no failure: the capacity may be asked, with the deployment it sizes.
        var capacity = json.GetProperty("plan").GetProperty("capacity");
        Assert.IsFalse(capacity.GetProperty("quotaFails").GetBoolean());
        Assert.AreEqual("✓ claude-sonnet-4-5 (claude-sonnet-4-5 20250801): 50 planned, 280 of 400 free", Assert.ContainsSingle(capacity.GetProperty("context").EnumerateArray()).GetString());
    }

    [TestMethod]
    public async Task DryRun_TwoPinsForOneFamily_RefusedBeforeAnyCall()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, _) = await RunAsync(emulator,
            $"--subscription {Sub} --resource fresh-ai --resource-group rg-x --location eastus2 --create --model opus=claude-opus-4-5 --model opus=claude-opus-4-1 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, "--model opus=... is given 2 times: one model per family.");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/subscriptions", StringComparison.Ordinal)), "nothing asked of ARM");
    }

    [TestMethod]
    [DataRow("quota", "--resource q-ai --resource-group rg-q --location eastus2 --create --models haiku --capacity 100", "quota")]
    [DataRow("region", "--resource w-ai --resource-group rg-w --location westus --create --models sonnet", "region")]
    [DataRow("name", "--resource contoso-foundry --resource-group rg-other --location eastus2 --create --models sonnet", "name")]
    [DataRow("missing", "--resource nope-ai --models sonnet", "resource")]
    [DataRow("failed", "--resource contoso-ai-west --models opus", "existing")]
    [DataRow("providerData", "--resource contoso-foundry --models opus", "providerData")]
    public async Task DryRun_PreflightFails_SaysWhyAndTheFixAndExits1(string name, string arguments, string check)
    {
        await using var emulator = await StartAsync(s =>
        {
            s.ModelCatalogue.Add(new CatalogueModelSeed { Location = "westus", Name = "claude-opus-4-5", Version = "20251101" });
            s.Accounts.Single(a => a.Name == DefaultSeed.WestAccount).Deployments.Add(DefaultSeed.Claude("claude-opus-4-5", "claude-opus-4-5", "20251101", 10, "Failed"));
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {arguments} {(check == "providerData" ? "" : Org)} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, name + ": " + cli);
        var verdict = Verdict(json, check, "fail");
        Assert.AreEqual(JsonValueKind.Object, verdict.ValueKind, cli.Stdout);
        Assert.IsFalse(string.IsNullOrWhiteSpace(verdict.GetProperty("fix").GetString()), cli.Stdout);
        Assert.AreEqual(check == "quota" ? JsonValueKind.Object : JsonValueKind.Null, json.GetProperty("plan").GetProperty("capacity").ValueKind,
            "a capacity question only while quota alone fails");
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_RegionHasLessCapacityThanAsked_QuotaFailsWithWhatIsAvailable()
    {
        // Haiku's pool: 250, of which the default seed's deployments use 200.
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource cap-ai --resource-group rg-cap --location eastus2 --create --models haiku --capacity 60 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var fails = json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .Where(v => v.GetProperty("check").GetString() == "quota" && v.GetProperty("status").GetString() == "fail").ToArray();
        var capacity = fails.Single(v => v.GetProperty("detail").GetString()!.Contains("capacity available", StringComparison.Ordinal));
        Assert.AreEqual("claude-haiku-4-5: eastus2 has 50 capacity available for this subscription, 60 asked.", capacity.GetProperty("detail").GetString());
        Assert.AreEqual("Use --capacity 50 or less (no other region has more for this subscription).", capacity.GetProperty("fix").GetString());
        var question = json.GetProperty("plan").GetProperty("capacity");
        Assert.IsTrue(question.GetProperty("quotaFails").GetBoolean(), "a smaller capacity may cure it");
        // One line per deployment to create: its planned capacity, the pool's room (250 - 200) and the region's (50).
        Assert.AreEqual("✗ claude-haiku-4-5 (claude-haiku-4-5 20251001): 60 planned, 50 of 250 free", Assert.ContainsSingle(question.GetProperty("context").EnumerateArray()).GetString());
        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/modelCapacities?", StringComparison.Ordinal)
            && r.Path.Contains("modelVersion=20251001&api-version=", StringComparison.Ordinal) && r.StatusCode == 200), "the capacities were read, with the api-version");
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_QuotaPoolFull_FixLeavesTheFamilyOutNotACapacityOfOne()
    {
        // Haiku's pool: 250; the default seed's deployments use 200, this one the other 50.
        await using var emulator = await StartAsync(s => s.Accounts.Single(a => a.Name == DefaultSeed.WestAccount).Deployments
            .Add(DefaultSeed.Claude("haiku-west", "claude-haiku-4-5", "20251001", 50)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource full-ai --resource-group rg-full --location eastus2 --create --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var pool = json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .Single(v => v.GetProperty("check").GetString() == "quota" && v.GetProperty("detail").GetString()!.Contains("only 0 free of 250", StringComparison.Ordinal));
        StringAssert.StartsWith(pool.GetProperty("fix").GetString(), "None is free: leave the family out (--models), free some");
    }

    [TestMethod]
    public async Task DryRun_IdentityMayNotWrite_PermissionsFailWithTheRoleToAsk()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken, owner: false);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --grant-access --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "permissions", "fail");
        StringAssert.Contains(verdict.GetProperty("detail").GetString()!, "Microsoft.CognitiveServices/accounts/deployments/write");
        StringAssert.Contains(verdict.GetProperty("fix").GetString()!, "az role assignment create");
        Assert.AreEqual("existing", json.GetProperty("roleAssignment").GetProperty("state").GetString(), "Cognitive Services User already covers Claude");
    }
    [TestMethod]
    [DataRow("--dry-run")]
    [DataRow("")]
    public async Task Deploy_SubscriptionSeenButResourcesNotReadable_ResourceFailsWithTheRoleToAskAndExits1(string dryRun)
    {
        // Contoso Finance: the identity may read the subscription, nothing in it (403 AuthorizationFailed on the listing).
        await using var emulator = await StartAsync(null, TestContext.CancellationToken, owner: false);

        var (cli, json) = await RunAsync(emulator, $"--subscription \"{DefaultSeed.ForbiddenSubscriptionName}\" --resource contoso-finance-ai --models sonnet {Org} {dryRun}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "resource", "fail");
        Assert.AreEqual(JsonValueKind.Object, verdict.ValueKind, cli.Stdout);
        StringAssert.Contains(verdict.GetProperty("detail").GetString()!, "403 AuthorizationFailed");
        StringAssert.Contains(verdict.GetProperty("fix").GetString()!, $"az role assignment create --role Contributor --assignee-object-id {DefaultSeed.ServicePrincipalObjectId} --scope /subscriptions/");
        Assert.DoesNotContain("internal error", cli.Stderr);
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_SubscriptionByNameDisabledOrTwice_SaysWhichAndItsIds()
    {
        await using var emulator = await StartAsync(s =>
        {
            foreach (var id in ExtraSubscriptions)
            {
                s.RoleGrants.Add(RolePermissions.Reader(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{id}-2222-4333-8444-555555555555"));
            }

            s.Subscriptions.Add(new SubscriptionSeed { Id = "11111111-2222-4333-8444-555555555555", DisplayName = "Old Lab", TenantId = DefaultSeed.TenantId, State = "Disabled" });
            s.Subscriptions.Add(new SubscriptionSeed { Id = "21111111-2222-4333-8444-555555555555", DisplayName = "Twin", TenantId = DefaultSeed.TenantId });
            s.Subscriptions.Add(new SubscriptionSeed { Id = "31111111-2222-4333-8444-555555555555", DisplayName = "Twin", TenantId = DefaultSeed.TenantId });
        }, TestContext.CancellationToken);

        var (disabled, _) = await RunAsync(emulator, $"--subscription \"Old Lab\" --resource {DefaultSeed.FoundryAccount} {Org} --dry-run");
        var (twice, json) = await RunAsync(emulator, $"--subscription Twin --resource {DefaultSeed.FoundryAccount} {Org} --dry-run");

        Assert.AreNotEqual(0, disabled.ExitCode, disabled.ToString());
        StringAssert.Contains(disabled.Stderr, "\"Old Lab\" (11111111-2222-4333-8444-555555555555) is Disabled");
        Assert.AreEqual(1, twice.ExitCode, twice.ToString());
        StringAssert.Contains(Verdict(json, "subscription", "fail").GetProperty("fix").GetString(),
            "21111111-2222-4333-8444-555555555555 or 31111111-2222-4333-8444-555555555555");
    }
}
