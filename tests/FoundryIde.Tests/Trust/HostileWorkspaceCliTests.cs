using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// Every CLI verb run inside <see cref="HostileWorkspace"/> (as the current directory) against the emulator: each ends
/// within the time bound with a clear error or a safe result, and no file under HOME or outside it changes except the
/// one `--output` named (and the writer's own FILE.bak / FILE.lock / temporary names next to it). The repository's
/// core.fsmonitor script never runs.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileWorkspaceCliTests
{
    private static AzureEmulator Emulator => TestAzure.Emulator;

    private static string Cloud => Discover.CloudArguments(Emulator);

    private static void AssertNothingElseChanged(HostileWorkspace hostile, Dictionary<string, string> before, params string[] allowed)
    {
        HostileWorkspaceTree.AssertUnchangedExcept(before, hostile.Snapshot(), allowed);
        Assert.IsFalse(File.Exists(hostile.Marker), "the repository's core.fsmonitor program ran");
    }

    [TestMethod]
    public async Task Config_HostileWorkspace_EachBadFileReportedAndNothingChanged()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync($"config --json --workspace {hostile.Workspace}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        using var json = JsonDocument.Parse(cli.Stdout);
        var errors = json.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("source").GetString() is "local" or "project" or "vscode-workspace")
            .ToDictionary(f => f.GetProperty("source").GetString()!, f => f.TryGetProperty("error", out var e) ? e.GetString() : null);
        StringAssert.Contains(errors["local"], "a character device, not a regular file");
        StringAssert.Contains(errors["project"], "a FIFO (named pipe), not a regular file");
        StringAssert.Contains(errors["vscode-workspace"], "too large");
        Assert.DoesNotContain(HostileWorkspace.EvilHost, cli.Stdout, "nothing of the oversized file was read");
        AssertNothingElseChanged(hostile, before);
    }

    [TestMethod]
    public async Task Doctor_HostileWorkspaceWithResource_ReportEndsAndNothingChanged()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync($"doctor --json --timeout 5 --resource {DefaultSeed.FoundryAccount} --workspace {hostile.Workspace} {Cloud}");

        Assert.IsTrue(cli.Stdout.TrimStart().StartsWith('{'), cli.ToString());
        StringAssert.Contains(cli.Stdout, "not a regular file");
        AssertNothingElseChanged(hostile, before);
    }

    [TestMethod]
    public async Task Env_OutputLinksOutsideHome_RefusedNamingTheTargetAndNothingChanged()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync($"env --resource {DefaultSeed.FoundryAccount} --output .env {Cloud}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, Path.Combine(hostile.Outside, "target.env"));
        StringAssert.Contains(cli.Stderr, "outside");
        AssertNothingElseChanged(hostile, before);
    }

    [TestMethod]
    [DataRow(EnvFormat.Dotenv)]
    [DataRow(EnvFormat.Sh)]
    [DataRow(EnvFormat.Fish)]
    [DataRow(EnvFormat.Pwsh)]
    [DataRow(EnvFormat.ClaudeSettings)]
    [DataRow(EnvFormat.VsCode)]
    [DataRow(EnvFormat.Json)]
    public async Task Env_EachFormatBesidePlantedHelperLinks_WrittenAndOnlyThatFileAndItsBackupChange(string format)
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var name = HostileWorkspace.Outputs[format];
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync($"env --resource {DefaultSeed.FoundryAccount} --format {format} --output {name} {Cloud}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(File.ReadAllText(hostile[name]), "CLAUDE_CODE_USE_FOUNDRY");
        StringAssert.Contains(File.ReadAllText(hostile[name]), "keep");
        Assert.IsNull(new FileInfo(hostile[name + ".bak"]).LinkTarget, "FILE.bak is a real file now, not the planted link");
        Assert.IsFalse(Path.Exists(hostile[name + ".lock"]), "the planted lock link is removed, not opened");
        AssertNothingElseChanged(hostile, before, hostile.WriterFiles(name));
    }

    [TestMethod]
    [DataRow("latin1.env", "not valid UTF-8 (byte offset 5)")]
    [DataRow("fifo.env", "a FIFO (named pipe), not a regular file")]
    [DataRow("huge.env", "too large")]
    [DataRow(".claude/settings.local.json", "(which leads to /dev/zero) is a character device, not a regular file")]
    public async Task Env_OutputNotAUsableFile_RefusedClearlyAndNothingChanged(string name, string expected)
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync($"env --resource {DefaultSeed.FoundryAccount} --output {name} {Cloud}");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, hostile[name]);
        StringAssert.Contains(cli.Stderr, expected);
        StringAssert.Contains(cli.Stderr, "Nothing was changed");
        AssertNothingElseChanged(hostile, before);
    }

    [TestMethod]
    public async Task ResourcesAndTest_InHostileWorkspace_EndAndNothingChanged()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var resources = await hostile.RunAsync($"resources --json {Cloud}");
        var test = await hostile.RunAsync($"test --json --resource {DefaultSeed.FoundryAccount} {Cloud}");

        Assert.IsTrue(resources.ExitCode is 0 or 3, resources.ToString()); // 3: a subscription the principal may not read
        Assert.IsTrue(test.Stdout.TrimStart().StartsWith('{') || test.Stderr.Length > 0, test.ToString());
        AssertNothingElseChanged(hostile, before);
    }
}
