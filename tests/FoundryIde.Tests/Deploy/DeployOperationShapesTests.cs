using FoundryIde.Emulator;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>
/// The other shapes in which ARM may say a write runs on, each followed to its end before the next deployment's PUT (a
/// PUT while one runs answers 409): Azure-AsyncOperation, a 202 with only a Location, no header at all (the resource's
/// own state), an empty 202 body, states spelt in lower case, and throttling while it is polled.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployOperationShapesTests
{
    private const string TwoModels = $"--subscription {Sub} --resource shape-ai --resource-group rg-shape --location eastus2 --create --models sonnet,haiku --capacity 10 {Org}";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("AsyncOperation", false, false)]
    [DataRow("Location", false, false)]
    [DataRow("Location", true, false)]
    [DataRow("None", false, false)]
    [DataRow("None", true, false)]
    [DataRow("AsyncOperation", false, true)]
    [DataRow("Location", true, true)]
    public async Task Deploy_OperationInAnyShape_EachFollowedToItsEndNoConflictExitZero(string style, bool emptyBody, bool lowerCase)
    {
        await using var emulator = await StartAsync(s =>
        {
            s.DeploymentOperationStyle = style;
            s.EmptyAcceptedBody = emptyBody;
            s.LowerCaseStates = lowerCase;
            s.AccountOperationHeader = style == "AsyncOperation";
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, TwoModels);

        var log = emulator.Requests.Snapshot();
        Assert.IsFalse(log.Any(r => r.StatusCode == 409), string.Join("\n", log.Select(r => $"{r.Method} {r.Path} {r.StatusCode}")));
        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Succeeded", Deployment(json, "sonnet").GetProperty("state").GetString(), cli.Stdout);
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
    }

    [TestMethod]
    [DataRow("AsyncOperation")]
    [DataRow("Location")]
    [DataRow("None")]
    public async Task Deploy_OperationEndsFailedInAnyShape_NamesAzuresCodeAndGoesOnWithTheNext(string style)
    {
        await using var emulator = await StartAsync(s =>
        {
            s.DeploymentOperationStyle = style;
            s.DeployFaults.Add(new DeployFaultSeed { Match = "claude-sonnet-4-5", Code = "715-123420", Message = "emulated 715-123420", AtPut = false, Status = 400 });
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, TwoModels);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var error = json.GetProperty("errors").EnumerateArray().Single();
        // Without an operation, Azure says only that the deployment is Failed; with one, its code.
        Assert.AreEqual(style == "None" ? "Failed" : "715-123420", error.GetProperty("code").GetString(), cli.Stdout);
        Assert.AreEqual("Failed", Deployment(json, "sonnet").GetProperty("state").GetString(), cli.Stdout);
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
    }

    [TestMethod]
    [DataRow(429)]
    [DataRow(503)]
    public async Task Deploy_PollThrottledPastTheRetryPolicy_WaitsAndFollowsTheOperationToItsEnd(int status)
    {
        await using var emulator = await StartAsync(null, TestContext.CancellationToken);
        // Four answers in a row: more than the pipeline's three retries, so the poll itself fails once.
        emulator.Faults.Add(FaultRule.Status(status, "/operationResults/", count: 4, retryAfterSeconds: 1));

        var (cli, json) = await RunAsync(emulator, TwoModels);

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("Succeeded", Deployment(json, "haiku").GetProperty("state").GetString(), cli.Stdout);
        var log = emulator.Requests.Snapshot();
        Assert.AreEqual(4, log.Count(r => r.Path.Contains("/operationResults/", StringComparison.Ordinal) && r.StatusCode == status));
        Assert.IsFalse(log.Any(r => r.StatusCode == 409));
    }

    [TestMethod]
    [DataRow("AsyncOperation", "https://management.azure.com.evil.example", "Azure-AsyncOperation")]
    [DataRow("Location", "https://evil.example", "Location")]
    [DataRow("Location", "http://127.0.0.1:1", "Location")]
    public async Task Deploy_OperationUrlOffArm_NeitherFollowedNorSentTheTokenAndNamed(string style, string origin, string header)
    {
        await using var emulator = await StartAsync(s =>
        {
            s.DeploymentOperationStyle = style;
            s.OperationOrigin = origin;
            s.AccountOperationHeader = style == "AsyncOperation"; // the resource's own operation URL is off ARM too
        }, TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, TwoModels);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var errors = json.GetProperty("errors").EnumerateArray().ToArray();
        Assert.IsNotEmpty(errors, cli.Stdout);
        StringAssert.Contains(errors[0].GetProperty("message").GetString(), $": ARM returned a status URL ({header}) to \"{origin}/", cli.Stdout);
        StringAssert.Contains(errors[0].GetProperty("message").GetString(), "which is not on the ARM endpoint", cli.Stdout);
        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Path.Contains("/operationResults/", StringComparison.Ordinal)), "no poll reached any host here");
    }
}
