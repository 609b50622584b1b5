using System.Diagnostics;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>`foundry-ide resources` against the default emulator seed, with faults.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ResourcesTests
{
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

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void ClearFaults() => Emulator.Faults.Clear();

    [TestMethod]
    public async Task Resources_NewSubscriptionWithoutTheProvider_HoldsNoResourceAndIsNoError()
    {
        const string NewSubscription = "0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f";
        var state = EmulatorState.CreateDefault();
        state.Subscriptions.Add(new SubscriptionSeed { Id = NewSubscription, DisplayName = "Contoso New", TenantId = DefaultSeed.TenantId });
        state.RoleGrants.Add(RolePermissions.Reader(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{NewSubscription}"));
        state.CognitiveServicesUnregistered.Add(NewSubscription);
        await using var emulator = await TestAzure.StartOwnEmulatorAsync(TestContext.CancellationToken, state);
        var env = TestIdentity.ServicePrincipal(emulator);
        env[FoundryIde.Server.Discovery.ResourceDiscovery.ResourceGraphVariable] = "never";

        var listing = await Discover.RunAsync(emulator, "", env);

        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.Path.StartsWith($"/subscriptions/{NewSubscription}/providers/Microsoft.CognitiveServices/accounts", StringComparison.Ordinal)
            && r.StatusCode == 409), "Azure answered MissingSubscriptionRegistration there");
        Assert.IsFalse(listing.Errors.Any(e => e.GetRawText().Contains(NewSubscription, StringComparison.Ordinal)), listing.Cli.Stdout);
        CollectionAssert.AreEquivalent(new[] { DefaultSeed.FoundryAccount, DefaultSeed.WestAccount }, listing.Names);
    }

    [TestMethod]
    public async Task Resources_ServicePrincipal_FoundryResourcesWithOnlyTheirClaudeDeployments()
    {
        var listing = await Discover.RunAsync(Emulator);

        Assert.AreEqual(3, listing.Cli.ExitCode, listing.Cli.ToString());
        CollectionAssert.AreEquivalent(new[] { DefaultSeed.FoundryAccount, DefaultSeed.WestAccount }, listing.Names,
            "AIServices accounts only: not the OpenAI one, not the forbidden subscription's");
        CollectionAssert.AreEqual(
            new[] { DefaultSeed.HaikuDeployment, DefaultSeed.OpusDeployment, DefaultSeed.SonnetDeployment },
            listing.DeploymentNames(DefaultSeed.FoundryAccount), "the gpt deployment is not Claude");
        var opus = listing.Resource(DefaultSeed.FoundryAccount).GetProperty("deployments").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == DefaultSeed.OpusDeployment);
        Assert.AreEqual("opus", opus.GetProperty("family").GetString());
        Assert.AreEqual("GlobalStandard", opus.GetProperty("sku").GetString());
        Assert.IsGreaterThan(0, opus.GetProperty("capacity").GetInt32());
        Assert.AreEqual("Succeeded", opus.GetProperty("state").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(opus.GetProperty("version").GetString()));
    }

    [TestMethod]
    public async Task Resources_SubdomainDiffersFromName_EndpointIsWhatArmSays()
    {
        var listing = await Discover.RunAsync(Emulator);

        var west = listing.Resource(DefaultSeed.WestAccount);
        Assert.AreEqual($"https://{DefaultSeed.WestSubDomain}.services.ai.azure.com/", west.GetProperty("endpoint").GetString());
        Assert.AreEqual(DefaultSeed.SubscriptionId, west.GetProperty("subscriptionId").GetString());
        Assert.AreEqual(DefaultSeed.ResourceGroup, west.GetProperty("resourceGroup").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(west.GetProperty("location").GetString()));
        var failed = west.GetProperty("deployments").EnumerateArray().Single(d => d.GetProperty("name").GetString() == DefaultSeed.FailedDeployment);
        Assert.AreEqual("Failed", failed.GetProperty("state").GetString());
        Assert.AreEqual(DefaultSeed.WestSonnetDeployment, listing.DeploymentNames(DefaultSeed.WestAccount).Last(), "named unlike its model");
    }

    [TestMethod]
    public async Task Resources_SubscriptionAnswers403_ItIsNamedInErrorsAndTheRestComeBack()
    {
        var listing = await Discover.RunAsync(Emulator);

        var error = listing.Errors.Single();
        Assert.AreEqual($"/subscriptions/{DefaultSeed.ForbiddenSubscriptionId}", error.GetProperty("scope").GetString());
        StringAssert.Contains(error.GetProperty("message").GetString(), "403");
        StringAssert.Contains(error.GetProperty("message").GetString(), DefaultSeed.ForbiddenSubscriptionName);
        Assert.HasCount(2, listing.Resources);
    }

    [TestMethod]
    public async Task Resources_OneSubscriptionById_ExitZeroAndOnlyItsResources()
    {
        var listing = await Discover.RunAsync(Emulator, $"--subscription {DefaultSeed.SubscriptionId}");

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        Assert.HasCount(0, listing.Errors);
        CollectionAssert.AreEquivalent(new[] { DefaultSeed.FoundryAccount, DefaultSeed.WestAccount }, listing.Names);
    }

    [TestMethod]
    public async Task Resources_UnknownSubscriptionName_ExitOneListingTheVisibleOnes()
    {
        var listing = await Discover.RunAsync(Emulator, "--subscription \"No Such Sub\"");

        Assert.AreEqual(1, listing.Cli.ExitCode, listing.Cli.ToString());
        StringAssert.Contains(listing.Cli.Stderr, "No subscription named \"No Such Sub\"");
        StringAssert.Contains(listing.Cli.Stderr, DefaultSeed.SubscriptionName);
    }

    [TestMethod]
    public async Task Resources_ThrottledTwiceWithRetryAfter_RetriedAndComplete()
    {
        Emulator.Faults.Add(FaultRule.Status(429, "/deployments", count: 2, retryAfterSeconds: 1));

        var listing = await Discover.RunAsync(Emulator, $"--subscription {DefaultSeed.SubscriptionId}");

        Assert.AreEqual(0, listing.Cli.ExitCode, listing.Cli.ToString());
        Assert.AreEqual(5, listing.DeploymentCount);
        Assert.AreEqual(2, Emulator.Requests.Snapshot().Count(r => r.StatusCode == 429));
    }

    [TestMethod]
    public async Task Resources_ThrottledWithLongRetryAfter_ReportedWithTheWaitInsteadOfHanging()
    {
        Emulator.Faults.Add(FaultRule.Status(429, $"/accounts/{DefaultSeed.WestAccount}/deployments", retryAfterSeconds: 120));
        var clock = Stopwatch.StartNew();

        var listing = await Discover.RunAsync(Emulator, $"--subscription {DefaultSeed.SubscriptionId}");

        Assert.IsLessThan(TimeSpan.FromSeconds(20), clock.Elapsed);
        Assert.AreEqual(3, listing.Cli.ExitCode, listing.Cli.ToString());
        var error = listing.Errors.Single();
        StringAssert.EndsWith(error.GetProperty("scope").GetString(), $"/accounts/{DefaultSeed.WestAccount}");
        StringAssert.Contains(error.GetProperty("message").GetString(), "throttling");
        StringAssert.Contains(error.GetProperty("message").GetString(), "120 s");
        Assert.HasCount(3, listing.Resource(DefaultSeed.FoundryAccount).GetProperty("deployments").EnumerateArray().ToArray());
    }

    [TestMethod]
    public async Task Resources_AccountsListFailsWith503_SubscriptionReportedAfterRetries()
    {
        Emulator.Faults.Add(FaultRule.Status(503, $"/subscriptions/{DefaultSeed.SubscriptionId}/providers/Microsoft.CognitiveServices/accounts"));

        var listing = await Discover.RunAsync(Emulator);

        Assert.AreEqual(3, listing.Cli.ExitCode, listing.Cli.ToString());
        var failed = listing.Errors.Single(e => e.GetProperty("scope").GetString() == $"/subscriptions/{DefaultSeed.SubscriptionId}");
        StringAssert.Contains(failed.GetProperty("message").GetString(), "503");
        Assert.IsGreaterThanOrEqualTo(4, Emulator.Requests.Snapshot().Count(r => r.StatusCode == 503), "three retries");
    }

    [TestMethod]
    public async Task Resources_DroppedConnections_ReportedAsUnreachable()
    {
        Emulator.Faults.Add(FaultRule.Drop($"/accounts/{DefaultSeed.FoundryAccount}/deployments"));

        var listing = await Discover.RunAsync(Emulator, $"--subscription {DefaultSeed.SubscriptionId}");

        Assert.AreEqual(3, listing.Cli.ExitCode, listing.Cli.ToString());
        StringAssert.Contains(listing.Errors.Single().GetProperty("message").GetString(), "could not be reached");
    }

    [TestMethod]
    public async Task Resources_NoCredential_ExitOneAndPointsAtTheDoctor()
    {
        var cli = await Sidecar.RunAsync($"resources --json {Discover.CloudArguments(Emulator)}", TestAzure.CleanEnvironment());

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, "foundry-ide doctor");
        using var error = System.Text.Json.JsonDocument.Parse(cli.Stdout);
        Assert.AreEqual("NoCredential", error.RootElement.GetProperty("error").GetProperty("name").GetString(), "--json: the failure as JSON on stdout");
        StringAssert.Contains(error.RootElement.GetProperty("error").GetProperty("message").GetString(), "foundry-ide doctor");
    }

    [TestMethod]
    [DataRow("--arm-endpoint http://127.0.0.1:1/ --authority-host https://127.0.0.1:1", "https URL")]
    [DataRow("--cloud Mars", "Unknown cloud")]
    [DataRow("--arm-endpoint https://127.0.0.1:1/", "authority host")]
    public async Task Resources_BadCloudOptions_ExitOneWithTheReason(string options, string expected)
    {
        var env = TestAzure.CleanEnvironment();
        var cli = await Sidecar.RunAsync($"resources {options}", env);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, expected);
    }
}
