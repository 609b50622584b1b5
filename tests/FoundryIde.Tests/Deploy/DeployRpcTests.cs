using System.Collections.Concurrent;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>deploy/plan and deploy/apply in the sidecar: the same results as the CLI, `$/progress`, and cancellation between calls.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployRpcTests
{
    private static readonly string[] FailingChecks = ["quota", "providerData", "resource"];

    public TestContext TestContext { get; set; } = null!;

    private static DeployParams Request(string resource) => new(Sub, resource, "rg-rpc", "eastus2", Create: true,
        Models: ["opus", "sonnet", "haiku"], Capacity: 10, Organization: "Contoso", Industry: "technology", Country: "US", ProgressToken: "deploy-1");

    private static SidecarSession Start(AzureEmulator emulator, ConcurrentQueue<ProgressValue> progress) =>
        SidecarSession.Start(TestIdentity.ServicePrincipal(emulator), rpc =>
            rpc.AddLocalRpcMethod(ClientNotifier.ProgressMethod, new Action<string, ProgressValue>((token, value) => progress.Enqueue(value))));

    [TestMethod]
    public async Task PlanThenApply_NewResource_PlanWritesNothingApplyDeploysWithProgress()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        var progress = new ConcurrentQueue<ProgressValue>();
        await using var session = Start(emulator, progress);
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);

        var plan = await session.Server.PlanDeployAsync(Request("rpc-ai"), TestContext.CancellationToken);
        Assert.IsTrue(plan.DryRun);
        Assert.IsFalse(plan.Plan.Preflight.Any(v => v.Status == "fail"), string.Join("\n", plan.Plan.Preflight));
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Method == "PUT"));

        var result = await session.Server.ApplyDeployAsync(Request("rpc-ai"), TestContext.CancellationToken);

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        Assert.HasCount(3, result.Deployments);
        Assert.IsTrue(result.Deployments.All(d => d.State == "Succeeded" && d.Created));
        Assert.IsTrue(result.Resource!.Created);
        for (var i = 0; i < 50 && !progress.Any(v => v.Kind == "end"); i++) await Task.Delay(100, TestContext.CancellationToken);
        var values = progress.ToArray();
        Assert.IsTrue(values.Any(v => v.Kind == "report" && v.Message!.Contains("claude-opus-4-5", StringComparison.Ordinal)), string.Join("\n", values));
        Assert.AreEqual("end", values[^1].Kind);
    }

    [TestMethod]
    public async Task Plan_PreflightFailsInTheEditor_FixesNameItsQuestionsNotCommandLineOptions()
    {
        // Haiku's pool: 250, of which the default seed's deployments use 200; no organisation details; a missing resource.
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        await using var session = Start(emulator, new ConcurrentQueue<ProgressValue>());
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);

        var quota = await session.Server.PlanDeployAsync(Request("cap-ai") with { Models = ["haiku"], Capacity = 60, Organization = null },
            TestContext.CancellationToken);
        var missing = await session.Server.PlanDeployAsync(Request("nope-ai") with { Create = false, ResourceGroup = null, Location = null },
            TestContext.CancellationToken);

        var fixes = quota.Plan.Preflight.Concat(missing.Plan.Preflight).Where(v => v.Status == "fail").Select(v => $"{v.Check}: {v.Fix}").ToArray();
        var all = string.Join("\n", fixes);
        CollectionAssert.IsSubsetOf(FailingChecks, fixes.Select(f => f.Split(':')[0]).ToArray(), all);
        Assert.IsFalse(fixes.Any(f => System.Text.RegularExpressions.Regex.IsMatch(f, @"(^|\s)--(capacity|location|models|model|organization|resource|create|grant-access)\b")), all);
        StringAssert.Contains(all, "Use a capacity of 50 or less", all);
        StringAssert.Contains(all, "your organisation, industry", all);
        StringAssert.Contains(all, "answer \"Yes, create it\"", all);
    }

    [TestMethod]
    public async Task Apply_CancelledWhileADeploymentRuns_StopsBetweenCallsAndSaysWhatExists()
    {
        await using var emulator = await StartWithSlowOperationsAsync(TestContext.CancellationToken);
        var progress = new ConcurrentQueue<ProgressValue>();
        await using var session = Start(emulator, progress);
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        var request = Request(DefaultSeed.FoundryAccount) with { ResourceGroup = DefaultSeed.ResourceGroup, Create = false, Models = ["opus", "sonnet"] };
        var call = session.Server.ApplyDeployAsync(request, cancel.Token);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DeploymentPuts(emulator).Length == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.CancellationToken);
        }

        var cancelledAt = DateTimeOffset.UtcNow;
        await cancel.CancelAsync();
        var result = await call;
        await Task.Delay(2500, TestContext.CancellationToken);

        Assert.AreEqual("Cancelled", result.Errors.Single().Code, string.Join("\n", result.Errors));
        Assert.AreEqual("Creating", result.Deployments.Single(d => d.Family == "opus").State, "what exists is listed: the one Azure accepted");
        Assert.AreEqual("Succeeded", result.Deployments.Single(d => d.Family == "sonnet").State, "the existing Sonnet is listed too");

        var deploymentPuts = DeploymentPuts(emulator);
        Assert.HasCount(1, deploymentPuts, "no deployment PUT after the cancellation");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Timestamp > cancelledAt.AddSeconds(1) && r.Path.Contains("/operationResults/", StringComparison.Ordinal)),
            "the polling stopped");
    }

    [TestMethod]
    public async Task ListRegions_OneCatalogueDenied_RegionsOfferingClaudeWithTheirModelsAndTheUnreadOne()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.Status(403, "/locations/swedencentral/models"));
        var progress = new ConcurrentQueue<ProgressValue>();
        await using var session = Start(emulator, progress);
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);

        var result = await session.Server.ListRegionsAsync(new RegionsParams(DefaultSeed.SubscriptionName, "regions-1"), TestContext.CancellationToken);

        Assert.AreEqual(Sub, result.Subscription);
        var region = Assert.ContainsSingle(result.Regions, "eastus2 offers Claude; eastus and westus offer none; swedencentral was not read");
        Assert.AreEqual("eastus2", region.Name);
        Assert.AreEqual("opus=claude-opus-4-5 sonnet=claude-sonnet-4-5 haiku=claude-haiku-4-5",
            string.Join(' ', region.Models.OrderBy(m => FoundryIde.Server.Models.ClaudeModels.FamilyRank(m.Family)).Select(m => $"{m.Family}={m.Model}")));
        Assert.AreEqual("swedencentral", string.Join(",", result.Unchecked));
        for (var i = 0; i < 50 && !progress.Any(v => v.Kind == "end"); i++) await Task.Delay(100, TestContext.CancellationToken);
        Assert.IsTrue(progress.Any(v => v.Message?.Contains("region catalogues", StringComparison.Ordinal) == true), string.Join("\n", progress));
    }

    [TestMethod]
    public async Task ListRegions_AskedAgain_AnsweredFromWhatWasReadWithoutAzure()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        await using var session = Start(emulator, new ConcurrentQueue<ProgressValue>());
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);
        int Catalogues() => emulator.Requests.Snapshot().Count(r => r.Path.Contains("/models?", StringComparison.Ordinal) && r.Path.Contains("/locations/", StringComparison.Ordinal));

        var first = await session.Server.ListRegionsAsync(new RegionsParams(Sub), TestContext.CancellationToken);
        var read = Catalogues();
        var second = await session.Server.ListRegionsAsync(new RegionsParams(DefaultSeed.SubscriptionName), TestContext.CancellationToken);

        Assert.IsGreaterThan(1, read, "every location's catalogue was read once");
        Assert.AreEqual(read, Catalogues(), "the second answer read no catalogue");
        Assert.AreEqual(string.Join(' ', first.Regions.Select(r => r.Name)), string.Join(' ', second.Regions.Select(r => r.Name)));
    }

    [TestMethod]
    public async Task ListRegions_ProviderNotRegistered_SaysSoInsteadOfNoRegionAndReadsNoCatalogue()
    {
        await using var emulator = await StartAsync(s => s.CognitiveServicesUnregistered.Add(Sub), TestContext.CancellationToken);
        await using var session = Start(emulator, new ConcurrentQueue<ProgressValue>());
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);

        var result = await session.Server.ListRegionsAsync(new RegionsParams(Sub), TestContext.CancellationToken);

        Assert.IsEmpty(result.Regions);
        Assert.IsEmpty(result.Unchecked);
        Assert.AreEqual("Microsoft.CognitiveServices is NotRegistered here: enter a region, e.g. eastus2", result.Note);
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/models?", StringComparison.Ordinal)), "no catalogue read");
    }

    [TestMethod]
    public async Task ListRegions_HostileLocationInTheProviderRegistration_NotReadNotListed()
    {
        const string hostile = "evil/../x\u0007";
        await using var emulator = await StartAsync(s => s.Accounts.Add(new AccountSeed
        {
            SubscriptionId = Sub, ResourceGroup = DefaultSeed.ResourceGroup, Name = "hostile-location", Kind = "AIServices", Location = hostile,
            CustomSubDomainName = "hostile-location", Key1 = "k1", Key2 = "k2",
        }), TestContext.CancellationToken);
        await using var session = Start(emulator, new ConcurrentQueue<ProgressValue>());
        await session.Server.InitializeAsync(Discovery.Discover.RpcSettings(emulator), TestContext.CancellationToken);

        var result = await session.Server.ListRegionsAsync(new RegionsParams(Sub), TestContext.CancellationToken);

        Assert.AreEqual("eastus2 swedencentral", string.Join(' ', result.Regions.Select(r => r.Name)));
        Assert.IsEmpty(result.Unchecked);
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("evil", StringComparison.OrdinalIgnoreCase)), "no call names the hostile location");
    }
}
