using System.Diagnostics;
using FoundryIde.Emulator;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Connection;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// Azure that answers too slowly: headers that come after the deadline, a body that stalls halfway, a stream that
/// trickles a byte a second. Each call must end at its deadline (ARM: <see cref="ArmDeadline"/>, retries
/// included; Messages: <see cref="MessagesProbe.Deadline"/>) with a clear timeout for that scope only, and a cancel
/// must be answered within a second (<see cref="CancelLatencyTests"/>). Each test has its own emulator, so its faults touch no
/// other test. The sidecar runs with short deadlines (<see cref="Deadlines"/>), so that each test waits seconds, not a
/// minute. They run beside other classes: a deadline is checked from below (it was the deadline that ended the wait)
/// and from above with <see cref="Slack"/> for a loaded machine.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class SlowFaultTests
{
    /// <summary>
    /// Beyond the deadline: the process start, the sign-in and the other calls (10 s was not enough on a 2-core machine
    /// building beside the suite). Still below every fault's own length (a stall that never ends, 30 s late headers), so a
    /// call without a working deadline fails.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan ArmDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(8);

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The sidecar's environment with the short deadlines.</summary>
    internal static Dictionary<string, string> ShortDeadlines(Dictionary<string, string> environment)
    {
        environment[Deadlines.ArmVariable] = ArmDeadline.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment[Deadlines.ProbeVariable] = ProbeDeadline.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    internal static InitializeParams Settings(AzureEmulator emulator) => Discovery.Discover.RpcSettings(emulator);

    internal static string DeploymentsOf(string account) => $"/accounts/{account}/deployments";

    [TestMethod]
    public async Task ListResources_DeploymentsStallMidBodyAndAccountsHeadersLate_TimeoutsInErrorsWithinTheDeadlineRestListed()
    {
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, ct: TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.StallBody(40, DeploymentsOf(DefaultSeed.FoundryAccount)));
        var lateAccounts = $"/subscriptions/{DefaultSeed.ForbiddenSubscriptionId}/providers/Microsoft.CognitiveServices/accounts";
        emulator.Faults.Add(FaultRule.Latency((int)(2 * ArmDeadline.TotalMilliseconds), lateAccounts));
        await using var session = SidecarSession.Start(ShortDeadlines(TestIdentity.ServicePrincipal(emulator)));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);

        var clock = Stopwatch.StartNew();
        var listing = await WithinAsync(ArmDeadline + Slack, ct => session.Server.ListResourcesAsync(new ResourcesParams(), ct));
        var elapsed = clock.Elapsed;
        TestContext.WriteLine($"resources/list with a stalled deployments body and late accounts headers: {elapsed.TotalSeconds:0.0} s");

        var errors = string.Join("\n", listing.Errors.Select(e => $"{e.Scope}: {e.Message}"));
        Assert.HasCount(2, listing.Errors, errors);
        var stalled = listing.Errors.Single(e => e.Scope == DefaultSeed.FoundryAccountId);
        StringAssert.Contains(stalled.Message, $"Deployments of \"{DefaultSeed.FoundryAccount}\": timed out");
        StringAssert.Contains(stalled.Message, $"within {ArmDeadline.TotalSeconds:0} s");
        var late = listing.Errors.Single(e => e.Scope == $"/subscriptions/{DefaultSeed.ForbiddenSubscriptionId}");
        StringAssert.Contains(late.Message, "timed out", errors);
        var west = listing.Resources.Single(r => r.Name == DefaultSeed.WestAccount);
        Assert.AreEqual(DefaultSeed.WestSonnetDeployment, west.Deployments.Single(d => d.Family == "sonnet").Name, "the other resource is listed in full");
        Assert.IsEmpty(listing.Resources.Single(r => r.Name == DefaultSeed.FoundryAccount).Deployments, "listed, without the deployments that never came");
        Assert.IsGreaterThanOrEqualTo(ArmDeadline - TimeSpan.FromSeconds(1), elapsed, "it was the deadline that ended the wait");
        Assert.IsTrue(await LoggedAsync(emulator, r => r.Fault?.StartsWith("stallbody", StringComparison.Ordinal) == true
            && r.Path.Contains(DeploymentsOf(DefaultSeed.FoundryAccount), StringComparison.Ordinal)), "the deployments body stalled");
    }

    [TestMethod]
    public async Task ListResources_SubscriptionListTricklesAByteASecond_AzureUnavailableTimeoutWithinTheDeadline()
    {
        // A byte a second never trips Azure.Core's per-read network timeout: only the call's deadline ends this.
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, ct: TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.SlowBody(1, 1000, "/subscriptions?api-version"));
        await using var session = SidecarSession.Start(ShortDeadlines(TestIdentity.ServicePrincipal(emulator)));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);

        var clock = Stopwatch.StartNew();
        var error = await WithinAsync(ArmDeadline + Slack, ct =>
            Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() => session.Server.ListResourcesAsync(new ResourcesParams(), ct)));
        var elapsed = clock.Elapsed;
        TestContext.WriteLine($"resources/list with the subscription list trickling at 1 B/s: {elapsed.TotalSeconds:0.0} s");
        var ping = await session.Server.PingAsync(TestContext.CancellationToken);

        Assert.AreEqual((int)FoundryErrorCode.AzureUnavailable, error.ErrorCode, error.Message);
        StringAssert.Contains(error.Message, $"Listing subscriptions: timed out, no complete answer within {ArmDeadline.TotalSeconds:0} s");
        Assert.IsGreaterThanOrEqualTo(ArmDeadline - TimeSpan.FromSeconds(1), elapsed, "it was the deadline that ended the wait");
        Assert.IsTrue(await LoggedAsync(emulator, r => r.Fault?.StartsWith("slowbody", StringComparison.Ordinal) == true), "the list trickled");
        Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTimeOffset.UtcNow - ping.Time).Duration(), "the sidecar still answers, with its clock");
    }

    [TestMethod]
    public async Task TestConnection_StreamStallsOrTrickles_TimeoutForThoseDeploymentsWithinTheDeadline()
    {
        await using var emulator = await ConnectionRun.StartLoopbackAsync(TestContext.CancellationToken);
        // The three probes go out at once to one URL (the deployment is in the body): one stalls after message_start,
        // one gets a byte a second, one is left alone. The emulator's log says which deployment got which.
        emulator.Faults.Add(new FaultRule { Action = FaultAction.StallBody, StallAfterBytes = 200, PathContains = "/anthropic/v1/messages", Count = 1 });
        emulator.Faults.Add(new FaultRule { Action = FaultAction.SlowBody, ChunkBytes = 1, ChunkDelayMs = 1000, PathContains = "/anthropic/v1/messages", Count = 1 });
        await using var session = SidecarSession.Start(ShortDeadlines(ConnectionRun.Environment(emulator)));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);
        var request = new ConnectionTestParams(DefaultSeed.FoundryAccount, Auth: ConnectionAuthMode.Key, ApiKey: DefaultSeed.FoundryKey1);

        var clock = Stopwatch.StartNew();
        var report = await WithinAsync(ProbeDeadline + Slack, ct => session.Server.TestConnectionAsync(request, ct));
        var elapsed = clock.Elapsed;
        TestContext.WriteLine($"connection/test with a stalled and a trickling stream: {elapsed.TotalSeconds:0.0} s");

        var results = string.Join("\n", report.Results);
        // The emulator logs a request when its response ends: the abandoned ones end after the sidecar has answered.
        foreach (var fault in new[] { "stallbody", "slowbody" })
        {
            Assert.IsTrue(await LoggedAsync(emulator, r => r.Fault?.StartsWith(fault, StringComparison.Ordinal) == true), $"a probe got {fault}");
        }

        var probes = emulator.Requests.Snapshot().Where(r => r.Path.Contains("/anthropic/v1/messages", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(3, report.Results, results);
        foreach (var (fault, name) in new[] { ("stallbody", "stalled"), ("slowbody", "trickling") })
        {
            var deployment = probes.Single(p => p.Fault?.StartsWith(fault, StringComparison.Ordinal) == true).Deployment;
            var result = report.Results.Single(r => r.Deployment == deployment);
            Assert.AreEqual(ConnectionTestStatus.Failed, result.Status, $"{name}: {result}");
            StringAssert.Contains(result.Detail, $"No complete answer from 127.0.0.1:{emulator.BaseUri.Port} within {ProbeDeadline.TotalSeconds:0} s", name);
        }

        var untouched = report.Results.Single(r => probes.Single(p => p.Deployment == r.Deployment).Fault is null);
        Assert.AreEqual(ConnectionTestStatus.Ok, untouched.Status, results);
        Assert.IsGreaterThanOrEqualTo(ProbeDeadline - TimeSpan.FromSeconds(1), elapsed, "it was the deadline that ended the wait");
    }

    /// <summary>
    /// Whether the emulator logged such a request: it logs a request when it ends, and a stalled read on the sidecar's
    /// side ends at Azure.Core's per-read network timeout (<see cref="ArmPipeline.NetworkTimeout"/>), which with the
    /// short test deadline comes after the sidecar answered. So: wait up to that timeout, plus slack.
    /// </summary>
    private async Task<bool> LoggedAsync(AzureEmulator emulator, Func<RequestLogEntry, bool> match)
    {
        var until = DateTime.UtcNow + ArmPipeline.NetworkTimeout + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < until)
        {
            if (emulator.Requests.Snapshot().Any(match)) return true;
            await Task.Delay(200, TestContext.CancellationToken);
        }

        return emulator.Requests.Snapshot().Any(match);
    }

    /// <summary>The call's result, or a failed test when it is not back within <paramref name="limit"/> (no deadline applied).</summary>
    private async Task<T> WithinAsync<T>(TimeSpan limit, Func<CancellationToken, Task<T>> call)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        guard.CancelAfter(limit);
        try
        {
            return await call(guard.Token);
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested && !TestContext.CancellationToken.IsCancellationRequested)
        {
            throw new AssertFailedException($"No answer within {limit.TotalSeconds:0} s: the call has no working deadline.");
        }
    }
}
