using System.Diagnostics;
using System.Text;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// SafeFileWriter in a folder a stranger prepared: the files it makes on its own (FILE.bak, FILE.lock, .FILE.HEX.tmp)
/// planted as symlinks into a fake home, the named file a symlink out of bounds, a FIFO, not UTF-8, too large.
/// Nothing outside the named file (and the writer's own names) may change.
/// </summary>
[TestClass]
public sealed class HostileWorkspaceWriteTests
{
    public TestContext TestContext { get; set; } = null!;

    private string _root = "", _home = "", _workspace = "", _outside = "";

    [TestInitialize]
    public void CreateFolders()
    {
        _root = Path.Combine(Path.GetTempPath(), "fide-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_home = Path.Combine(_root, "home"));
        Directory.CreateDirectory(_workspace = Path.Combine(_home, "src", "repo"));
        Directory.CreateDirectory(_outside = Path.Combine(_root, "outside"));
        File.WriteAllText(Path.Combine(_home, ".bashrc"), "echo precious bashrc\n");
        File.WriteAllText(Path.Combine(_home, ".profile"), "echo precious profile\n");
        File.WriteAllText(Path.Combine(_outside, "target.env"), "OUTSIDE=1\n");
    }

    [TestCleanup]
    public void RemoveFolders() => Directory.Delete(_root, recursive: true);

    private string InWorkspace(string name) => Path.Combine(_workspace, name);

    private Task<FileWriteResult> Write(string path, string format = EnvFormat.Dotenv) =>
        SafeFileWriter.WriteAsync(path, [_workspace, _home], existing => EnvFormat.IsJson(format)
            ? JsonSettingsMerge.Merge(path, existing, format, Entra)
            : EnvFileMerge.Merge(existing, format, Entra), holdsSecret: false, TestContext.CancellationToken);

    [TestMethod]
    public async Task WriteAsync_BackupIsSymlinkToHomeFile_LinkReplacedAndTargetUntouched()
    {
        var bashrc = Path.Combine(_home, ".bashrc");
        await File.WriteAllTextAsync(InWorkspace(".env"), "OLD=1\n", TestContext.CancellationToken);
        File.CreateSymbolicLink(InWorkspace(".env.bak"), bashrc);
        var before = HostileWorkspaceTree.Snapshot(_root);

        var result = await Write(InWorkspace(".env"));

        Assert.AreEqual("echo precious bashrc\n", await File.ReadAllTextAsync(bashrc, TestContext.CancellationToken));
        Assert.IsNull(new FileInfo(InWorkspace(".env.bak")).LinkTarget, "the planted link is replaced by a real backup");
        Assert.AreEqual("OLD=1\n", await File.ReadAllTextAsync(result.BackupPath!, TestContext.CancellationToken));
        HostileWorkspaceTree.AssertUnchangedExcept(before, HostileWorkspaceTree.Snapshot(_root), InWorkspace(".env"), InWorkspace(".env.bak"));
    }

    [TestMethod]
    [DataRow(".env.lock", ".profile", DisplayName = "lock file -> existing home file")]
    [DataRow(".env.lock", ".ssh/authorized_keys", DisplayName = "lock file -> missing home file")]
    [DataRow("..env.0123456789ab.tmp", ".profile", DisplayName = "stale temporary file -> existing home file")]
    [DataRow("..env.0123456789ab.tmp", ".ssh/authorized_keys", DisplayName = "stale temporary file -> missing home file")]
    public async Task WriteAsync_HelperFileIsSymlinkIntoHome_LinkRemovedAndNothingCreatedOrChangedThere(string helper, string homeFile)
    {
        await File.WriteAllTextAsync(InWorkspace(".env"), "OLD=1\n", TestContext.CancellationToken);
        File.CreateSymbolicLink(InWorkspace(helper), Path.Combine(_home, homeFile));
        var before = HostileWorkspaceTree.Snapshot(_root);

        var result = await Write(InWorkspace(".env"));

        Assert.IsTrue(result.Changed);
        Assert.IsFalse(Path.Exists(InWorkspace(helper)), "the planted helper link is gone");
        HostileWorkspaceTree.AssertUnchangedExcept(before, HostileWorkspaceTree.Snapshot(_root), InWorkspace(".env"), InWorkspace(".env.bak"), InWorkspace(helper));
    }

    [TestMethod]
    public async Task WriteAsync_LockFileIsFifo_RemovedNeverOpened()
    {
        await File.WriteAllTextAsync(InWorkspace(".env"), "OLD=1\n", TestContext.CancellationToken);
        HostileWorkspaceTree.MakeFifo(InWorkspace(".env.lock"));

        var result = await Write(InWorkspace(".env")).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken);

        Assert.IsTrue(result.Changed);
        Assert.IsFalse(Path.Exists(InWorkspace(".env.lock")));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "the file is a symlink")]
    [DataRow(true, DisplayName = "a folder on the way is a symlink")]
    public async Task WriteAsync_OutputLeadsOutsideWorkspaceAndHome_RefusedNamingTheTargetAndNothingChanged(bool throughFolder)
    {
        var output = throughFolder ? Path.Combine(InWorkspace("linked"), "target.env") : InWorkspace(".env");
        File.CreateSymbolicLink(throughFolder ? InWorkspace("linked") : output, throughFolder ? _outside : Path.Combine(_outside, "target.env"));
        File.CreateSymbolicLink(InWorkspace(".env.bak"), Path.Combine(_home, ".bashrc"));
        var before = HostileWorkspaceTree.Snapshot(_root);

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(output));

        Assert.AreEqual(FoundryErrorCode.FileConflict, error.Code);
        StringAssert.Contains(error.Message, output);
        StringAssert.Contains(error.Message, Path.Combine(_outside, "target.env"));
        StringAssert.Contains(error.Message, "outside");
        HostileWorkspaceTree.AssertUnchangedExcept(before, HostileWorkspaceTree.Snapshot(_root));
    }

    [TestMethod]
    public async Task WriteAsync_OutputChainOfLinksEndingInHome_FollowedAndSaid()
    {
        var real = Path.Combine(_home, "notes", "foundry.env");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        await File.WriteAllTextAsync(real, "KEEP=1\n", TestContext.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(_outside, "hop"), Path.Combine(_home, "notes"));
        File.CreateSymbolicLink(InWorkspace(".env"), Path.Combine(_outside, "hop", "foundry.env"));

        var result = await Write(InWorkspace(".env"));

        Assert.AreEqual(real, result.Path);
        StringAssert.Contains(result.Note, "symlink");
        StringAssert.Contains(result.Note, real);
        Assert.AreEqual(Path.Combine(_outside, "hop", "foundry.env"), new FileInfo(InWorkspace(".env")).LinkTarget, "the link is left as it was");
        StringAssert.StartsWith(await File.ReadAllTextAsync(real, TestContext.CancellationToken), "KEEP=1\n");
    }

    [TestMethod]
    public async Task WriteAsync_OutputIsFifoOrDevice_RefusedWithoutBlocking()
    {
        HostileWorkspaceTree.MakeFifo(InWorkspace("fifo.env"));
        File.CreateSymbolicLink(InWorkspace("zero.env"), "/dev/zero");

        var fifo = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(InWorkspace("fifo.env")).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken));
        var zero = await Assert.ThrowsExactlyAsync<FoundryException>(() => SafeFileWriter.WriteAsync(
            InWorkspace("zero.env"), ["/"], existing => existing + "A=1\n", false, TestContext.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken));

        StringAssert.Contains(fifo.Message, "a FIFO (named pipe), not a regular file");
        StringAssert.Contains(zero.Message, "a character device, not a regular file");
        Assert.IsFalse(Path.Exists("/dev/zero.lock"));
    }

    [TestMethod]
    [DataRow(EnvFormat.Dotenv)]
    [DataRow(EnvFormat.ClaudeSettings)]
    public async Task WriteAsync_ExistingFileNotUtf8_RefusedWithOffsetNoBackupNothingWritten(string format)
    {
        var path = InWorkspace("latin1.env");
        byte[] bytes = [.. "A=caf"u8, 0xE9, (byte)'\n'];
        await File.WriteAllBytesAsync(path, bytes, TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(path, format));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "not valid UTF-8 (byte offset 5)");
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(path, TestContext.CancellationToken));
        Assert.IsFalse(Path.Exists(path + ".bak"));
    }

    [TestMethod]
    public async Task WriteAsync_ExistingFileOverTheCap_RefusedAndUntouched()
    {
        var path = InWorkspace("huge.env");
        await File.WriteAllTextAsync(path, "A=1\n" + new string('#', BoundedTextFile.MaxBytes), TestContext.CancellationToken);
        var before = HostileWorkspaceTree.Snapshot(_root);

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => Write(path));

        StringAssert.Contains(error.Message, "too large");
        HostileWorkspaceTree.AssertUnchangedExcept(before, HostileWorkspaceTree.Snapshot(_root));
    }

    [TestMethod]
    [DataRow(EnvFormat.Dotenv, "A=1\r\nB=2\r\n")]
    [DataRow(EnvFormat.Sh, "export A='1'\r\n")]
    [DataRow(EnvFormat.Fish, "set -gx A '1'\r\n")]
    [DataRow(EnvFormat.Pwsh, "$env:A = '1'\r\n")]
    [DataRow(EnvFormat.ClaudeSettings, "{\r\n  \"theme\": \"dark\"\r\n}\r\n")]
    [DataRow(EnvFormat.VsCode, "{\r\n  \"editor.tabSize\": 2\r\n}\r\n")]
    [DataRow(EnvFormat.Json, "{\r\n  \"A\": \"1\"\r\n}\r\n")]
    public async Task WriteAsync_BomAndCrlf_BothKeptAndSecondWriteChangesNothing(string format, string existing)
    {
        var path = InWorkspace("crlf-" + format);
        byte[] original = [.. BoundedTextFile.Utf8Bom, .. Encoding.UTF8.GetBytes(existing)];
        await File.WriteAllBytesAsync(path, original, TestContext.CancellationToken);

        var first = await Write(path, format);
        var second = await Write(path, format);

        var written = await File.ReadAllBytesAsync(path, TestContext.CancellationToken);
        var text = Encoding.UTF8.GetString(written.AsSpan(3));
        Assert.IsTrue(written.AsSpan().StartsWith(BoundedTextFile.Utf8Bom), "the BOM is kept");
        Assert.IsFalse(written.AsSpan(3).StartsWith(BoundedTextFile.Utf8Bom), "and not doubled");
        Assert.AreEqual(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1, $"every line ends in CRLF:\n{text}");
        StringAssert.Contains(text, "CLAUDE_CODE_USE_FOUNDRY");
        Assert.IsTrue(first.Changed);
        Assert.IsFalse(second.Changed);
        CollectionAssert.AreEqual(original, await File.ReadAllBytesAsync(first.BackupPath!, TestContext.CancellationToken), "the backup is the old bytes");
    }

    [TestMethod]
    public async Task EnsureNotCommittable_GitignoreIsFifo_RefusedAfterTheTimeoutInsteadOfHanging()
    {
        var repo = _workspace;
        using (var init = Process.Start(new ProcessStartInfo("git", ["-C", repo, "init", "-q"]) { UseShellExecute = false })!)
        {
            await init.WaitForExitAsync(TestContext.CancellationToken);
        }

        HostileWorkspaceTree.MakeFifo(Path.Combine(repo, ".gitignore"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() => GitGuard.EnsureNotCommittableAsync(Path.Combine(repo, ".env"), TestContext.CancellationToken)
            .WaitAsync(GitGuard.Timeout * 3, TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "did not answer");
        Assert.IsLessThan(GitGuard.Timeout * 2, clock.Elapsed);
    }
}
