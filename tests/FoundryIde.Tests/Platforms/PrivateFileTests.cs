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

    private const string User = "S-1-5-21-1-2-3-1001";
    private const int FullControl = 0x1F01FF;
    private const int Read = 0x120089;

    private static AclEntry Allow(string sid, int rights = FullControl) => new(sid, true, rights);

    [TestMethod]
    public void IsOwnerOnly_UserSystemAndAdministrators_IsPrivate() =>
        Assert.IsTrue(PrivateFile.IsOwnerOnly([Allow(User), Allow("S-1-5-18"), Allow("S-1-5-32-544")], User, User));

    [TestMethod]
    [DataRow("S-1-5-32-545", DisplayName = "BUILTIN\\Users")]
    [DataRow("S-1-5-11", DisplayName = "Authenticated Users")]
    [DataRow("S-1-1-0", DisplayName = "Everyone")]
    [DataRow("S-1-5-21-1-2-3-1002", DisplayName = "another user")]
    public void IsOwnerOnly_AnotherSidMayRead_IsNotPrivate(string other) =>
        Assert.IsFalse(PrivateFile.IsOwnerOnly([Allow(User), Allow("S-1-5-18"), Allow(other, Read)], User, User));

    [TestMethod]
    public void IsOwnerOnly_DenyOrEmptyEntryForOthers_IsPrivate() =>
        Assert.IsTrue(PrivateFile.IsOwnerOnly([Allow(User), new("S-1-1-0", false, FullControl), Allow("S-1-5-32-545", 0)], User, User));

    [TestMethod]
    [DataRow("S-1-5-18")]
    [DataRow("S-1-5-32-544")]
    public void IsOwnerOnly_OwnedBySystemOrAdministrators_IsPrivate(string owner) =>
        Assert.IsTrue(PrivateFile.IsOwnerOnly([Allow(User)], User, owner));

    [TestMethod]
    public void IsOwnerOnly_OwnedByAnotherUser_IsNotPrivate() =>
        Assert.IsFalse(PrivateFile.IsOwnerOnly([Allow(User)], User, "S-1-5-21-1-2-3-1002"));

    [TestMethod]
    public void IsOwnerOnly_NoEntryForTheUser_IsNotPrivate() =>
        Assert.IsFalse(PrivateFile.IsOwnerOnly([Allow("S-1-5-18")], User, User));

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
