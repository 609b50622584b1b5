using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// `foundry-ide deploy` when it cannot finish: Azure refuses a model, a preflight fails, Ctrl+C during a deployment's
/// long-running operation. Each says what went wrong with its fix and lists what exists. (A class of its own, beside
/// <see cref="DeployApplyTests"/>, so that the two run side by side.)
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployStopTests
{

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("claude-haiku-4-5", "715-123420", false, 400)]
    [DataRow("claude-haiku-4-5", "InsufficientQuota", true, 400)]
    [DataRow("claude-haiku-4-5", "AnthropicOrganizationCreationException", true, 400)]
    [DataRow("claude-haiku-4-5", "RequestConflict", true, 409)]
    [DataRow("claude-haiku-4-5", "MarketplaceSubscriptionCannotBeCompleted", false, 400)]
    [DataRow("claude-haiku-4-5", "RequestDisallowedByPolicy", true, 403)]
    [DataRow("claude-haiku-4-5", "ScopeLocked", true, 409)]
    public async Task Deploy_AzureRefusesOneModel_NamesTheFailureWithItsFixAndListsWhatExists(string model, string code, bool atPut, int status)
    {
        await using var emulator = await StartAsync(s => s.DeployFaults.Add(new DeployFaultSeed
        {
            Match = model, Code = code, Message = $"emulated {code}", AtPut = atPut, Status = status,
        }), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator,
            $"--subscription {Sub} --resource fault-ai --resource-group rg-f --location eastus2 --create --models sonnet,haiku --capacity 10 {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors").EnumerateArray().Single();
        Assert.AreEqual(code, error.GetProperty("code").GetString());
        Assert.AreEqual(model, error.GetProperty("deployment").GetString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.GetProperty("fix").GetString()));
        Assert.AreEqual("Succeeded", Deployment(json, "sonnet").GetProperty("state").GetString(), "the other model is deployed and listed");
        Assert.AreEqual(atPut ? "notCreated" : "Failed", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
        Assert.IsTrue(json.GetProperty("resource").GetProperty("exists").GetBoolean());
    }

    [TestMethod]
    public async Task Deploy_PreflightFails_WritesNothingAndSaysSo()
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource q-ai --resource-group rg-q --location eastus2 --create --models haiku --capacity 100 {Org}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors")[0];
        Assert.AreEqual("PreflightFailed", error.GetProperty("code").GetString());
        StringAssert.StartsWith(error.GetProperty("message").GetString()!, "Nothing was written: preflight failed. quota: claude-haiku-4-5:");
        StringAssert.Contains(error.GetProperty("fix").GetString()!, "--capacity", "the failed verdicts' own fixes");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Method == "PUT"));
    }

    [TestMethod]
    public async Task Deploy_CtrlCWhileADeploymentRuns_StopsBetweenCallsAndPrintsWhatExists()
    {
        await using var emulator = await StartWithSlowOperationsAsync(TestContext.CancellationToken);
        using var process = Sidecar.Start(
            $"deploy {Discover.CloudArguments(emulator)} --subscription {Sub} --resource {DefaultSeed.FoundryAccount} --resource-group {DefaultSeed.ResourceGroup} --models opus,sonnet {Org}",
            TestIdentity.ServicePrincipal(emulator));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DeploymentPuts(emulator).Length == 0 && !process.HasExited && DateTimeOffset.UtcNow < deadline) await Task.Delay(100, TestContext.CancellationToken);
        Assert.IsFalse(process.HasExited, $"deploy ended before its first deployment PUT: {await stderr}");

        var interruptedAt = DateTimeOffset.UtcNow;
        Assert.AreEqual(0, Interrupt(process.Id), "kill -INT (what Ctrl+C sends)");
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        var stopped = true;
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!TestContext.CancellationToken.IsCancellationRequested)
        {
            stopped = false;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var output = await stdout;
        var after = emulator.Requests.Snapshot().Where(r => r.Timestamp > interruptedAt).Select(r => $"{r.Method} {r.Path.Split('?')[0]}");
        Assert.IsTrue(stopped, $"deploy still ran 30 s after SIGINT (killed). Calls after it: {string.Join(", ", after)}\nstdout:\n{output}\nstderr:\n{await stderr}");
        var cli = new CliResult(process.ExitCode, output, await stderr);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stdout, "error: Cancelled: No further call was made.", cli.ToString());
        StringAssert.Matches(cli.Stdout, new Regex(@"opus: \S+ = claude-opus-\S+, \S+ \d+, Creating"), "the deployment Azure accepted is listed");
        StringAssert.Matches(cli.Stdout, new Regex(@"sonnet: \S+ = claude-sonnet-\S+, \S+ \d+, Succeeded"), "the existing one too");
        Assert.HasCount(1, DeploymentPuts(emulator), "no deployment PUT after Ctrl+C");
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Timestamp > interruptedAt.AddSeconds(1) && r.Path.Contains("/operationResults/", StringComparison.Ordinal)),
            "the polling stopped");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Interrupt(int pid, int signal = 2);
}
