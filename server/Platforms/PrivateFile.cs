using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace FoundryIde.Server.Platforms;

/// <summary>
/// Creates a new file (CreateNew: never opens what is already there) that only its user may read when asked:
/// mode 0600 on Linux and macOS; on Windows an ACL with one entry, full control for the current user, and no
/// inherited entries (the folder's grants to Users or Administrators do not apply).
/// </summary>
public static class PrivateFile
{
    /// <summary>The SDDL of the Windows file: owner = the user, protected DACL (D:P) with one allow-full-access entry for them.</summary>
    public static string OwnerOnlySddl(string userSid) => $"O:{userSid}D:P(A;;FA;;;{userSid})";

    public static FileStream CreateNew(string path, bool isPrivate, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return isPrivate
                ? CreateOwnerOnly(path)
                : new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None,
            UnixCreateMode = isPrivate ? UnixFileMode.UserRead | UnixFileMode.UserWrite : mode,
        };
        return new FileStream(path, options);
    }

    [SupportedOSPlatform("windows")]
    private static FileStream CreateOwnerOnly(string path)
    {
        var user = WindowsIdentity.GetCurrent().User ?? throw new IOException("The current Windows user has no SID.");
        var security = new FileSecurity();
        security.SetSecurityDescriptorSddlForm(OwnerOnlySddl(user.Value));
        return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.FullControl, FileShare.None, 4096, FileOptions.None, security);
    }

    /// <summary>Whether only the current user may read the file (0600 or stricter; on Windows, the ACL has only the user).</summary>
    public static bool IsPrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return IsOwnerOnly(path);
        return (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) == 0;
    }

    [SupportedOSPlatform("windows")]
    private static bool IsOwnerOnly(string path)
    {
        var user = WindowsIdentity.GetCurrent().User;
        var rules = new FileInfo(path).GetAccessControl().GetAccessRules(true, true, typeof(SecurityIdentifier));
        return rules.Count > 0 && rules.Cast<FileSystemAccessRule>().All(r => r.IdentityReference.Equals(user));
    }
}
