using FoundryIde.Emulator;
using FoundryIde.Server.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>Paging and Resource Graph, each against an emulator of its own.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ResourcesAtScaleTests
{
    private static (int Resources, int Deployments) Expected(EmulatorState state)
    {
        var foundry = state.Accounts.Where(a => a.Kind == AccountFinder.FoundryKind).ToArray();
        return (foundry.Length, foundry.Sum(a => a.Deployments.Count(d => d.ModelFormat == ResourceDiscovery.AnthropicFormat)));
    }

    [TestMethod]
    public async Task Resources_EveryListPagedOneItemAPage_FollowsNextLinksToTheEnd()
    {
        var state = EmulatorState.CreateLarge(3, 3, claudeDeploymentsPerAccount: 3, otherDeploymentsPerAccount: 2);
        await using var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { PageSize = 1 });

        var listing = await Discover.RunAsync(emulator);

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        var (resources, deployments) = Expected(state);
        Assert.HasCount(resources, listing.Resources);
        Assert.AreEqual(deployments, listing.DeploymentCount);
        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.Path.Contains("skipToken", StringComparison.OrdinalIgnoreCase)), "nextLinks were followed");
    }

    [TestMethod]
    public async Task Resources_ManySubscriptions_OneResourceGraphQueryInsteadOfOneCallEach()
    {
        var state = EmulatorState.CreateLarge(AccountFinder.ResourceGraphThreshold + 2, 2);
        await using var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { PageSize = 5 });

        var listing = await Discover.RunAsync(emulator);

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        var (resources, deployments) = Expected(state);
        Assert.HasCount(resources, listing.Resources);
        Assert.AreEqual(deployments, listing.DeploymentCount);
        var log = emulator.Requests.Snapshot();
        Assert.IsGreaterThanOrEqualTo(2, log.Count(r => r.Path.StartsWith("/providers/Microsoft.ResourceGraph/resources", StringComparison.Ordinal)), "paged with $skipToken");
        Assert.AreEqual(0, log.Count(r => r.Path.Contains("/providers/Microsoft.CognitiveServices/accounts?", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Resources_ResourceGraphNotPermittedOrTruncated_FallsBackToPerSubscriptionWithTheSameResult(bool truncated)
    {
        var state = EmulatorState.CreateLarge(AccountFinder.ResourceGraphThreshold + 1, 2);
        if (truncated) state.ResourceGraphTruncates = true;
        else state.ResourceGraphDenied.Add(DefaultSeed.ServicePrincipalObjectId);
        await using var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { PageSize = 5 });

        var listing = await Discover.RunAsync(emulator);

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        Assert.HasCount(Expected(state).Resources, listing.Resources);
        var log = emulator.Requests.Snapshot();
        Assert.AreEqual(truncated ? 200 : 403, log.Single(r => r.Path.StartsWith("/providers/Microsoft.ResourceGraph", StringComparison.Ordinal)).StatusCode);
        Assert.AreEqual(state.Subscriptions.Count, log.Count(r => r.Path.Contains("/providers/Microsoft.CognitiveServices/accounts?", StringComparison.Ordinal)));
    }
}
