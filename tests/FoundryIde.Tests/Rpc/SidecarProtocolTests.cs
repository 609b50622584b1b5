using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Rpc;

/// <summary>The real `foundry-ide serve` process, over its stdio.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class SidecarProtocolTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Dictionary<string, string> Env() => TestAzure.CleanEnvironment();

    [TestMethod]
    public async Task Initialize_NoParams_ReturnsVersionAndEveryMethod()
    {
        await using var session = SidecarSession.Start(Env());

        var result = await session.Server.InitializeAsync(null, TestContext.CancellationToken);

        Assert.AreEqual("foundry-ide", result.ServerName);
        Assert.MatchesRegex(@"^\d+\.\d+\.\d+", result.ServerVersion);
        var declared = typeof(IFoundryRpc).GetMethods().Select(m => m.GetCustomAttribute<JsonRpcMethodAttribute>()!.Name).ToArray();
        CollectionAssert.AreEquivalent(declared, result.Capabilities.Methods.ToArray(), "the methods the contract declares");
    }

    [TestMethod]
    public async Task Serve_MalformedFrames_EachGetsAnErrorAndTheServerAnswersAgain()
    {
        using var process = Sidecar.Start("serve", Env());
        // Drained, so that the sidecar's log never fills the pipe and stalls it; shown if the answers do not come.
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        var stdin = process.StandardInput.BaseStream;
        byte[][] frames =
        [
            RawFrames.Request(1, "initialize"),
            RawFrames.Frame("{this is not json"),
            "Content-Type: text/plain\r\n\r\n"u8.ToArray(),
            "Content-Length: abc\r\n\r\n"u8.ToArray(),
            RawFrames.Frame("""{"jsonrpc":"2.0","id":2,"method":42}"""),
            RawFrames.Frame("""{"jsonrpc":"2.0","id":3,"method":"no/such"}"""),
            RawFrames.Frame("""[1,2,3]"""),
            RawFrames.Request(5, "doctor/run", """{"probeTimeoutSeconds":"soon"}"""),
            RawFrames.Request(4, "ping"),
        ];
        foreach (var frame in frames) await stdin.WriteAsync(frame, TestContext.CancellationToken);
        await stdin.FlushAsync(TestContext.CancellationToken);

        var answers = await ReadAnswersAsync(process, 9, stderr);

        Assert.IsTrue(answers.ContainsKey("1") && answers["1"].TryGetProperty("result", out _), "initialize answered");
        Assert.IsTrue(answers.ContainsKey("4") && answers["4"].TryGetProperty("result", out _), "ping after the garbage answered");
        Assert.AreEqual(-32600, ErrorCode(answers["2"]));
        Assert.AreEqual(-32601, ErrorCode(answers["3"]));
        Assert.AreEqual(-32602, ErrorCode(answers["5"]));
        var nullIdErrors = answers.Where(a => a.Key.StartsWith("null", StringComparison.Ordinal)).Select(a => ErrorCode(a.Value)).ToArray();
        Assert.HasCount(4, nullIdErrors, "one error for each unreadable frame");
        Assert.IsFalse(process.HasExited);
        process.StandardInput.Close();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.AreEqual(0, process.ExitCode);
    }

    [TestMethod]
    public async Task Serve_OversizedBody_RefusedWithoutBufferingAndNextRequestAnswered()
    {
        using var process = Sidecar.Start("serve", Env());
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        var stdin = process.StandardInput.BaseStream;
        var size = BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes + 1;
        await stdin.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"Content-Length: {size}\r\n\r\n"), TestContext.CancellationToken);
        await stdin.WriteAsync(new byte[size], TestContext.CancellationToken);
        await stdin.WriteAsync(RawFrames.Request(9, "ping"), TestContext.CancellationToken);
        await stdin.FlushAsync(TestContext.CancellationToken);

        var answers = await ReadAnswersAsync(process, 2, stderr);

        Assert.AreEqual((int)FoundryErrorCode.MessageTooLarge, ErrorCode(answers["null0"]));
        Assert.IsTrue(answers["9"].TryGetProperty("result", out _));
    }

    [TestMethod]
    public async Task Serve_StdinClosed_ExitsWithZero()
    {
        await using var session = SidecarSession.Start(Env());
        await session.Server.PingAsync(TestContext.CancellationToken);

        session.Process.StandardInput.Close();

        Assert.IsTrue(await session.WaitForExitAsync(TimeSpan.FromSeconds(10)), "exited after stdin closed");
        Assert.AreEqual(0, session.Process.ExitCode);
    }

    [TestMethod]
    public async Task ShutdownThenExit_RefusesNewWorkThenEnds()
    {
        await using var session = SidecarSession.Start(Env());

        await session.Server.ShutdownAsync(TestContext.CancellationToken);
        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(
            () => session.Server.RunDoctorAsync(new DoctorParams(), TestContext.CancellationToken));
        session.Server.OnExit();

        Assert.AreEqual((int)FoundryErrorCode.ShuttingDown, refused.ErrorCode);
        Assert.IsTrue(await session.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.AreEqual(0, session.Process.ExitCode);
    }

    [TestMethod]
    public async Task Serve_InvalidParameterValue_ExpectedErrorWithStableCodeAndNoStackTrace()
    {
        await using var session = SidecarSession.Start(Env());

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(
            () => session.Server.RunDoctorAsync(new DoctorParams(ProbeTimeoutSeconds: -1), TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.InvalidInput, error.ErrorCode);
        StringAssert.Contains(error.Message, "probeTimeoutSeconds");
        Assert.DoesNotContain(" at ", error.Message);
    }

    [TestMethod]
    public async Task Serve_Logs_GoToStderrNeverStdout()
    {
        await using var session = SidecarSession.Start(Env());
        await session.Server.InitializeAsync(new InitializeParams("tests", "1"), TestContext.CancellationToken);
        await session.Server.PingAsync(TestContext.CancellationToken);

        StringAssert.Contains(session.Stderr, "serving JSON-RPC on stdio");
    }

    private async Task<Dictionary<string, JsonElement>> ReadAnswersAsync(Process process, int count, Task<string> stderr)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        var answers = new Dictionary<string, JsonElement>();
        var nulls = 0;
        while (answers.Count < count)
        {
            JsonDocument? read;
            try
            {
                read = await RawFrames.ReadAsync(process.StandardOutput.BaseStream, cts.Token);
            }
            catch (OperationCanceledException) when (!TestContext.CancellationToken.IsCancellationRequested)
            {
                if (!process.HasExited) process.Kill();
                throw new AssertFailedException($"{answers.Count} of {count} answers within 20 s: {string.Join(", ", answers.Keys)}\n" +
                    $"stderr:\n{await stderr}");
            }

            using var doc = read ?? throw new AssertFailedException($"stdout ended after {answers.Count} answers");
            var id = doc.RootElement.GetProperty("id");
            var key = id.ValueKind == JsonValueKind.Null ? $"null{nulls++}" : id.ToString();
            answers[key] = doc.RootElement.Clone();
        }

        return answers;
    }

    private static int ErrorCode(JsonElement answer) => answer.GetProperty("error").GetProperty("code").GetInt32();
}
