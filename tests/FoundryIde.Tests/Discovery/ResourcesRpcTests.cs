using System.Collections.Concurrent;
using System.Diagnostics;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Discovery;

/// <summary>`resources/list` in the sidecar: cached until refresh, progress as `$/progress`, cancellable.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ResourcesRpcTests
{
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

    private static int ArmCalls() => Emulator.Requests.Snapshot().Count(r => r.Path.StartsWith("/subscriptions", StringComparison.Ordinal));

    [TestMethod]
    public async Task ListResources_SecondCall_ServedFromCacheUntilRefresh()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var first = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        var callsAfterFirst = ArmCalls();
        var second = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        var callsAfterSecond = ArmCalls();
        var refreshed = await session.Server.ListResourcesAsync(new ResourcesParams(Refresh: true), TestContext.CancellationToken);

        Assert.HasCount(2, first.Resources);
        Assert.AreEqual(callsAfterFirst, callsAfterSecond, "the second listing made no ARM call");
        Assert.AreEqual(first.Resources.Count, second.Resources.Count);
        Assert.IsGreaterThan(callsAfterSecond, ArmCalls(), "refresh listed again");
        Assert.AreEqual(first.Resources.Count, refreshed.Resources.Count);
    }

    [TestMethod]
    public async Task ListResources_WithProgressToken_StreamsBeginReportEnd()
    {
        var values = new ConcurrentQueue<(string Token, ProgressValue Value)>();
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator), rpc =>
            rpc.AddLocalRpcMethod(ClientNotifier.ProgressMethod, new Action<string, ProgressValue>((token, value) => values.Enqueue((token, value)))));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        await session.Server.ListResourcesAsync(new ResourcesParams(ProgressToken: "p1"), TestContext.CancellationToken);
        await Task.Delay(300, TestContext.CancellationToken); // notifications may trail the result

        var kinds = values.Select(v => v.Value.Kind).ToArray();
        Assert.IsTrue(values.All(v => v.Token == "p1"));
        Assert.AreEqual("begin", kinds.First());
        Assert.AreEqual("end", kinds.Last());
        Assert.IsTrue(values.Any(v => v.Value.Percentage == 100), string.Join(", ", values.Select(v => v.Value)));
    }

    [TestMethod]
    public async Task ListResources_Cancelled_AnswersWithinASecondAndTheNextListingWorks()
    {
        Emulator.Faults.Add(FaultRule.Latency(30_000, "/providers/Microsoft.CognitiveServices/accounts", count: 3));
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);
        using var cancel = new CancellationTokenSource();

        var listing = session.Server.ListResourcesAsync(new ResourcesParams(), cancel.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.CancellationToken);
        Assert.IsFalse(listing.IsCompleted, "held up by the slowed accounts listing");
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var thrown = await Assert.ThrowsAsync<Exception>(() => listing);
        var elapsed = clock.Elapsed;
        Emulator.Faults.Clear();
        var again = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);

        Assert.IsInstanceOfType<OperationCanceledException>(thrown, thrown.ToString());
        Assert.IsLessThan(TimeSpan.FromSeconds(1), elapsed);
        Assert.HasCount(2, again.Resources);
    }

    [TestMethod]
    public async Task UpdateSettings_BadArmEndpoint_InvalidInputAndTheOldSettingsStay()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.Server.UpdateSettingsAsync(new CloudSettings(ArmEndpoint: "ftp://nowhere"), TestContext.CancellationToken));
        var listing = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);

        Assert.AreEqual((int)FoundryErrorCode.InvalidInput, error.ErrorCode);
        Assert.HasCount(2, listing.Resources);
    }

    [TestMethod]
    public async Task ListResources_NoCredential_NoCredentialErrorCode()
    {
        await using var session = SidecarSession.Start(TestAzure.CleanEnvironment());
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.NoCredential, error.ErrorCode, error.Message);
    }
}
