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

    private static InitializeParams Settings(AzureEmulator emulator) => new("tests", "1",
        new CloudSettings(ArmEndpoint: emulator.BaseUri.ToString(), AuthorityHost: emulator.AuthorityHost));

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
    public async Task Resources_ArmHostDoesNotResolve_CouldNotBeReachedAndExitOne()
    {
        var emulator = TestAzure.Emulator;
        var cli = await Sidecar.RunAsync(
            $"resources --json --arm-endpoint https://management.foundryide-test.invalid/ --authority-host {emulator.AuthorityHost}",
            TestIdentity.ServicePrincipal(emulator), TimeSpan.FromSeconds(50));

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, "could not be reached");
        StringAssert.Contains(cli.Stderr, "DNS");
        Assert.AreEqual("", cli.Stdout);
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
        Assert.IsNotNull(ping, "the sidecar still answers");
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
