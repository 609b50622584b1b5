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

    /// <summary>Whether only the current user may read the file (0600 or stricter; on Windows, <see cref="IsOwnerOnly(IReadOnlyCollection{AclEntry}, string, string?)"/>).</summary>
    public static bool IsPrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return IsOwnerOnly(path);
        return (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) == 0;
    }

    /// <summary>LocalSystem (S-1-5-18) and BUILTIN\Administrators (S-1-5-32-544): on every default profile file.</summary>
    public static readonly IReadOnlyList<string> AdministrativeSids = ["S-1-5-18", "S-1-5-32-544"];

    /// <summary>
    /// OpenSSH for Windows' rule for a private key (check_secure_file_permission): the owner is the user, SYSTEM or
    /// Administrators, and no entry allows anyone else (deny entries are ignored; an entry granting nothing counts for
    /// nothing). SYSTEM and Administrators may read every file of the machine anyway.
    /// </summary>
    public static bool IsOwnerOnly(IReadOnlyCollection<AclEntry> entries, string userSid, string? ownerSid)
    {
        bool Trusted(string sid) => sid == userSid || AdministrativeSids.Contains(sid);
        return ownerSid is not null && Trusted(ownerSid) && entries.Any(e => e.Allow && e.Sid == userSid)
            && entries.All(e => !e.Allow || e.Rights == 0 || Trusted(e.Sid));
    }

    [SupportedOSPlatform("windows")]
    private static bool IsOwnerOnly(string path)
    {
        var user = WindowsIdentity.GetCurrent().User;
        if (user is null) return false;
        var security = new FileInfo(path).GetAccessControl();
        var entries = security.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>()
            .Select(r => new AclEntry(r.IdentityReference.Value, r.AccessControlType == AccessControlType.Allow, (int)r.FileSystemRights))
            .ToList();
        return IsOwnerOnly(entries, user.Value, security.GetOwner(typeof(SecurityIdentifier))?.Value);
    }
}

/// <summary>One entry of a Windows ACL: whose (SID), allow or deny, and the access mask.</summary>
public readonly record struct AclEntry(string Sid, bool Allow, int Rights);
