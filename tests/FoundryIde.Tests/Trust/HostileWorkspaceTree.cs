using System.Diagnostics;
using System.Security.Cryptography;
using FoundryIde.Server.ClaudeConfig;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// Every entry under a folder, as lstat sees it, never opening anything but regular files and never following a
/// link: a regular file by its SHA-256 and mode, a symlink by where it points, a FIFO or device by its type.
/// </summary>
internal static class HostileWorkspaceTree
{
    public static Dictionary<string, string> Snapshot(params string[] roots)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in roots) Walk(root, entries);
        return entries;
    }

    public static void AssertUnchangedExcept(Dictionary<string, string> before, Dictionary<string, string> after, params string[] allowed)
    {
        var changed = before.Keys.Union(after.Keys)
            .Where(path => !allowed.Contains(path, StringComparer.Ordinal))
            .Where(path => before.GetValueOrDefault(path) != after.GetValueOrDefault(path))
            .Select(path => $"{path}: {before.GetValueOrDefault(path) ?? "(none)"} -> {after.GetValueOrDefault(path) ?? "(none)"}")
            .ToArray();
        Assert.IsEmpty(changed, "files that changed although nobody asked:\n" + string.Join("\n", changed));
    }

    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.AreEqual(0, mkfifo.ExitCode, $"mkfifo {path}");
    }

    private static void Walk(string path, Dictionary<string, string> entries)
    {
        var kind = FileProbe.Lstat(path);
        switch (kind)
        {
            case FileKind.Missing:
                return;
            case FileKind.Directory:
                entries[path] = "folder";
                foreach (var child in Directory.EnumerateFileSystemEntries(path)) Walk(child, entries);
                return;
            case FileKind.Symlink:
                entries[path] = "link -> " + new FileInfo(path).LinkTarget;
                return;
            case FileKind.Regular:
                using (var stream = File.OpenRead(path))
                {
                    entries[path] = $"file {Convert.ToHexStringLower(SHA256.HashData(stream))} {File.GetUnixFileMode(path)}";
                }

                return;
            default:
                entries[path] = kind.ToString();
                return;
        }
    }
}
