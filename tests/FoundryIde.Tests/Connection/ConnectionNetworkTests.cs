using System.Net;
using System.Net.Sockets;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Connection;

/// <summary>`foundry-ide test` when no answer comes: the endpoint ARM reports is untrusted, closed or unresolvable.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ConnectionNetworkTests
{
    private static AzureEmulator? _emulator;

    private static AzureEmulator Emulator => _emulator!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _emulator = await ConnectionRun.StartLoopbackAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    [TestCleanup]
    public void Reset() => Emulator.State.Update(s => s.Accounts.ForEach(a => a.FoundryEndpoint = null));

    /// <summary>Each test points the account elsewhere and names that place as the custom cloud's Foundry suffix, so the host rules let the probe go there.</summary>
    private static Task<ConnectionRun> RunAsync(Dictionary<string, string> env, string arguments, string foundrySuffix) =>
        ConnectionRun.RunAsync(Emulator, env, arguments, foundrySuffix);

    private static void PointFoundryEndpointAt(string endpoint) =>
        Emulator.State.Update(s => s.Accounts.Single(a => a.Name == DefaultSeed.FoundryAccount).FoundryEndpoint = endpoint);

    [TestMethod]
    public async Task Test_CertificateNotTrusted_SaysSoAndNamesTheVariables()
    {
        using var otherCa = TestCertificateAuthority.Create(Path.Combine(TestAzure.Root, "untrusted-ca-" + Guid.NewGuid().ToString("N")[..8]));
        await using var proxy = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), otherCa, new EmulatorOptions { LoopbackEndpoints = true });
        PointFoundryEndpointAt($"{proxy.BaseUri}accounts/{DefaultSeed.FoundrySubDomain}/");

        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount} --opus {DefaultSeed.OpusDeployment}",
            $"127.0.0.1:{proxy.Port}");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        foreach (var result in run.Results)
        {
            Assert.AreEqual(System.Text.Json.JsonValueKind.Null, result.GetProperty("httpStatus").ValueKind);
            StringAssert.Contains(ConnectionRun.Text(result, "detail"), "not trusted");
            StringAssert.Contains(ConnectionRun.Text(result, "fix"), "SSL_CERT_FILE");
            StringAssert.Contains(ConnectionRun.Text(result, "fix"), "NODE_EXTRA_CA_CERTS");
        }

        Assert.AreEqual(0, proxy.Requests.Count, "the handshake failed before any request");
    }

    [TestMethod]
    public async Task Test_NobodyListensAtTheEndpoint_ConnectionRefused()
    {
        var port = UnusedPort();
        PointFoundryEndpointAt($"https://127.0.0.1:{port}/");

        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount}", $"127.0.0.1:{port}");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        foreach (var result in run.Results)
        {
            StringAssert.Contains(ConnectionRun.Text(result, "detail"), "connection refused");
            StringAssert.Contains(ConnectionRun.Text(result, "fix"), "private endpoint");
        }
    }

    [TestMethod]
    public async Task Test_EndpointDoesNotResolve_DnsMessageAboutPrivateEndpoints()
    {
        PointFoundryEndpointAt("https://contoso-foundry.privatelink.invalid/");

        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount} --sonnet {DefaultSeed.SonnetDeployment}",
            "privatelink.invalid");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        var sonnet = run.Result("sonnet");
        StringAssert.Contains(ConnectionRun.Text(sonnet, "detail"), "contoso-foundry.privatelink.invalid does not resolve");
        StringAssert.Contains(ConnectionRun.Text(sonnet, "fix"), "private endpoint");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
