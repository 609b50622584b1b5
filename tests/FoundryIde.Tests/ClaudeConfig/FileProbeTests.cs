using FoundryIde.Server.ClaudeConfig;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>SameFile decides whether a lock is worth anything: it must say no for every file but the one held open.</summary>
[TestClass]
public sealed class FileProbeTests
{
    public TestContext TestContext { get; set; } = null!;

    private string _dir = "";

    [TestInitialize]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "fide-probe-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public void SameFile_PathStillNamesTheOpenFile_True()
    {
        var path = Path.Combine(_dir, "a.lock");
        using var open = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        Assert.IsTrue(FileProbe.SameFile(open.SafeFileHandle, path));
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public void SameFile_PathUnlinkedThenCreatedAgain_False()
    {
        var path = Path.Combine(_dir, "a.lock");
        using var open = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        File.Delete(path);

        Assert.IsFalse(FileProbe.SameFile(open.SafeFileHandle, path));
        File.WriteAllBytes(path, []);
        Assert.IsFalse(FileProbe.SameFile(open.SafeFileHandle, path));
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public void SameFile_PathIsSymlinkToTheOpenFile_False()
    {
        var real = Path.Combine(_dir, "real.lock");
        var path = Path.Combine(_dir, "a.lock");
        using var open = new FileStream(real, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        File.CreateSymbolicLink(path, real);

        Assert.IsFalse(FileProbe.SameFile(open.SafeFileHandle, path));
        Assert.IsTrue(FileProbe.SameFile(open.SafeFileHandle, real));
    }
}
