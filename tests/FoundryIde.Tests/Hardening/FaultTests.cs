using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// Faults not covered elsewhere (429, 503, dropped connections and cancellation are in ResourcesTests and
/// ResourcesRpcTests): a token that dies mid-session, an ARM host that does not resolve, a certificate nobody trusts.
/// Each test has its own emulator, so revoking tokens or moving the clock touches no other test.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class FaultTests
{
    public TestContext TestContext { get; set; } = null!;

    private static InitializeParams Settings(AzureEmulator emulator) => Discovery.Discover.RpcSettings(emulator);

    [TestMethod]
    public async Task ListResources_TokenRevokedMidSession_NextListingSignsInAgain()
    {
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, ct: TestContext.CancellationToken);
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(emulator));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);
        var before = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);

        emulator.RevokeAllTokens();
        var after = await session.Server.ListResourcesAsync(new ResourcesParams(Refresh: true), TestContext.CancellationToken);

        Assert.HasCount(2, before.Resources);
        Assert.HasCount(2, after.Resources, string.Join("; ", after.Errors.Select(e => e.Message)));
        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.StatusCode == 401), "the old token was refused once");
    }

    [TestMethod]
    public async Task ListResources_TokenExpiredByTheServersClock_NextListingSignsInAgain()
    {
        // The emulator's clock runs two hours ahead after the first listing: the sidecar's cached one-hour token,
        // still valid by its own clock, is expired for Azure (clock skew, a laptop waking from sleep).
        var clock = new ShiftedClock();
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca,
            new EmulatorOptions { TimeProvider = clock }, TestContext.CancellationToken);
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(emulator));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);
        var before = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);

        clock.Shift = TimeSpan.FromHours(2);
        var after = await session.Server.ListResourcesAsync(new ResourcesParams(Refresh: true), TestContext.CancellationToken);

        Assert.HasCount(2, before.Resources);
        Assert.HasCount(2, after.Resources, string.Join("; ", after.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    [DoNotParallelize] // the clock jumps while the refused calls wait 5 s: other classes' load could let them through first
    [DataRow("/providers/Microsoft.CognitiveServices/accounts?", 3, "/subscriptions?", 1, DisplayName = "accounts")]
    [DataRow("/deployments?", 2, "/providers/Microsoft.CognitiveServices/accounts?", 2, DisplayName = "deployments")]
    public async Task ListResources_TokenExpiresAfterTheSubscriptionListing_RenewedOnceAndEverythingListed(
        string refused, int refusedCalls, string before, int beforeCalls)
    {
        // The refused calls wait 5 s at the emulator, and while they wait (the calls before them done) its clock jumps
        // two hours: the token the listing started with is expired (401 ExpiredAuthenticationToken) from then on.
        // (2 s was too short on a loaded machine: a subscription's accounts can come more than 2 s after another's, and
        // the first account's deployments were then answered before the jump.)
        var clock = new ShiftedClock();
        await using var emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca,
            new EmulatorOptions { TimeProvider = clock }, TestContext.CancellationToken);
        emulator.Faults.Add(FaultRule.Latency(5000, refused, count: refusedCalls));
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(emulator));
        await session.Server.InitializeAsync(Settings(emulator), TestContext.CancellationToken);

        var listing = session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        while (emulator.Requests.Snapshot().Count(r => r.Path.Contains(before, StringComparison.Ordinal) && r.StatusCode == 200) < beforeCalls)
        {
            Assert.IsFalse(listing.IsCompleted, "the listing ended before the calls ahead of the refused ones were done");
            await Task.Delay(20, TestContext.CancellationToken);
        }

        var signInsBefore = SignIns(emulator);
        clock.Shift = TimeSpan.FromHours(2);
        var result = await listing;

        var errors = string.Join("; ", result.Errors.Select(e => $"{e.Scope}: {e.Message}"));
        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.Path.Contains(refused, StringComparison.Ordinal) && r.StatusCode == 401),
            "a call was refused: the token had expired");
        Assert.HasCount(2, result.Resources, errors);
        Assert.IsNotEmpty(result.Resources.Single(r => r.Name == DefaultSeed.FoundryAccount).Deployments, errors);
        Assert.IsNotEmpty(result.Resources.Single(r => r.Name == DefaultSeed.WestAccount).Deployments, errors);
        Assert.IsTrue(result.Errors.All(e => e.Scope == $"/subscriptions/{DefaultSeed.ForbiddenSubscriptionId}"), "no 401 left: " + errors);
        Assert.AreEqual(1, SignIns(emulator) - signInsBefore, "one sign-in for all the refused calls");
    }

    [TestMethod]
    public async Task Resources_ArmHostDoesNotResolve_CouldNotBeReachedAndExitOne()
    {
        var emulator = TestAzure.Emulator;
        var cli = await Sidecar.RunAsync(
            $"resources --json --arm-endpoint https://management.foundryide-test.invalid/ --authority-host {emulator.AuthorityHost}",
            TestIdentity.ServicePrincipal(emulator), TimeSpan.FromSeconds(50));

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, "could not be reached");
        StringAssert.Contains(cli.Stderr, "DNS");
        using var error = System.Text.Json.JsonDocument.Parse(cli.Stdout);
        Assert.AreEqual("AzureUnavailable", error.RootElement.GetProperty("error").GetProperty("name").GetString(), cli.Stdout);
    }

    [TestMethod]
    public async Task Resources_ArmCertificateNotTrusted_SaysSoAndNamesTheVariables()
    {
        using var otherCa = TestCertificateAuthority.Create(Path.Combine(TestAzure.Root, "untrusted-arm-ca-" + Guid.NewGuid().ToString("N")[..8]));
        await using var proxy = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), otherCa, ct: TestContext.CancellationToken);
        var emulator = TestAzure.Emulator;

        var cli = await Sidecar.RunAsync(
            $"resources --json --arm-endpoint {proxy.BaseUri} --authority-host {emulator.AuthorityHost}",
            TestIdentity.ServicePrincipal(emulator), TimeSpan.FromSeconds(50));

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, "certificate");
        StringAssert.Contains(cli.Stderr, "not trusted");
        StringAssert.Contains(cli.Stderr, "SSL_CERT_FILE");
        StringAssert.Contains(cli.Stderr, "NODE_EXTRA_CA_CERTS");
        Assert.AreEqual(0, proxy.Requests.Count, "the handshake failed before any request");
    }

    [TestMethod]
    public async Task ListResources_ArmCertificateNotTrusted_AzureUnavailableErrorNamingTheVariables()
    {
        using var otherCa = TestCertificateAuthority.Create(Path.Combine(TestAzure.Root, "untrusted-rpc-ca-" + Guid.NewGuid().ToString("N")[..8]));
        await using var proxy = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), otherCa, ct: TestContext.CancellationToken);
        var emulator = TestAzure.Emulator;
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(emulator));
        await session.Server.InitializeAsync(new InitializeParams("tests", "1",
            new CloudSettings(ArmEndpoint: proxy.BaseUri.ToString(), AuthorityHost: emulator.AuthorityHost)), TestContext.CancellationToken);

        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() =>
            session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken));
        var ping = await session.Server.PingAsync(TestContext.CancellationToken);

        Assert.AreEqual((int)FoundryErrorCode.AzureUnavailable, error.ErrorCode, error.Message);
        StringAssert.Contains(error.Message, "not trusted");
        StringAssert.Contains(error.Message, "SSL_CERT_FILE");
        Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTimeOffset.UtcNow - ping.Time).Duration(), "the sidecar still answers, with its clock");
    }

    private static int SignIns(AzureEmulator emulator) =>
        emulator.Requests.Snapshot().Count(r => r.Method == "POST" && r.Path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal));

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
