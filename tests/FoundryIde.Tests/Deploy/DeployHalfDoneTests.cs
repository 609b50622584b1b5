using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>A half-provisioned subscription: a Foundry resource whose creation failed, or one still being created.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployHalfDoneTests
{
    private const string Name = "half-done-ai";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The service principal is Owner of the subscription, or holds only <paramref name="grant"/> when given.</summary>
    private static Task<AzureEmulator> StartWithAccountAsync(string provisioningState, CancellationToken cancellationToken, RoleGrant? grant = null) => StartAsync(s =>
    {
        if (grant is not null) s.RoleGrants.Add(grant);
        s.ResourceGroups.Add(new ResourceGroupSeed { SubscriptionId = Sub, Name = "rg-half", Location = "eastus2" });
        s.Accounts.Add(new AccountSeed
        {
            SubscriptionId = Sub, ResourceGroup = "rg-half", Name = Name, Kind = "AIServices", Location = "eastus2", CustomSubDomainName = "half-done-5e1",
            ProvisioningState = provisioningState, Key1 = "k1", Key2 = "k2",
        });
    }, cancellationToken, owner: grant is null);

    [TestMethod]
    public async Task DryRun_ResourceWhoseCreationFailedWithoutCreate_FailsWithTheRetryAndTheDelete()
    {
        await using var emulator = await StartWithAccountAsync("Failed", TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {Name} --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "resource", "fail");
        StringAssert.Contains(verdict.GetProperty("detail").GetString()!, "its creation failed (provisioning state Failed)");
        StringAssert.StartsWith(verdict.GetProperty("fix").GetString()!, "Add --create to send its PUT again");
        StringAssert.Contains(verdict.GetProperty("fix").GetString()!, $"az cognitiveservices account delete --name {Name} --resource-group rg-half");
    }

    [TestMethod]
    public async Task Deploy_ResourceWhoseCreationFailedWithCreate_PutAgainWithItsOwnSubdomainThenDeployed()
    {
        await using var emulator = await StartWithAccountAsync("Failed", TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {Name} --resource-group rg-half --location eastus2 --create --models haiku --capacity 10 {Org}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
        var puts = emulator.Requests.Snapshot().Where(r => r.Method == "PUT").Select(r => r.Path.Split('?')[0]).ToList();
        Assert.AreEqual($"/subscriptions/{Sub}/resourceGroups/rg-half/providers/Microsoft.CognitiveServices/accounts/{Name}", puts[0], "the account first; no resource group PUT");
        Assert.HasCount(2, puts, string.Join(", ", puts));
        Assert.AreEqual("Succeeded", emulator.State.FindAccount(Sub, "rg-half", Name)!.ProvisioningState);
        StringAssert.Contains(Calls(json, "PUT")[0].GetProperty("path").GetString()!, $"/accounts/{Name}");
    }

    [TestMethod]
    public async Task Deploy_RetryOfFailedResourceLockedDown_PutAgainKeepingItsTagsIdentityAndNetworkRules()
    {
        await using var emulator = await StartWithAccountAsync("Failed", TestContext.CancellationToken);
        emulator.State.Update(s =>
        {
            var account = s.FindAccount(Sub, "rg-half", Name)!;
            (account.PublicNetworkAccess, account.DisableLocalAuth, account.NetworkDefaultAction, account.IdentityType) = ("Disabled", true, "Deny", "SystemAssigned");
            account.Tags = new() { ["env"] = "prod", ["owner"] = "team-ai" };
        });

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {Name} --create --models haiku --capacity 10 {Org}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(Verdict(json, "resource", "warn").GetProperty("detail").GetString(),
            "with its own definition (SKU S0, public network access Disabled, 2 tags, identity SystemAssigned, networkAcls, disableLocalAuth)", cli.Stdout);
        var account = emulator.State.FindAccount(Sub, "rg-half", Name)!;
        Assert.AreEqual("Succeeded", account.ProvisioningState);
        Assert.AreEqual("Disabled/True/Deny/SystemAssigned", $"{account.PublicNetworkAccess}/{account.DisableLocalAuth}/{account.NetworkDefaultAction}/{account.IdentityType}",
            "what a PUT with a new resource's body would have reset to Enabled/False/Allow/None");
        Assert.AreEqual("env=prod, owner=team-ai", string.Join(", ", account.Tags.Select(t => $"{t.Key}={t.Value}")));
    }

    [TestMethod]
    public async Task Deploy_RetryOfFailedResourceByIdentityThatMayOnlyWriteDeployments_FailsPermissionsAndWritesNothing()
    {
        await using var emulator = await StartWithAccountAsync("Failed", TestContext.CancellationToken, RolePermissions.Grant(
            DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}", "Deployments only", ["*/read", "Microsoft.CognitiveServices/accounts/deployments/*"]));

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {Name} --create --models haiku --capacity 10 {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(Verdict(json, "permissions", "fail").GetProperty("detail").GetString(), "may not Microsoft.CognitiveServices/accounts/write", cli.Stdout);
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_ResourceStillBeingCreated_FailsSayingToWait()
    {
        await using var emulator = await StartWithAccountAsync("Creating", TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {Name} --models haiku --capacity 10 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "resource", "fail");
        Assert.AreEqual($"{Name} is Creating: an operation on it is still running.", verdict.GetProperty("detail").GetString());
        Assert.AreEqual("Wait for it to end, then run deploy again.", verdict.GetProperty("fix").GetString());
    }
}
