using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.ClaudeCode;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// `foundry-ide deploy` writing to the emulator: the resource group, the account and each deployment as long-running
/// operations, one at a time; the REAL az sees what was created and the REAL Claude Code answers on it.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployApplyTests
{
    private static readonly string[] Created = ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Deploy_FromZeroWithGrantAccess_CreatesEverythingAzAndClaudeCodeSeeItAndASecondRunChangesNothing()
    {
        ClaudeCodeRunner.AssertInstalled();
        Assert.IsTrue(AzureCliLogin.IsInstalled, "the Azure CLI is not installed (.ci/run installs it)");
        await using var emulator = await StartAsync(s =>
        {
            s.RemoveGrants(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}");
            s.RoleGrants.Add(RolePermissions.Owner(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}"));
            s.RoleAssignmentDelayMs = 10_000;
        }, TestContext.CancellationToken);
        var azDir = await AzureCliLogin.LoginAsync(emulator, Path.Combine(TestAzure.Root, "az-deploy-" + Guid.NewGuid().ToString("N")[..8]), TestContext.CancellationToken);
        var env = ClaudeCodeRunner.CleanEnvironment();
        env["AZURE_CONFIG_DIR"] = azDir;
        env["FOUNDRYIDE_GRANT_WAIT_SECONDS"] = "60";
        const string Name = "zero-claude-ai";

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource {Name} --resource-group rg-zero --location eastus2 --create --models opus,sonnet,haiku --capacity 10 {Org} --grant-access",
            env, TimeSpan.FromSeconds(150));

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.IsTrue(json.GetProperty("resource").GetProperty("created").GetBoolean());
        var deployments = json.GetProperty("deployments").EnumerateArray().ToArray();
        Assert.HasCount(3, deployments);
        Assert.IsTrue(deployments.All(d => d.GetProperty("state").GetString() == "Succeeded" && d.GetProperty("created").GetBoolean()), cli.Stdout);
        var role = json.GetProperty("roleAssignment");
        Assert.AreEqual("created", role.GetProperty("state").GetString(), cli.Stdout);
        Assert.IsTrue(role.GetProperty("applied").GetBoolean(), cli.Stdout);
        var log = emulator.Requests.Snapshot();
        Assert.IsFalse(log.Any(r => r.StatusCode == 409), "deployments are created one after another: no 409");
        Assert.IsTrue(log.Any(r => r.Path.Contains("/anthropic/v1/messages", StringComparison.Ordinal) && r.StatusCode == 403),
            "the wait saw the assignment not yet applied: " + string.Join(", ", log.Where(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal))
                .Select(r => $"{r.Path} {r.StatusCode} {r.AuthKind}")));

        var azDeployments = JsonDocument.Parse(await AzureCliLogin.RunAsync(azDir, TestContext.CancellationToken,
            "cognitiveservices", "account", "deployment", "list", "-g", "rg-zero", "-n", Name, "--subscription", Sub, "-o", "json"));
        CollectionAssert.AreEquivalent(Created,
            azDeployments.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToArray());
        var accountId = json.GetProperty("resource").GetProperty("id").GetString()!;
        // `az role assignment list` of Debian's az 2.45 fails inside az ('RoleDefinitionsOperations' object has no attribute
        // 'config': its packaged authorization SDK does not match); `az rest` reads the same ARM list as the signed-in identity.
        var azRoles = JsonDocument.Parse(await AzureCliLogin.RunAsync(azDir, TestContext.CancellationToken,
            "rest", "--method", "get", "--url", $"{accountId}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"));
        var assignment = azRoles.RootElement.GetProperty("value").EnumerateArray().Single().GetProperty("properties");
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, assignment.GetProperty("principalId").GetString());
        StringAssert.EndsWith(assignment.GetProperty("roleDefinitionId").GetString()!, "/53ca6127-db72-4b80-b1b0-d745d6d5456d", "Azure AI User");

        var file = Path.Combine(env["HOME"], "foundry.env");
        var generated = await Sidecar.RunAsync($"env --resource {Name} --subscription {Sub} --format dotenv --output \"{file}\" {Discover.CloudArguments(emulator)}", env);
        Assert.AreEqual(0, generated.ExitCode, generated.ToString());
        foreach (var (alias, deployment) in new[] { ("opus", "claude-opus-4-5"), ("haiku", "claude-haiku-4-5"), ("sonnet", "claude-sonnet-4-5") })
        {
            var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(env, file, exportAll: true, "--model", alias);
            Assert.AreEqual(0, claude.ExitCode, claude.ToString());
            Assert.AreEqual(emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
            var request = ClaudeCodeRunner.MessagesOf(emulator, claude).Last();
            Assert.AreEqual(deployment, request.Deployment);
            Assert.AreEqual("bearer", request.AuthKind);
            Assert.AreEqual(Name, request.Account);
        }

        var before = emulator.Requests.Snapshot().Count;
        var (again, second) = await RunAsync(emulator,
            $"--subscription {Sub} --resource {Name} --resource-group rg-zero --create --models opus,sonnet,haiku --capacity 10 {Org} --grant-access", env);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        Assert.IsFalse(second.GetProperty("resource").GetProperty("created").GetBoolean());
        Assert.IsTrue(second.GetProperty("deployments").EnumerateArray().All(d => !d.GetProperty("created").GetBoolean()), again.Stdout);
        Assert.AreEqual("existing", second.GetProperty("roleAssignment").GetProperty("state").GetString(), again.Stdout);
        Assert.IsFalse(emulator.Requests.Snapshot().Skip(before).Any(r => r.Method == "PUT"), "a second run writes nothing");
    }

    [TestMethod]
    public async Task Deploy_AccountPutWithoutOperationUrl_WaitsForTheAccountStateThenDeploys()
    {
        // Accounts_Create declares no Azure-AsyncOperation: the account's provisioningState is then the only progress, and
        // a deployment PUT before it is Succeeded is refused (409 AccountProvisioningStateInvalid).
        await using var emulator = await StartAsync(s => s.AccountOperationHeader = false, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource quiet-ai --resource-group rg-quiet --location eastus2 --create --models haiku --capacity 10 {Org}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.IsTrue(json.GetProperty("resource").GetProperty("created").GetBoolean());
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
        var log = emulator.Requests.Snapshot();
        Assert.IsFalse(log.Any(r => r.StatusCode == 409), string.Join(", ", log.Select(r => $"{r.Method} {r.Path} {r.StatusCode}")));
        Assert.IsTrue(log.Count(r => r.Method == "GET" && r.Path.Split('?')[0].EndsWith("/accounts/quiet-ai", StringComparison.Ordinal)) >= 3,
            "Creating twice, then Succeeded: " + string.Join(", ", log.Select(r => $"{r.Method} {r.Path} {r.StatusCode}")));
    }
}
