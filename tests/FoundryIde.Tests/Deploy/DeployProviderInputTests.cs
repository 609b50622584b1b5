using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// Microsoft.CognitiveServices not registered: a dry run that could check almost nothing says so and exits 1; a run the
/// options alone doom fails before registering; a Reader gets the failure, not also "deploy registers it first".
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployProviderInputTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Task<AzureEmulator> StartUnregisteredAsync(CancellationToken cancellationToken, Action<EmulatorState>? more = null, bool owner = true) =>
        StartAsync(s =>
        {
            s.CognitiveServicesUnregistered.Add(Sub);
            more?.Invoke(s);
        }, cancellationToken, owner);

    private static bool Registered(AzureEmulator emulator) =>
        emulator.Requests.Snapshot().Any(r => r.Method == "POST" && r.Path.Contains("/register", StringComparison.Ordinal));

    [TestMethod]
    public async Task DryRun_ProviderNotRegistered_ExitsOneNamingTheChecksThatCouldNotRun()
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource new-sub-ai --resource-group rg-new --location eastus2 --create --models haiku {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var detail = Verdict(json, "unchecked", "warn").GetProperty("detail").GetString()!;
        foreach (var check in new[] { "name", "region", "quota", "Marketplace", "write-permission" }) StringAssert.Contains(detail, check);
    }

    [TestMethod]
    [DataRow("--resource some-ai --models haiku", "the subscription holds no Foundry resource")]
    [DataRow("--resource new-sub-ai --create --location eastus2 --models haiku", "creating it needs a resource group and a region")]
    [DataRow("--resource new-sub-ai --create --resource-group rg-new --models haiku", "creating it needs a resource group and a region")]
    public async Task Deploy_ProviderNotRegisteredAndOptionsDoomTheRun_FailsBeforeRegistering(string options, string expected)
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} {options} {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(Verdict(json, "resource", "fail").GetProperty("detail").GetString(), expected, cli.Stdout);
        Assert.IsFalse(Registered(emulator), "nothing registered");
    }

    [TestMethod]
    public async Task DryRun_ReaderOnUnregisteredSubscription_FailsWithoutTheRegistersFirstWarning()
    {
        await using var emulator = await StartUnregisteredAsync(TestContext.CancellationToken,
            s => s.RoleGrants.Add(RolePermissions.Reader(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}")), owner: false);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource new-sub-ai --resource-group rg-new --location eastus2 --create --models haiku {Org} --dry-run");

        var fail = Verdict(json, "provider", "fail");
        StringAssert.Contains(fail.GetProperty("detail").GetString(), "NotRegistered", cli.Stdout);
        Assert.AreEqual(JsonValueKind.Undefined, Verdict(json, "provider", "warn").ValueKind, "no \"deploy registers it first\" next to the failure");
        Assert.IsFalse(json.GetProperty("plan").GetProperty("preflight").EnumerateArray()
            .Any(v => v.GetProperty("fix").ValueKind == JsonValueKind.String && v.GetProperty("fix").GetString()!.Contains("registers it first", StringComparison.Ordinal)), cli.Stdout);
    }
}
