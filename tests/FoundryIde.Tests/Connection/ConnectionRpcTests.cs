using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Connection;

/// <summary>`connection/test` in the sidecar: the key may come from the editor's secret store, and never comes back.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ConnectionRpcTests
{
    private static AzureEmulator? _emulator;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => _emulator!;

    private static InitializeParams Settings => Discovery.Discover.RpcSettings(Emulator);

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _emulator = await ConnectionRun.StartLoopbackAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    [TestMethod]
    public async Task TestConnection_KeyFromTheEditor_OkForEachFamily()
    {
        await using var session = SidecarSession.Start(ConnectionRun.Environment(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var report = await session.Server.TestConnectionAsync(
            new ConnectionTestParams(DefaultSeed.FoundryAccount, Auth: ConnectionAuthMode.Key, ApiKey: DefaultSeed.FoundryKey2), TestContext.CancellationToken);

        Assert.AreEqual("ApiKey", report.Auth);
        Assert.AreEqual(DefaultSeed.FoundryAccount, report.Resource);
        Assert.HasCount(3, report.Results);
        Assert.IsTrue(report.Results.All(r => r.Status == ConnectionTestStatus.Ok && r.LatencyMs is not null && r.HttpStatus == 200),
            string.Join("\n", report.Results));
    }

    [TestMethod]
    public async Task TestConnection_WrongKeyFromTheEditor_401AndTheKeyIsNowhere()
    {
        const string wrongKey = "editor-stored-wrong-key-12345678";
        var env = ConnectionRun.Environment(Emulator);
        env["FOUNDRYIDE_LOG_LEVEL"] = "Trace"; // every JSON-RPC message is logged: the key must not be
        await using var session = SidecarSession.Start(env);
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var report = await session.Server.TestConnectionAsync(
            new ConnectionTestParams(DefaultSeed.FoundryAccount, Sonnet: DefaultSeed.SonnetDeployment, ApiKey: wrongKey), TestContext.CancellationToken);

        Assert.AreEqual("ApiKey", report.Auth, "a key from the editor stands for ANTHROPIC_FOUNDRY_API_KEY");
        Assert.IsTrue(report.Results.All(r => r.Status == ConnectionTestStatus.Failed && r.HttpStatus == 401));
        var json = JsonSerializer.Serialize(report, FoundryJsonContext.Default.ConnectionTestReport);
        Assert.DoesNotContain(wrongKey, json);
        Assert.Contains("connection/test", session.Stderr, "the request was traced");
        Assert.DoesNotContain(wrongKey, session.Stderr);
    }

    [TestMethod]
    public async Task TestConnection_UnknownResource_NotFoundError()
    {
        await using var session = SidecarSession.Start(ConnectionRun.Environment(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.Server.TestConnectionAsync(
            new ConnectionTestParams("contoso-typo", ApiKey: DefaultSeed.FoundryKey1), TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.NotFound, error.ErrorCode);
        StringAssert.Contains(error.Message, DefaultSeed.FoundryAccount);
    }

    [TestMethod]
    public async Task TestConnection_BadAuthValue_InvalidInput()
    {
        await using var session = SidecarSession.Start(ConnectionRun.Environment(Emulator));
        await session.Server.InitializeAsync(Settings, TestContext.CancellationToken);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.Server.TestConnectionAsync(
            new ConnectionTestParams(DefaultSeed.FoundryAccount, Auth: "password"), TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.InvalidInput, error.ErrorCode);
    }
}
