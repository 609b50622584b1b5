using System.Runtime.InteropServices;
using System.Text;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>What a path is, as lstat(2) or stat(2) reports it. <see cref="Unknown"/>: it exists but cannot be examined.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}

/// <summary>
/// The type of a file without opening it (opening a FIFO blocks until a writer comes; reading /dev/zero never ends).
/// .NET exposes no file type beyond folder/link, so this asks the runtime's own native shim (libSystem.Native, present
/// in every .NET install and linked into the NativeAOT binary), whose FileStatus starts with Flags then Mode on every
/// platform, with the POSIX S_IFMT values.
/// </summary>
public static class FileProbe
{
    private const int TypeMask = 0xF000;

    /// <summary>The path itself: a symlink is reported as <see cref="FileKind.Symlink"/>.</summary>
    public static FileKind Lstat(string path) => Probe(path, follow: false);

    /// <summary>What the path leads to, every symlink followed (a dangling link is <see cref="FileKind.Missing"/>).</summary>
    public static FileKind Stat(string path) => Probe(path, follow: true);

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        FileKind.Symlink => "a symlink",
        FileKind.Unknown => "something that cannot be examined",
        _ => "a regular file",
    };

    private static FileKind Probe(string path, bool follow)
    {
        if (OperatingSystem.IsWindows()) return ProbeWindows(path, follow);
        var bytes = NulTerminated(path);
        var status = default(NativeFileStatus);
        if ((follow ? NativeStat(bytes, out status) : NativeLStat(bytes, out status)) != 0)
        {
            // ENOENT and ENOTDIR are 2 and 20 on Linux and macOS alike.
            return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : FileKind.Unknown;
        }

        return (status.Mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>Windows has no FIFOs or device files in the file system: a reparse point, a folder or a file.</summary>
    private static FileKind ProbeWindows(string path, bool follow)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists) info = new DirectoryInfo(path);
        if (!info.Exists && info.LinkTarget is null) return FileKind.Missing;
        if (info.LinkTarget is not null)
        {
            if (!follow) return FileKind.Symlink;
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            if (!info.Exists) return FileKind.Missing;
        }

        return info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory : FileKind.Regular;
    }

    /// <summary>
    /// True when the path (not followed) names the very file the handle has open, compared by the shim's whole
    /// FileStatus, device and inode included (fstat and lstat of one file agree field for field; two files never
    /// share device and inode), so no field offset is assumed. False when the path is gone or names another file.
    /// </summary>
    public static bool SameFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        var bytes = NulTerminated(path);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (NativeFStat(handle.DangerousGetHandle(), out var open) != 0) return false;
            if (NativeLStat(bytes, out var named) != 0) return false;
            return MemoryMarshal.AsBytes(new ReadOnlySpan<NativeFileStatus>(in open))
                .SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<NativeFileStatus>(in named)));
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static byte[] NulTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>The head of the shim's FileStatus; the size leaves room for every field the runtime may add at the end.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int NativeLStat(byte[] path, out NativeFileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int NativeFStat(IntPtr fd, out NativeFileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int NativeStat(byte[] path, out NativeFileStatus status);
}
