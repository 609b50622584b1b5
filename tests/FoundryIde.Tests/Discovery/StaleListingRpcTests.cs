using System.Diagnostics;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>
/// `resources/list` with allowStale in a new session: the listing kept on disk by an earlier session comes at once,
/// marked stale, and the next request gets the fresh one; the ARM token is fetched when the session starts.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class StaleListingRpcTests
{
    private const int AccountsDelayMs = 4000;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator? _emulator;

    /// <summary>This class's own emulator: its tests add faults or grants, or count requests, while other classes run.</summary>
    private static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("ClassInitialize did not run.");

    [ClassInitialize]
    public static async Task StartEmulatorAsync(TestContext context) => _emulator = await TestAzure.StartOwnEmulatorAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopEmulatorAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    private static InitializeParams Settings => Discover.RpcSettings(Emulator);

    [TestCleanup]
    public void ClearFaults() => Emulator.Faults.Clear();

    private static int AccountCalls() =>
        Emulator.Requests.Snapshot().Count(r => r.Path.Contains("/providers/Microsoft.CognitiveServices/accounts", StringComparison.Ordinal)
            && !r.Path.Contains("/deployments", StringComparison.Ordinal));

    private static string CacheFolder(Dictionary<string, string> environment) => Path.Combine(environment["HOME"], ".cache", "foundry-ide");

    /// <summary>A first session lists, and leaves its listing on disk.</summary>
    private async Task<(Dictionary<string, string> Environment, int AccountCalls)> ListedOnceAsync()
    {
        var callsBefore = AccountCalls();
        var environment = TestIdentity.ServicePrincipal(Emulator);
        await using (var first = SidecarSession.Start(environment))
        {
            await first.Server.InitializeAsync(Settings, TestContext.CancellationToken);
            var fresh = await first.Server.ListResourcesAsync(new ResourcesParams(AllowStale: true), TestContext.CancellationToken);
            Assert.IsFalse(fresh.Stale, "nothing was kept yet: a fresh listing");
            Assert.IsNotNull(fresh.ListedAt);
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(CacheFolder(environment)) && Directory.GetFiles(CacheFolder(environment), "resources-*.json").Length == 1))
            {
                Assert.IsLessThan(TimeSpan.FromSeconds(10), clock.Elapsed, "the listing was kept on disk");
                await Task.Delay(50, TestContext.CancellationToken);
            }
        }

        return (environment, AccountCalls() - callsBefore);
    }

    [TestMethod]
    public async Task ListResources_AllowStaleInANewSession_KeptListingAtOnceThenTheFreshOne()
    {
        var (environment, callsPerListing) = await ListedOnceAsync();
        var file = Directory.GetFiles(CacheFolder(environment)).Single();
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Emulator.Faults.Add(FaultRule.Latency(AccountsDelayMs, "/providers/Microsoft.CognitiveServices/accounts", count: 10));
        var accountCallsBefore = AccountCalls();

        await using var second = SidecarSession.Start(environment);
        await second.Server.InitializeAsync(Settings, TestContext.CancellationToken);
        var clock = Stopwatch.StartNew();
        var stale = await second.Server.ListResourcesAsync(new ResourcesParams(AllowStale: true), TestContext.CancellationToken);
        var staleAfter = clock.Elapsed;
        var fresh = await second.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        var freshAfter = clock.Elapsed;

        Assert.IsTrue(stale.Stale);
        Assert.HasCount(2, stale.Resources);
        Assert.IsNotNull(stale.ListedAt);
        Assert.IsLessThan(TimeSpan.FromMilliseconds(AccountsDelayMs / 2), staleAfter, "the kept listing did not wait for Azure");
        Assert.IsFalse(fresh.Stale, "the second request waits for the fresh listing");
        Assert.HasCount(2, fresh.Resources);
        Assert.IsGreaterThan(stale.ListedAt!.Value, fresh.ListedAt!.Value);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(AccountsDelayMs - 500), freshAfter, "the fresh listing went to Azure");
        Assert.AreEqual(accountCallsBefore + callsPerListing, AccountCalls(), "one fresh listing, which the second request joined");
    }

    [TestMethod]
    public async Task ListResources_KeptAsAnotherIdentity_NotShownOnceTheTokenIsKnown()
    {
        var (environment, _) = await ListedOnceAsync();
        var file = Directory.GetFiles(CacheFolder(environment)).Single();
        var text = await File.ReadAllTextAsync(file, TestContext.CancellationToken);
        var objectId = System.Text.Json.Nodes.JsonNode.Parse(text)!["objectId"]!.GetValue<string>();
        await File.WriteAllTextAsync(file, text.Replace(objectId, Guid.NewGuid().ToString(), StringComparison.Ordinal), TestContext.CancellationToken);
        environment["FOUNDRYIDE_LOG_LEVEL"] = "Debug";

        await using var second = SidecarSession.Start(environment);
        await second.Server.InitializeAsync(Settings, TestContext.CancellationToken);
        var clock = Stopwatch.StartNew();
        while (!second.Stderr.Contains("ARM token fetched ahead of the first listing", StringComparison.Ordinal))
        {
            Assert.IsLessThan(TimeSpan.FromSeconds(20), clock.Elapsed, "the token is fetched when the session starts: " + second.Stderr);
            await Task.Delay(50, TestContext.CancellationToken);
        }

        var listing = await second.Server.ListResourcesAsync(new ResourcesParams(AllowStale: true), TestContext.CancellationToken);

        Assert.IsFalse(listing.Stale, "another identity's listing is not shown");
        Assert.HasCount(2, listing.Resources);
        StringAssert.Contains(second.Stderr, "was listed as another identity");
    }
}
