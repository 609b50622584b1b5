using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Discovery;

/// <summary>
/// `tenants/list` in the sidecar: the tenants the identity sees through ARM, for the extension's tenant picker; and
/// `resources/list` in the tenant the settings pin. The emulator has two tenants (<see cref="SecondTenantSeed"/>): the
/// service principal's home one and Fabrikam, where it is consented with a subscription and a Foundry account of its own.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class TenantsRpcTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator? _emulator;

    /// <summary>This class's own emulator: its tests add faults or grants, or count requests, while other classes run.</summary>
    private static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("ClassInitialize did not run.");

    [ClassInitialize]
    public static async Task StartEmulatorAsync(TestContext context) => _emulator = await TestAzure.StartOwnEmulatorAsync(context.CancellationToken, SecondTenantSeed.Create());

    [ClassCleanup]
    public static async Task StopEmulatorAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    private static InitializeParams Settings(string? tenant = null) => Discover.RpcSettings(Emulator, tenant);

    [TestCleanup]
    public void ClearFaults() => Emulator.Faults.Clear();

    [TestMethod]
    public async Task ListSubscriptions_PinnedTenant_OnlyThatTenantsUsableSubscriptionsByName()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(), TestContext.CancellationToken);

        var home = await session.Server.ListSubscriptionsAsync(cancellationToken: TestContext.CancellationToken);
        await session.Server.UpdateSettingsAsync(Settings(SecondTenantSeed.TenantId).Settings, TestContext.CancellationToken);
        var fabrikam = await session.Server.ListSubscriptionsAsync(cancellationToken: TestContext.CancellationToken);

        CollectionAssert.Contains(home.Subscriptions.Select(s => s.Id).ToList(), DefaultSeed.SubscriptionId);
        Assert.IsTrue(home.Subscriptions.All(s => s.TenantId == DefaultSeed.TenantId), string.Join("\n", home.Subscriptions));
        CollectionAssert.AreEqual(home.Subscriptions.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList(), home.Subscriptions.ToList(), "by name");
        Assert.AreEqual(SecondTenantSeed.SubscriptionId, fabrikam.Subscriptions.Single().Id, string.Join("\n", fabrikam.Subscriptions));
    }

    [TestMethod]
    public async Task ListTenants_ServicePrincipalInTwoTenants_ReturnsBothWithNameAndDomain()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(), TestContext.CancellationToken);

        var result = await session.Server.ListTenantsAsync(cancellationToken: TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { DefaultSeed.TenantId, SecondTenantSeed.TenantId }, result.Tenants.Select(t => t.TenantId).ToArray(),
            "both, by display name");
        Assert.AreEqual(DefaultSeed.TenantDisplayName, result.Tenants[0].DisplayName);
        Assert.AreEqual(DefaultSeed.TenantDomain, result.Tenants[0].DefaultDomain);
        Assert.AreEqual(SecondTenantSeed.TenantDisplayName, result.Tenants[1].DisplayName);
        Assert.AreEqual(SecondTenantSeed.TenantDomain, result.Tenants[1].DefaultDomain);
        Assert.IsNull(result.Current);
    }

    [TestMethod]
    public async Task ListTenants_OtherTenantPinnedInSettings_BothListedAndItIsCurrent()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(SecondTenantSeed.TenantId), TestContext.CancellationToken);

        var result = await session.Server.ListTenantsAsync(cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(SecondTenantSeed.TenantId, result.Current);
        Assert.HasCount(2, result.Tenants);
    }

    [TestMethod]
    public async Task ListResources_EachTenantFromSettings_ThatTenantsResourcesOnly()
    {
        await using var session = SidecarSession.Start(TestIdentity.ServicePrincipal(Emulator));
        await session.Server.InitializeAsync(Settings(SecondTenantSeed.TenantId), TestContext.CancellationToken);

        var fabrikam = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        await session.Server.UpdateSettingsAsync(Settings(DefaultSeed.TenantId).Settings, TestContext.CancellationToken);
        var contoso = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);
        await session.Server.UpdateSettingsAsync(Settings().Settings, TestContext.CancellationToken);
        var home = await session.Server.ListResourcesAsync(new ResourcesParams(), TestContext.CancellationToken);

        var resource = fabrikam.Resources.Single();
        Assert.AreEqual(SecondTenantSeed.Account, resource.Name, string.Join("; ", fabrikam.Errors.Select(e => e.Message)));
        Assert.AreEqual(SecondTenantSeed.SubscriptionId, resource.SubscriptionId);
        CollectionAssert.AreEquivalent(
            new[] { SecondTenantSeed.OpusDeployment, SecondTenantSeed.SonnetDeployment, SecondTenantSeed.HaikuDeployment },
            resource.Deployments.Select(d => d.Name).ToArray());
        Assert.IsEmpty(fabrikam.Errors, string.Join("; ", fabrikam.Errors.Select(e => e.Message)));
        CollectionAssert.AreEquivalent(new[] { DefaultSeed.FoundryAccount, DefaultSeed.WestAccount }, contoso.Resources.Select(r => r.Name).ToArray());
        CollectionAssert.AreEquivalent(new[] { DefaultSeed.FoundryAccount, DefaultSeed.WestAccount }, home.Resources.Select(r => r.Name).ToArray(),
            "no tenant pinned: the credential's own (the service principal's home tenant)");
        Assert.IsTrue(Emulator.Requests.Snapshot().Any(r => r.Path.StartsWith($"/{SecondTenantSeed.TenantId}/oauth2/", StringComparison.Ordinal)
            && r.StatusCode == 200), "a token was issued in the pinned tenant");
    }

    [TestMethod]
    [DataRow(SecondTenantSeed.TenantId)]
    [DataRow(SecondTenantSeed.TenantDomain)] // ARM's subscriptions carry the tenant's id, never its domain
    public async Task Resources_TenantOption_ThatTenantsResourcesOnly(string tenant)
    {
        var listing = await Discover.RunAsync(Emulator, $"--tenant {tenant}");

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        CollectionAssert.AreEqual(new[] { SecondTenantSeed.Account }, listing.Names);
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
