using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using FoundryIde.Server.Platforms;

namespace FoundryIde.Tests.Platforms;

[TestClass]
public sealed class PrivateFileTests
{
    [TestMethod]
    public void OwnerOnlySddl_UserSid_ProtectedDaclWithOneEntry() =>
        Assert.AreEqual("O:S-1-5-21-1-2-3-1001D:P(A;;FA;;;S-1-5-21-1-2-3-1001)", PrivateFile.OwnerOnlySddl("S-1-5-21-1-2-3-1001"));

    [TestMethod]
    public void CreateNew_Private_IsOwnerOnlyAndIsPrivate()
    {
        var path = Path.Combine(Path.GetTempPath(), "private-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (PrivateFile.CreateNew(path, isPrivate: true, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)) { }
            if (OperatingSystem.IsWindows())
            {
                AssertOnlyTheUser(path);
            }
            else
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.IsTrue(PrivateFile.IsPrivate(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CreateNew_NotPrivate_KeepsTheGivenModeOrInheritedAcl()
    {
        var path = Path.Combine(Path.GetTempPath(), "shared-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (PrivateFile.CreateNew(path, isPrivate: false, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)) { }
            if (OperatingSystem.IsWindows())
            {
                // Not made private: the file keeps the entries it inherits from its folder.
                Assert.IsFalse(new FileInfo(path).GetAccessControl().AreAccessRulesProtected);
            }
            else
            {
                Assert.IsFalse(PrivateFile.IsPrivate(path));
            }
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

    /// <summary>A protected DACL (nothing inherited) with one entry: full control for the current user.</summary>
    [SupportedOSPlatform("windows")]
    private static void AssertOnlyTheUser(string path)
    {
        var security = new FileInfo(path).GetAccessControl();
        Assert.IsTrue(security.AreAccessRulesProtected);
        var rules = security.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToList();
        Assert.HasCount(1, rules);
        Assert.AreEqual(WindowsIdentity.GetCurrent().User, rules[0].IdentityReference);
        Assert.AreEqual(FileSystemRights.FullControl, rules[0].FileSystemRights & FileSystemRights.FullControl);
        Assert.AreEqual(AccessControlType.Allow, rules[0].AccessControlType);
    }
}
