using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// A new subscription: Microsoft.CognitiveServices is not registered, and Azure answers MissingSubscriptionRegistration
/// to everything about Foundry resources until it is. `deploy` plans the registration, makes it first, then checks.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployProviderTests
{
    private const string Create = "--resource new-sub-ai --resource-group rg-new --location eastus2 --create --models haiku --capacity 10";

    public TestContext TestContext { get; set; } = null!;

    private static Task<AzureEmulator> StartUnregisteredAsync(CancellationToken cancellationToken, Action<EmulatorState>? more = null) =>
        StartAsync(s =>
        {
            s.CognitiveServicesUnregistered.Add(Sub);
            more?.Invoke(s);
        }, cancellationToken);

    [TestMethod]
    public async Task DryRun_ProviderNotRegistered_PlansTheRegistrationFirstAndWritesNothing()
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, "the plan is incomplete: " + cli);
        var verdict = Verdict(json, "provider", "warn");
        StringAssert.Contains(verdict.GetProperty("detail").GetString()!, "Microsoft.CognitiveServices is NotRegistered in this subscription");
        StringAssert.Contains(verdict.GetProperty("fix").GetString()!, $"az provider register --namespace Microsoft.CognitiveServices --subscription {Sub} --wait");
        StringAssert.StartsWith(Calls(json, "POST").Single().GetProperty("path").GetString()!, $"/subscriptions/{Sub}/providers/Microsoft.CognitiveServices/register?");
        var log = emulator.Requests.Snapshot();
        Assert.IsFalse(log.Any(r => r.Method != "GET" && r.Path.Contains("/providers/Microsoft.CognitiveServices", StringComparison.Ordinal)), "nothing registered, nothing written");
        Assert.IsFalse(log.Any(r => r.StatusCode == 409), "no call that Azure would refuse as MissingSubscriptionRegistration");
    }

    [TestMethod]
    public async Task Deploy_ProviderNotRegistered_RegistersItThenChecksThenCreatesAndAzSeesItRegistered()
    {
        Assert.IsTrue(AzureCliLogin.IsInstalled, "the Azure CLI is not installed (.ci/run installs it)");
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);
        var azDir = await AzureCliLogin.LoginAsync(emulator, Path.Combine(TestAzure.Root, "az-provider-" + Guid.NewGuid().ToString("N")[..8]), TestContext.CancellationToken);
        Task<string> AzRegistrationAsync() => AzureCliLogin.RunAsync(azDir, TestContext.CancellationToken,
            "provider", "show", "--namespace", "Microsoft.CognitiveServices", "--subscription", Sub, "--query", "registrationState", "-o", "tsv");
        var before = (await AzRegistrationAsync()).Trim();

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org}");

        Assert.AreEqual("NotRegistered", before);
        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
        var log = emulator.Requests.Snapshot().Where(r => r.Path.StartsWith($"/subscriptions/{Sub}", StringComparison.OrdinalIgnoreCase)).ToList();
        var registered = log.FindIndex(r => r.Method == "POST" && r.Path.Contains("/providers/Microsoft.CognitiveServices/register", StringComparison.Ordinal));
        var firstPut = log.FindIndex(r => r.Method == "PUT");
        Assert.IsTrue(registered >= 0 && registered < firstPut, "registered before anything else is written");
        Assert.IsTrue(log.Skip(registered).Any(r => r.Path.Contains("/locations/eastus2/models", StringComparison.Ordinal)), "the checks ran after registering");
        Assert.IsFalse(log.Any(r => r.StatusCode == 409), "no MissingSubscriptionRegistration: " + string.Join(", ", log.Where(r => r.StatusCode == 409).Select(r => r.Path)));
        Assert.IsTrue(json.GetProperty("plan").GetProperty("calls").EnumerateArray()
            .Any(c => c.GetProperty("method").GetString() == "POST" && c.GetProperty("done").GetBoolean()), cli.Stdout);
        Assert.AreEqual("Registered", (await AzRegistrationAsync()).Trim(), "the real az reads the registration");
    }

    [TestMethod]
    public async Task Deploy_ProviderNotRegisteredAndTooLittleQuota_RegistersThenStopsNamingTheFailedChecksAndTheirFixes()
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create.Replace("--capacity 10", "--capacity 100", StringComparison.Ordinal)} {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors").EnumerateArray().Single();
        StringAssert.StartsWith(error.GetProperty("message").GetString()!, "Microsoft.CognitiveServices was registered; nothing else was written: preflight failed. quota: ");
        StringAssert.Contains(error.GetProperty("fix").GetString()!, "--capacity 50 or less");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Method == "PUT"));
    }

    [TestMethod]
    public async Task Deploy_ProviderNotRegisteredWithoutOrganisation_FailsBeforeRegistering()
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual(JsonValueKind.Object, Verdict(json, "providerData", "fail").ValueKind, cli.Stdout);
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Method == "PUT"
            || (r.Method == "POST" && r.Path.Contains("/register", StringComparison.Ordinal))), "nothing registered, nothing created");
    }

    [TestMethod]
    public async Task Deploy_IdentityMayNotRegister_PreflightNamesTheCommandForAnOwnerAndWritesNothing()
    {
        await using var emulator = await StartAsync(s =>
        {
            s.CognitiveServicesUnregistered.Add(Sub);
            s.RoleGrants.Add(RolePermissions.Reader(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}"));
        }, TestContext.CancellationToken, owner: false);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {Create} {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors").EnumerateArray().Single();
        Assert.AreEqual("PreflightFailed", error.GetProperty("code").GetString(), cli.Stdout);
        StringAssert.Contains(error.GetProperty("message").GetString()!, "may not Microsoft.CognitiveServices/register/action");
        StringAssert.Contains(error.GetProperty("fix").GetString()!, $"ask an owner to run az provider register --namespace Microsoft.CognitiveServices --subscription {Sub} --wait");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Method is "PUT" or "POST" && !r.Path.Contains("/oauth2/", StringComparison.Ordinal)), "not even the registration is tried");
    }
}
