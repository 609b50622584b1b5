using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// `--grant-access` when waiting cannot help: Foundry refusing for its network rules, or no endpoint to ask. The wait
/// (bounded at 10 minutes here) stops at once and says what it saw, instead of blaming the role for the whole bound.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployGrantTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The service principal is Owner of the subscription, without the data role it has in the default seed.</summary>
    private static void OwnerWithoutDataAccess(EmulatorState s)
    {
        s.RemoveGrants(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}");
        s.RoleGrants.Add(RolePermissions.Owner(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}"));
    }

    private static Dictionary<string, string> LongWait(AzureEmulator emulator)
    {
        var env = TestIdentity.ServicePrincipal(emulator);
        env["FOUNDRYIDE_GRANT_WAIT_SECONDS"] = "600";
        return env;
    }

    [TestMethod]
    public async Task Deploy_GrantAccessWhileFoundryRefusesForItsNetworkRules_StopsAtOnceNamingTheNetwork()
    {
        await using var emulator = await StartAsync(OwnerWithoutDataAccess, TestContext.CancellationToken);
        emulator.Faults.Add(new FaultRule
        {
            Action = FaultAction.Status, StatusCode = 403, PathContains = "/anthropic/v1/messages",
            ErrorCode = "AccessDenied", ErrorMessage = "Public access is disabled. Please configure private endpoint.",
        });

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource walled-ai --resource-group rg-walled --location eastus2 --create --models haiku --capacity 10 {Org} --grant-access",
            LongWait(emulator));

        var role = json.GetProperty("roleAssignment");
        Assert.AreEqual("created", role.GetProperty("state").GetString(), cli.ToString());
        Assert.IsFalse(role.GetProperty("applied").GetBoolean());
        StringAssert.Contains(role.GetProperty("detail").GetString(), "network rules");
        StringAssert.Contains(role.GetProperty("fix").GetString(), "Networking");
        Assert.AreEqual(1, emulator.Requests.Snapshot().Count(r => r.Path.Contains("/anthropic/v1/messages", StringComparison.Ordinal)), "asked once, not for 10 minutes");
    }

    [TestMethod]
    public async Task Deploy_GrantAccessOnAResourceWithoutSubdomain_AssignsAndSaysItCouldNotCheck()
    {
        await using var emulator = await StartAsync(s =>
        {
            OwnerWithoutDataAccess(s);
            s.Accounts.Add(new AccountSeed
            {
                SubscriptionId = Sub, ResourceGroup = DefaultSeed.ResourceGroup, Name = "regional-ai", Location = "eastus2", ProvisioningState = "Succeeded",
                Key1 = "emukey1regional", Key2 = "emukey2regional",
            });
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource regional-ai --models haiku --capacity 10 {Org} --grant-access", LongWait(emulator));

        var role = json.GetProperty("roleAssignment");
        Assert.AreEqual("created", role.GetProperty("state").GetString(), cli.ToString());
        Assert.IsFalse(role.GetProperty("applied").GetBoolean());
        StringAssert.StartsWith(role.GetProperty("detail").GetString(), "Not checked: regional-ai has no Foundry endpoint");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task DryRun_WithoutGrantAccess_WarnsOnlyWhenTheIdentityMayNotCallClaude(bool dataRole)
    {
        await using var emulator = await StartAsync(s =>
        {
            if (!dataRole) OwnerWithoutDataAccess(s);
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var warning = Verdict(json, "access", "warn");
        if (dataRole)
        {
            Assert.AreEqual(System.Text.Json.JsonValueKind.Undefined, warning.ValueKind, cli.Stdout);
            return;
        }

        StringAssert.Contains(warning.GetProperty("detail").GetString(), "would be refused (PermissionDenied)", cli.Stdout);
        StringAssert.StartsWith(warning.GetProperty("fix").GetString(), "Add --grant-access");
    }
}
