using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>`foundry-ide deploy` where deployments exist already: busy, failed, holding another model, or asked twice.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployExistingTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Action<EmulatorState> OnFoundry(params DeploymentSeed[] deployments) =>
        s => s.Accounts.Single(a => a.Name == DefaultSeed.FoundryAccount).Deployments.AddRange(deployments);

    [TestMethod]
    public async Task Deploy_SameModelBeingCreatedUnderAnotherName_WaitsForItAndWritesNothing()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("team-opus", "claude-opus-4-5", "20251101", 20, "Creating")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual("team-opus (claude-opus-4-5) is Creating: an operation on it is still running.", Verdict(json, "existing", "fail").GetProperty("detail").GetString(), cli.Stdout);
        var opus = Deployment(json, "opus");
        Assert.AreEqual("team-opus", opus.GetProperty("name").GetString(), "the running deployment, not a second one");
        Assert.AreEqual("Creating", opus.GetProperty("state").GetString());
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    public async Task DryRun_SameModelUnderAnotherModelsId_NotReusedANewOnePlanned()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("claude-opus-5-5", "claude-opus-4-5", "20251101", 20)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var opus = Deployment(json, "opus");
        Assert.AreEqual("claude-opus-4-5", opus.GetProperty("name").GetString(), "Claude Code would send Opus 5.5's requests to claude-opus-5-5");
        Assert.AreEqual("planned", opus.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task DryRun_ReusedDeploymentOfAnotherSku_ShownWithItsOwnSku()
    {
        var dataZone = DefaultSeed.Claude("dz-opus", "claude-opus-4-5", "20251101", 20);
        dataZone.SkuName = "DataZoneStandard";
        await using var emulator = await StartAsync(OnFoundry(dataZone), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var opus = Deployment(json, "opus");
        Assert.AreEqual("dz-opus", opus.GetProperty("name").GetString());
        Assert.AreEqual("DataZoneStandard", opus.GetProperty("sku").GetString(), "what exists, not what a new one would get");
    }

    [TestMethod]
    public async Task DryRun_AnotherDeploymentBusy_FailsNamingAzuresConflict()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("old-sonnet", "claude-sonnet-4", "20250514", 10, "Deleting")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.StartsWith(Verdict(json, "existing", "fail").GetProperty("detail").GetString(),
            "old-sonnet is Deleting: Azure refuses every other deployment change on contoso-foundry until it ends (409 RequestConflict).");
    }

    [TestMethod]
    public async Task DryRun_NameTakenByAnotherModel_CreatedUnderItsModelAndVersion()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("claude-opus-4-5", "claude-sonnet-4-5", "20250929", 10)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus --capacity 10 {Org} --dry-run");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("The name claude-opus-4-5 is taken by a deployment of claude-sonnet-4-5@20250929: the new deployment of claude-opus-4-5 is named claude-opus-4-5-20251101.",
            Verdict(json, "existing", "info").GetProperty("detail").GetString(), cli.Stdout);
        Assert.AreEqual("claude-opus-4-5-20251101", Deployment(json, "opus").GetProperty("name").GetString());
        Assert.AreEqual("planned", Deployment(json, "opus").GetProperty("state").GetString());
        StringAssert.Contains(Calls(json, "PUT").Single().GetProperty("path").GetString(), "/deployments/claude-opus-4-5-20251101?");
    }

    [TestMethod]
    public async Task DryRun_NameAndModelVersionNameTakenByAnotherModel_StateBlockedNotTheOthersState()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("claude-opus-4-5", "claude-sonnet-4-5", "20250929", 10),
            DefaultSeed.Claude("claude-opus-4-5-20251101", "claude-haiku-4-5", "20251001", 10)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.StartsWith(Verdict(json, "existing", "fail").GetProperty("detail").GetString(), "The name claude-opus-4-5 is taken by a deployment of claude-sonnet-4-5@20250929.");
        Assert.AreEqual("blocked", Deployment(json, "opus").GetProperty("state").GetString(), cli.Stdout);
    }

    [TestMethod]
    public async Task Deploy_FailedDeploymentInTheWay_ReportsItFailedNotNotCreated()
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("claude-opus-4-5", "claude-opus-4-5", "20251101", 10, "Failed")), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Failed", Deployment(json, "opus").GetProperty("state").GetString(), cli.Stdout);
        AssertNothingWritten(emulator);
    }

    [TestMethod]
    [DataRow("Canceled")]
    [DataRow("Disabled")]
    public async Task DryRun_EndedDeploymentInTheWay_SaysDeleteItNotStillRunning(string ended)
    {
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("claude-opus-4-5", "claude-opus-4-5", "20251101", 10, ended)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "existing", "fail");
        Assert.AreEqual($"A {ended} deployment named claude-opus-4-5 is in the way: Azure does not reuse a {ended} deployment's name.", verdict.GetProperty("detail").GetString(), cli.Stdout);
        StringAssert.Contains(verdict.GetProperty("fix").GetString(), "az cognitiveservices account deployment delete");
        Assert.AreEqual(ended, Deployment(json, "opus").GetProperty("state").GetString());
    }

    [TestMethod]
    [DataRow("Canceled")]
    [DataRow("Disabled")]
    public async Task Deploy_AnotherModelsDeploymentEnded_DoesNotHoldTheNewOneBack(string ended)
    {
        // Only Accepted, Creating, Moving, Updating and Deleting are operations Azure is still running (409 for others).
        await using var emulator = await StartAsync(OnFoundry(DefaultSeed.Claude("old-sonnet", "claude-sonnet-4", "20250514", 10, ended)), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus --capacity 10 {Org}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Succeeded", Deployment(json, "opus").GetProperty("state").GetString(), cli.Stdout);
        Assert.ContainsSingle(DeploymentPuts(emulator));
    }

    [TestMethod]
    public async Task DryRun_TwoFamiliesPinnedToOneModel_ModelFailsAndPlansItOnce()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource twin-ai --resource-group rg-twin --location eastus2 --create --models sonnet,opus --model opus=claude-sonnet-4-5 {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.StartsWith(Verdict(json, "model", "fail").GetProperty("detail").GetString(),
            "sonnet and opus would both be the deployment claude-sonnet-4-5 (claude-sonnet-4-5): one deployment per model.");
        Assert.ContainsSingle(Calls(json, "PUT").Where(c => c.GetProperty("path").GetString()!.Contains("/deployments/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task DryRun_CreateInAnotherGroupWhereTheResourceExists_SaysWhereItIs()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --resource-group rg-other --location eastus2 --create --models sonnet {Org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var verdict = Verdict(json, "name", "fail");
        StringAssert.StartsWith(verdict.GetProperty("detail").GetString(),
            $"{DefaultSeed.FoundryAccount} exists already in this subscription, in resource group {DefaultSeed.ResourceGroup} (");
        StringAssert.StartsWith(verdict.GetProperty("fix").GetString(), $"Deploy to it with --resource-group {DefaultSeed.ResourceGroup}");
    }

    [TestMethod]
    [DataRow("--models gpt", "--models: \"gpt\" is not a Claude family (fable, opus, sonnet, haiku).")]
    [DataRow("--model gpt=gpt-4o", "--model \"gpt\"=...: not a Claude family (fable, opus, sonnet, haiku).")]
    [DataRow("--capacity abc", "--capacity \"abc\": a whole number of thousands of tokens per minute, e.g. 50.")]
    [DataRow("--country UK", "--country UK: not an ISO 3166-1 code; the United Kingdom's is GB.")]
    [DataRow("--country ZZ", "--country ZZ: not an ISO 3166-1 country code (two letters such as US, GB, DE, JP).")]
    [DataRow("--organization \" \"", "\" \": organisation details are plain text of 1 to 200 characters.")]
    [DataRow("--location \"East US 2\"", "--location \"East US 2\": a region's name, such as eastus2 (for \"East US 2\": eastus2).")]
    [DataRow("--location east/us", "--location \"east/us\": a region's name, such as eastus2.")]
    public async Task Deploy_BadInput_RefusedBeforeAnyCall(string arguments, string message)
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var org = arguments.Contains("--organization", StringComparison.Ordinal) ? "--industry technology --country US"
            : arguments.Contains("--country", StringComparison.Ordinal) ? "--organization Contoso --industry technology" : Org;
        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} {arguments} {org} --dry-run");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, message);
        if (!arguments.StartsWith("--capacity", StringComparison.Ordinal)) // the others pass the command line's own parser: --json gets JSON
        {
            Assert.AreEqual("InvalidInput", json.GetProperty("error").GetProperty("name").GetString(), cli.Stdout);
            Assert.AreEqual(1001, json.GetProperty("error").GetProperty("code").GetInt32());
            StringAssert.Contains(json.GetProperty("error").GetProperty("message").GetString(), message);
        }

        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/subscriptions", StringComparison.Ordinal)), "nothing asked of ARM");
    }
}
