using System.Diagnostics;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Connection;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Hardening.SlowFaultTests;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// A cancel while Azure stalls (a body or a stream that stops halfway) is answered within a second, and the sidecar
/// goes on working. Not run beside other classes: a second is a measurement their load would spoil.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
[DoNotParallelize] // measures cancel latency
public sealed class CancelLatencyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ListResources_CancelledDuringAStalledBody_AnswersWithinASecondAndTheNextListingWorks()
    {
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, ct: TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.StallBody(40, DeploymentsOf(DefaultSeed.FoundryAccount)));
        await using var session = SidecarSession.Start(ShortDeadlines(TestIdentity.ServicePrincipal(emulator)));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);
        using var cancel = new CancellationTokenSource();

        var listing = session.Server.ListResourcesAsync(new ResourcesParams(), cancel.Token);
        var latency = await CancelWhenStalledAsync(listing, cancel);
        emulator.Faults.Clear();
        var again = await session.Server.ListResourcesAsync(new ResourcesParams(Refresh: true), TestContext.CancellationToken);

        Assert.IsLessThan(TimeSpan.FromSeconds(1), latency);
        Assert.HasCount(2, again.Resources);
        Assert.IsNotEmpty(again.Resources.Single(r => r.Name == DefaultSeed.FoundryAccount).Deployments, "the deployments, once they come");
        Assert.IsTrue(again.Errors.All(e => e.Scope == $"/subscriptions/{DefaultSeed.ForbiddenSubscriptionId}"),
            string.Join("; ", again.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    public async Task TestConnection_CancelledDuringAStalledStream_AnswersWithinASecond()
    {
        await using var emulator = await ConnectionRun.StartLoopbackAsync(TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.StallBody(200, "/anthropic/v1/messages"));
        await using var session = SidecarSession.Start(ShortDeadlines(ConnectionRun.Environment(emulator)));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);
        using var cancel = new CancellationTokenSource();

        var test = session.Server.TestConnectionAsync(
            new ConnectionTestParams(DefaultSeed.FoundryAccount, Auth: ConnectionAuthMode.Key, ApiKey: DefaultSeed.FoundryKey1), cancel.Token);
        var latency = await CancelWhenStalledAsync(test, cancel);
        var ping = await session.Server.PingAsync(TestContext.CancellationToken);

        Assert.IsLessThan(TimeSpan.FromSeconds(1), latency);
        Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTimeOffset.UtcNow - ping.Time).Duration(), "the sidecar still answers, with its clock");
    }

    /// <summary>Waits until the call is stuck (3 s, far from any deadline), cancels it, and times the answer.</summary>
    private async Task<TimeSpan> CancelWhenStalledAsync(Task call, CancellationTokenSource cancel)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.CancellationToken);
        Assert.IsFalse(call.IsCompleted, "held up by the stalled body");
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var thrown = await Assert.ThrowsAsync<Exception>(() => call);
        var latency = clock.Elapsed;
        TestContext.WriteLine($"cancel answered after {latency.TotalMilliseconds:0} ms");
        Assert.IsInstanceOfType<OperationCanceledException>(thrown, thrown.ToString());
        return latency;
    }
}
