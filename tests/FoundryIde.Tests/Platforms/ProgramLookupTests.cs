using FoundryIde.Server.Platforms;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Platforms;

[TestClass]
public sealed class ProgramLookupTests
{
    private static readonly string[] LinuxTried = ["/usr/local/bin/az", "/usr/bin/az"];

    private static ProgramLookup Lookup(OsKind os, Func<string, bool> exists, params (string, string)[] env) =>
        new(new HostPlatform(os, new TestEnvironment(env)), exists);

    [TestMethod]
    public void Find_WindowsAzCmd_FoundThroughPathExt()
    {
        var lookup = Lookup(OsKind.Windows, p => p == @"C:\Program Files\Microsoft SDKs\Azure\CLI2\wbin\az.cmd",
            ("PATH", @"C:\Windows\System32;""C:\Program Files\Microsoft SDKs\Azure\CLI2\wbin"""), ("PATHEXT", ".COM;.EXE;.BAT;.CMD"));
        Assert.AreEqual(@"C:\Program Files\Microsoft SDKs\Azure\CLI2\wbin\az.cmd", lookup.Find("az"));
    }

    [TestMethod]
    public void Find_WindowsAzdExe_FoundWithDefaultPathExt()
    {
        var lookup = Lookup(OsKind.Windows, p => p == @"C:\Users\alice\AppData\Local\Programs\Azure Dev CLI\azd.exe",
            ("Path", @"C:\Users\alice\AppData\Local\Programs\Azure Dev CLI\"));
        Assert.AreEqual(@"C:\Users\alice\AppData\Local\Programs\Azure Dev CLI\azd.exe", lookup.Find("azd"));
    }

    [TestMethod]
    public void Find_WindowsExeBeforeCmd_FollowsPathExtOrder()
    {
        var lookup = Lookup(OsKind.Windows, p => p is @"C:\t\az.exe" or @"C:\t\az.cmd", ("PATH", @"C:\t"));
        Assert.AreEqual(@"C:\t\az.exe", lookup.Find("az"));
    }

    [TestMethod]
    public void Find_LinuxBareName_NoExtensionsTried()
    {
        var tried = new List<string>();
        var lookup = Lookup(OsKind.Linux, p => { tried.Add(p); return p == "/usr/bin/az"; }, ("PATH", "/usr/local/bin:/usr/bin"));
        Assert.AreEqual("/usr/bin/az", lookup.Find("az"));
        CollectionAssert.AreEqual(LinuxTried, tried);
    }

    [TestMethod]
    public void Find_NameWithSeparator_IsNotLookedUp() =>
        Assert.IsNull(Lookup(OsKind.Linux, _ => true, ("PATH", "/usr/bin")).Find("../az"));

    [TestMethod]
    public void Find_NoPath_IsNull() => Assert.IsNull(Lookup(OsKind.Windows, _ => true).Find("az"));

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public void Find_RealLinuxPath_FindsAnExecutableOnly()
    {
        var folder = Directory.CreateTempSubdirectory("lookup-");
        try
        {
            var plain = Path.Combine(folder.FullName, "az");
            File.WriteAllText(plain, "#!/bin/sh\n");
            var lookup = new ProgramLookup(new HostPlatform(OsKind.Linux, new TestEnvironment(("PATH", folder.FullName))));
            Assert.IsNull(lookup.Find("az"), "not executable");
            File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.AreEqual(plain, lookup.Find("az"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
