using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Discovery;

/// <summary>`tenants/list` in the sidecar: the tenants the identity sees through ARM, for the extension's tenant picker.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class TenantsRpcTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    private static InitializeParams Settings(string? tenant = null) => Discover.RpcSettings(Emulator, tenant);

    [TestCleanup]
    public void ClearFaults() => Emulator.Faults.Clear();

    [TestMethod]
    public async Task ListTenants_ServicePrincipal_ReturnsItsTenantWithNameAndDomain()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(), TestContext.CancellationToken);

        var result = await session.Server.ListTenantsAsync(cancellationToken: TestContext.CancellationToken);

        var tenant = result.Tenants.Single();
        Assert.AreEqual(DefaultSeed.TenantId, tenant.TenantId);
        Assert.AreEqual(DefaultSeed.TenantDisplayName, tenant.DisplayName);
        Assert.AreEqual(DefaultSeed.TenantDomain, tenant.DefaultDomain);
        Assert.IsNull(result.Current);
    }

    [TestMethod]
    public async Task ListTenants_TenantPinnedInSettings_ReportsItAsCurrent()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(DefaultSeed.TenantId), TestContext.CancellationToken);

        var result = await session.Server.ListTenantsAsync(cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(DefaultSeed.TenantId, result.Current);
        Assert.HasCount(1, result.Tenants);
    }

    [TestMethod]
    public async Task ListTenants_ArmAnswers503_FailsWithAzureUnavailableNamingTheListing()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/tenants", Action = FaultAction.Status, StatusCode = 503, Count = 20 });
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(), TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<RemoteInvocationException>(
            () => session.Server.ListTenantsAsync(cancellationToken: TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.AzureUnavailable, error.ErrorCode, error.Message);
        StringAssert.Contains(error.Message, "Listing tenants");
    }
}
