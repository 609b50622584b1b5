using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.ClaudeCode;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// `foundry-ide env --output FILE` killed (SIGKILL, by strace) at the rename that would replace FILE: the old file must
/// be there, byte for byte, with its mode; the next run must not be blocked by the dead writer's lock file, and must
/// leave none of the dead writer's debris. Which files a crash leaves behind is asserted too, so a change shows.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class CrashDuringWriteTests
{
    private const UnixFileMode ReadWriteForUserReadForGroup =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const UnixFileMode UserOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    /// <summary>
    /// A writer held up by the lock waits 30 s and then fails; a whole `env --output` run (start, sign-in, ARM calls,
    /// write) takes a second alone, and took 18 s once with the other test classes running beside it.
    /// </summary>
    private static readonly TimeSpan LockWaitBound = TimeSpan.FromSeconds(25);

    [TestMethod]
    public async Task Env_KilledAtTheRenameOfADotenvFile_OldFileIntactAndTheNextWriteSucceedsWithoutDebris()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(env["HOME"], "project", ".env");
        var before = Encoding.UTF8.GetBytes(
            "# my project\nDATABASE_URL=postgres://localhost/app\nexport EDITOR=vim\n\nANTHROPIC_MODEL=claude-sonnet-4-5\n");
        await CreateAsync(file, before, ReadWriteForUserReadForGroup);
        var arguments = $"env --resource {DefaultSeed.FoundryAccount} --format dotenv --output {file} {Discover.CloudArguments(Emulator)}";

        var crash = await KilledWriter.RunAsync(arguments, env, env["HOME"], atRename: 2);

        AssertKilledAtTheRenameOf(crash, file);
        CollectionAssert.AreEqual(before, await File.ReadAllBytesAsync(file, TestContext.CancellationToken), "the old file, byte for byte");
        Assert.AreEqual(ReadWriteForUserReadForGroup, File.GetUnixFileMode(file));
        var sourced = await FoundryEnv.SourcedVariablesAsync(file, exportAll: true);
        Assert.AreEqual("postgres://localhost/app", sourced["DATABASE_URL"], "still a file bash sources");
        Assert.IsFalse(sourced.ContainsKey("CLAUDE_CODE_USE_FOUNDRY"), "nothing of the killed write");
        var debris = AssertCrashDebris(file, before, "CLAUDE_CODE_USE_FOUNDRY=1");

        var (next, elapsed) = await RunTimedAsync(arguments, env);

        Assert.AreEqual(0, next.ExitCode, next.ToString());
        var written = await File.ReadAllTextAsync(file, TestContext.CancellationToken);
        StringAssert.StartsWith(written, Encoding.UTF8.GetString(before), "every foreign line kept, in place");
        StringAssert.Contains(written, "CLAUDE_CODE_USE_FOUNDRY=1\n");
        Assert.AreEqual(ReadWriteForUserReadForGroup, File.GetUnixFileMode(file), "the mode is kept");
        AssertNoDebris(file, debris);
        CollectionAssert.AreEqual(before, await File.ReadAllBytesAsync(file + ".bak", TestContext.CancellationToken), "FILE.bak: the old content");
        Assert.IsLessThan(LockWaitBound, elapsed, "the dead writer's lock file did not hold the next writer up (it would wait 30 s)");
        TestContext.WriteLine($"next write after the crash: {elapsed.TotalMilliseconds:0} ms");
    }

    [TestMethod]
    public async Task Env_KilledAtTheRenameOfASettingsFile_OldFileIntactAndTheNextWriteSucceedsWithoutDebris()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(env["HOME"], ".claude", "settings.json");
        var before = Encoding.UTF8.GetBytes(
            "{\n  \"theme\": \"dark\",\n  \"permissions\": { \"allow\": [\"Bash(ls:*)\"] },\n  \"env\": { \"FOO\": \"bar\" }\n}\n");
        await CreateAsync(file, before, UserOnly);
        var arguments = $"env --resource {DefaultSeed.FoundryAccount} --format claude-settings --output {file} {Discover.CloudArguments(Emulator)}";

        var crash = await KilledWriter.RunAsync(arguments, env, env["HOME"], atRename: 2);

        AssertKilledAtTheRenameOf(crash, file);
        CollectionAssert.AreEqual(before, await File.ReadAllBytesAsync(file, TestContext.CancellationToken), "the old file, byte for byte");
        Assert.AreEqual(UserOnly, File.GetUnixFileMode(file));
        using (var parsed = JsonDocument.Parse(await File.ReadAllBytesAsync(file, TestContext.CancellationToken)))
        {
            Assert.IsFalse(parsed.RootElement.GetProperty("env").TryGetProperty("CLAUDE_CODE_USE_FOUNDRY", out _), "nothing of the killed write");
        }

        var debris = AssertCrashDebris(file, before, "\"CLAUDE_CODE_USE_FOUNDRY\"");

        var (next, elapsed) = await RunTimedAsync(arguments, env);

        Assert.AreEqual(0, next.ExitCode, next.ToString());
        using var written = JsonDocument.Parse(await File.ReadAllBytesAsync(file, TestContext.CancellationToken));
        Assert.AreEqual("dark", written.RootElement.GetProperty("theme").GetString());
        Assert.AreEqual("Bash(ls:*)", written.RootElement.GetProperty("permissions").GetProperty("allow")[0].GetString());
        Assert.AreEqual("bar", written.RootElement.GetProperty("env").GetProperty("FOO").GetString());
        Assert.AreEqual("1", written.RootElement.GetProperty("env").GetProperty("CLAUDE_CODE_USE_FOUNDRY").GetString());
        Assert.AreEqual(UserOnly, File.GetUnixFileMode(file), "the mode is kept");
        AssertNoDebris(file, debris);
        CollectionAssert.AreEqual(before, await File.ReadAllBytesAsync(file + ".bak", TestContext.CancellationToken), "FILE.bak: the old content");
        Assert.IsLessThan(LockWaitBound, elapsed, "the dead writer's lock file did not hold the next writer up (it would wait 30 s)");
        TestContext.WriteLine($"next write after the crash: {elapsed.TotalMilliseconds:0} ms");
    }

    private async Task CreateAsync(string file, byte[] content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content, TestContext.CancellationToken);
        File.SetUnixFileMode(file, mode);
    }

    /// <summary>
    /// Two renames: a temporary file onto FILE.bak (the backup, done), then one of a temporary file next to FILE onto
    /// FILE, which strace stopped, killing the writer there.
    /// </summary>
    private static void AssertKilledAtTheRenameOf(KilledWriter.Run crash, string file)
    {
        var context = $"{crash.Cli}\nstrace log:\n{crash.Log}";
        Assert.IsTrue(crash.Killed, "strace killed the writer: " + context);
        Assert.HasCount(2, crash.Renames, "the backup's rename, then the one where the writer died: " + context);
        Assert.AreEqual(file + ".bak", crash.Renames[0].To, context);
        var rename = crash.Renames[1];
        Assert.AreEqual(file, rename.To, context);
        Assert.AreEqual(Path.GetDirectoryName(file), Path.GetDirectoryName(rename.From), "the temporary file is in FILE's folder: " + context);
        StringAssert.StartsWith(Path.GetFileName(rename.From), "." + Path.GetFileName(file) + ".", context);
    }

    /// <summary>
    /// What a writer killed before its rename leaves: its complete temporary file (.FILE.HEX.tmp, the new content), its
    /// lock file (FILE.lock; the kernel released the lock itself), and FILE.bak (the old content, renamed into place
    /// before FILE's rename). Returns the temporary file.
    /// </summary>
    private static string AssertCrashDebris(string file, byte[] before, string newContent)
    {
        var folder = Path.GetDirectoryName(file)!;
        var temp = Assert.ContainsSingle(Directory.GetFiles(folder, "." + Path.GetFileName(file) + ".*.tmp"), "the killed writer's temporary file");
        StringAssert.Contains(File.ReadAllText(temp), newContent, "the temporary file was complete when the rename was stopped");
        Assert.IsTrue(File.Exists(file + ".lock"), "the killed writer's lock file is left");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(file + ".bak"), "FILE.bak was copied before the rename");
        return temp;
    }

    private static void AssertNoDebris(string file, string deadWritersTemp)
    {
        var folder = Path.GetDirectoryName(file)!;
        Assert.IsFalse(File.Exists(deadWritersTemp), "the dead writer's temporary file was removed");
        Assert.IsEmpty(Directory.GetFiles(folder, "*.tmp"), "no temporary file is left");
        Assert.IsFalse(File.Exists(file + ".lock"), "no lock file is left");
    }

    private static async Task<(CliResult Cli, TimeSpan Elapsed)> RunTimedAsync(string arguments, IReadOnlyDictionary<string, string> env)
    {
        var clock = Stopwatch.StartNew();
        var cli = await Sidecar.RunAsync(arguments, env, TimeSpan.FromSeconds(60));
        return (cli, clock.Elapsed);
    }
}
