using System.Diagnostics;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class SafeFileWriterTests
{
    public TestContext TestContext { get; set; } = null!;

    private string _dir = "";

    [TestInitialize]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "fide-write-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private Task<FileWriteResult> Write(string path, EnvVariable[] variables) =>
        SafeFileWriter.WriteAsync(path, [_dir], existing => EnvFileMerge.Merge(existing, EnvFormat.Dotenv, variables),
            variables.Any(v => v.Secret), TestContext.CancellationToken);

    [TestMethod]
    public async Task WriteAsync_KeyIntoNewFile_Mode0600()
    {
        var path = Path.Combine(_dir, ".env");

        await Write(path, Key);

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [TestMethod]
    public async Task WriteAsync_ExistingFile_BackupKeptAndSecondWriteChangesNothing()
    {
        var path = Path.Combine(_dir, "foundry.env");
        await File.WriteAllTextAsync(path, "OTHER=1\n", TestContext.CancellationToken);

        var first = await Write(path, Entra);
        var stamp = File.GetLastWriteTimeUtc(path);
        var second = await Write(path, Entra);

        Assert.IsTrue(first.Changed);
        Assert.AreEqual("OTHER=1\n", await File.ReadAllTextAsync(first.BackupPath!, TestContext.CancellationToken));
        Assert.IsFalse(second.Changed);
        Assert.AreEqual(stamp, File.GetLastWriteTimeUtc(path));
    }

    [TestMethod]
    public async Task WriteAsync_SwitchFromKeyToEntra_NoBackupHoldsAKey()
    {
        var path = Path.Combine(_dir, ".env");
        await Write(path, Key);
        await Write(path, [.. Entra, new(FoundryVariables.ApiKey, "second-k3y", true)]);
        Assert.IsTrue(File.Exists(path + ".bak"), "a key replaced by a key: the backup keeps the first, private");

        var entra = await Write(path, Entra);

        Assert.IsNull(entra.BackupPath);
        StringAssert.Contains(entra.Note, "No backup was kept: the old content held an API key, which this write removes; the earlier");
        Assert.IsFalse(File.Exists(path + ".bak"));
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("k3y", await File.ReadAllTextAsync(file, TestContext.CancellationToken), file);
        }
    }

    [TestMethod]
    public async Task WriteAsync_SwitchToEntraWithABackupThatIsALinkOrAFifo_NeitherFollowedNorOpenedNorRemoved()
    {
        var path = Path.Combine(_dir, ".env");
        var outside = Path.Combine(_dir, "outside", "keys.env");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        await File.WriteAllTextAsync(outside, $"{FoundryVariables.ApiKey}=theirs\n", TestContext.CancellationToken);
        await Write(path, Key);
        File.CreateSymbolicLink(path + ".bak", outside);

        await Write(path, Entra);

        Assert.AreEqual(outside, new FileInfo(path + ".bak").LinkTarget, "a link is not ours to remove");
        Assert.AreEqual($"{FoundryVariables.ApiKey}=theirs\n", await File.ReadAllTextAsync(outside, TestContext.CancellationToken));

        await Write(path, Key);
        File.Delete(path + ".bak");
        Assert.AreEqual(0, Mkfifo(path + ".bak"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await SafeFileWriter.WriteAsync(path, [_dir], existing => EnvFileMerge.Merge(existing, EnvFormat.Dotenv, Entra), false, timeout.Token);
        Assert.IsTrue(File.Exists(path + ".bak"), "the FIFO is left alone, never opened");
    }

    private static int Mkfifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode;
    }

    [TestMethod]
    public async Task WriteAsync_KeyIntoFileGitWouldCommit_RefusedAndNothingChanges()
    {
        await Git("init", "-q");
        var path = Path.Combine(_dir, ".env");
        await File.WriteAllTextAsync(path, "A=1\n", TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(path, Key));

        Assert.AreEqual(FoundryErrorCode.FileConflict, error.Code);
        StringAssert.Contains(error.Message, ".gitignore");
        Assert.AreEqual("A=1\n", await File.ReadAllTextAsync(path, TestContext.CancellationToken));
        Assert.IsFalse(File.Exists(path + ".bak"));
    }

    [TestMethod]
    public async Task WriteAsync_KeyIntoIgnoredFile_Written()
    {
        await Git("init", "-q");
        await File.WriteAllTextAsync(Path.Combine(_dir, ".gitignore"), ".env\n", TestContext.CancellationToken);

        var result = await Write(Path.Combine(_dir, ".env"), Key);

        Assert.IsTrue(result.Changed);
    }

    [TestMethod]
    public async Task WriteAsync_SymlinkInsideTheAllowedFolder_TargetWrittenLinkKeptAndSaid()
    {
        var target = Path.Combine(_dir, "real.env");
        await File.WriteAllTextAsync(target, "A=1\n", TestContext.CancellationToken);
        var link = Path.Combine(_dir, "link.env");
        File.CreateSymbolicLink(link, target);

        var result = await Write(link, Entra);

        Assert.AreEqual(target, result.Path);
        StringAssert.Contains(result.Note, "symlink");
        Assert.IsNotNull(new FileInfo(link).LinkTarget);
        StringAssert.Contains(await File.ReadAllTextAsync(target, TestContext.CancellationToken), "CLAUDE_CODE_USE_FOUNDRY=1");
    }

    [TestMethod]
    public async Task WriteAsync_UnwritablePath_FileConflictAndNothingLeft()
    {
        var notAFolder = Path.Combine(_dir, "plain-file");
        await File.WriteAllTextAsync(notAFolder, "x", TestContext.CancellationToken);
        var path = Path.Combine(notAFolder, ".env"); // fails for root too: a file is not a folder

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(path, Entra));

        StringAssert.Contains(error.Message, "Nothing was changed");
        Assert.AreEqual("x", await File.ReadAllTextAsync(notAFolder, TestContext.CancellationToken));
        Assert.HasCount(1, Directory.GetFiles(_dir));
    }

    [TestMethod]
    public async Task WriteAsync_FiftyConcurrentWriters_EveryLineOfEveryWriterSurvives()
    {
        var path = Path.Combine(_dir, "shared.env");
        await File.WriteAllTextAsync(path, "# keep me\nFOREIGN=1\n", TestContext.CancellationToken);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => SafeFileWriter.WriteAsync(path, [_dir],
            existing => EnvFileMerge.Merge(existing, EnvFormat.Dotenv, Entra) + $"W{i}=1\n", false, TestContext.CancellationToken))));

        var text = await File.ReadAllTextAsync(path, TestContext.CancellationToken);
        StringAssert.StartsWith(text, "# keep me\nFOREIGN=1\n");
        for (var i = 0; i < 50; i++) StringAssert.Contains(text, $"\nW{i}=1\n");
        Assert.AreEqual(1, text.Split('\n').Count(l => l == "CLAUDE_CODE_USE_FOUNDRY=1"));
        Assert.IsEmpty(Directory.GetFiles(_dir, "*.tmp"));
    }

    private async Task Git(params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = _dir, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        await git.WaitForExitAsync(TestContext.CancellationToken);
        Assert.AreEqual(0, git.ExitCode);
    }
}
