using FoundryIde.Server.Platforms;

namespace FoundryIde.Tests.Platforms;

[TestClass]
public sealed class PrivateFileTests
{
    [TestMethod]
    public void OwnerOnlySddl_UserSid_ProtectedDaclWithOneEntry() =>
        Assert.AreEqual("O:S-1-5-21-1-2-3-1001D:P(A;;FA;;;S-1-5-21-1-2-3-1001)", PrivateFile.OwnerOnlySddl("S-1-5-21-1-2-3-1001"));

    [TestMethod]
    public void CreateNew_Private_Is0600AndIsPrivate()
    {
        var path = Path.Combine(Path.GetTempPath(), "private-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (PrivateFile.CreateNew(path, isPrivate: true, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)) { }
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.IsTrue(PrivateFile.IsPrivate(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CreateNew_NotPrivate_KeepsTheGivenMode()
    {
        var path = Path.Combine(Path.GetTempPath(), "shared-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (PrivateFile.CreateNew(path, isPrivate: false, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)) { }
            Assert.IsFalse(PrivateFile.IsPrivate(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CreateNew_Existing_Throws()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.ThrowsExactly<IOException>(() => PrivateFile.CreateNew(path, isPrivate: true, UnixFileMode.UserRead));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
