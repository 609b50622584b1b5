using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// `foundry-ide serve` started in <see cref="HostileWorkspace"/> as an editor would: doctor/run with the resource and
/// the workspace folder (what the extension runs at start), config/effective, env/generate into the planted outputs.
/// Each call answers within the bound with a result or a clear error, the sidecar keeps answering ping, and no file
/// changes except the one output it was asked to write (with its own backup and lock names).
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileWorkspaceSidecarTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    [TestMethod]
    public async Task Serve_HostileWorkspace_EveryCallAnswersSidecarStaysUpAndOnlyTheAskedFileChanges()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();
        await using var session = SidecarSession.Start(hostile.Environment, workingDirectory: hostile.Workspace);
        var server = session.Server;
        var ct = TestContext.CancellationToken;
        await server.InitializeAsync(new InitializeParams("tests", "1",
            new CloudSettings(ArmEndpoint: Emulator.BaseUri.ToString(), AuthorityHost: Emulator.AuthorityHost)), ct).WaitAsync(Bound, ct);

        var doctor = await server.RunDoctorAsync(new DoctorParams(5, DefaultSeed.FoundryAccount, WorkspaceFolder: hostile.Workspace), ct).WaitAsync(Bound, ct);
        await Pong(session);
        var config = await server.GetEffectiveConfigAsync(new EffectiveConfigParams(hostile.Workspace), ct).WaitAsync(Bound, ct);
        await Pong(session);
        var refused = new List<string>();
        foreach (var name in new[] { ".env", "latin1.env", "fifo.env", "huge.env", ".claude/settings.json" })
        {
            var error = await Assert.ThrowsAsync<Exception>(() => server.GenerateEnvAsync(
                new EnvParams(DefaultSeed.FoundryAccount, Output: hostile[name], WorkspaceFolder: hostile.Workspace), ct).WaitAsync(Bound, ct));
            Assert.IsNotInstanceOfType<TimeoutException>(error, $"{name}: no answer in time");
            refused.Add($"{name}: {error.Message}");
            await Pong(session);
        }

        var written = await server.GenerateEnvAsync(new EnvParams(DefaultSeed.FoundryAccount, Format: "claude-settings",
            Output: hostile["out-claude.json"], WorkspaceFolder: hostile.Workspace), ct).WaitAsync(Bound, ct);
        await Pong(session);

        Assert.IsNotNull(doctor.Effective, session.Stderr);
        StringAssert.Contains(string.Join("\n", config.Files.Select(f => f.Error)), "not a regular file");
        var messages = string.Join("\n", refused);
        StringAssert.Contains(messages, "outside");
        StringAssert.Contains(messages, "not valid UTF-8");
        StringAssert.Contains(messages, "a FIFO (named pipe), not a regular file");
        StringAssert.Contains(messages, "too large");
        Assert.IsTrue(written.File?.Changed, session.Stderr);
        HostileWorkspaceTree.AssertUnchangedExcept(before, hostile.Snapshot(), hostile.WriterFiles("out-claude.json"));
        Assert.IsFalse(File.Exists(hostile.Marker), "the repository's core.fsmonitor program ran");
        Assert.IsFalse(session.Process.HasExited, session.Stderr);
    }

    [TestMethod]
    public async Task GenerateEnv_RelativeWorkspaceFolder_InvalidInputBeforeAnythingHappens()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        await using var session = SidecarSession.Start(hostile.Environment);
        var ct = TestContext.CancellationToken;
        await session.Server.InitializeAsync(new InitializeParams("tests", "1",
            new CloudSettings(ArmEndpoint: Emulator.BaseUri.ToString(), AuthorityHost: Emulator.AuthorityHost)), ct).WaitAsync(Bound, ct);

        var error = await Assert.ThrowsAsync<Exception>(() => session.Server.GenerateEnvAsync(
            new EnvParams(DefaultSeed.FoundryAccount, Output: hostile["out.env"], WorkspaceFolder: "src/hostile"), ct).WaitAsync(Bound, ct));

        StringAssert.Contains(error.Message, "workspaceFolder must be an absolute path");
    }

    private async Task Pong(SidecarSession session)
    {
        var ping = await session.Server.PingAsync(TestContext.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken);
        Assert.IsTrue(ping.Time > DateTimeOffset.MinValue, session.Stderr);
    }
}
