using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <param name="Target">The physical path to write: every symlink on the way resolved, none left.</param>
/// <param name="Note">Set when a symlink was followed, saying where to.</param>
public sealed record ResolvedOutput(string Target, string? Note);

/// <summary>
/// The file the user named (`--output`, RPC `output`). A path with no symlink on it is written as given. A path that
/// leads through a symlink (the file itself or a folder on the way) is followed only when its final target, every
/// link resolved, stays inside one of the allowed folders (the workspace folder, the user's home); otherwise it is
/// refused, so a cloned repository's `.env -> /etc/...` or `.env -> /somewhere/else` cannot redirect a write.
/// </summary>
public static class OutputPath
{
    private const int MaxLinks = 40;

    private static StringComparison Comparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <param name="allowedRoots">Absolute folders a symlinked path may lead into (null entries are skipped).</param>
    public static ResolvedOutput Resolve(string path, IEnumerable<string?> allowedRoots)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new FoundryException(FoundryErrorCode.InvalidInput, "The output path is empty.");
        var full = Path.GetFullPath(path);
        var target = Physical(full);
        switch (FileProbe.Lstat(target))
        {
            case FileKind.Directory:
                throw new FoundryException(FoundryErrorCode.InvalidInput, $"{full} is a folder; give a file name.");
            case not (FileKind.Missing or FileKind.Regular) and var kind:
                throw new FoundryException(FoundryErrorCode.FileConflict,
                    $"{full}{(target == full ? "" : $" (which leads to {target})")} is {FileProbe.Describe(kind)}, not a regular file: not opened. Nothing was changed.");
        }

        if (string.Equals(target, full, Comparison)) return new(full, null);
        var roots = allowedRoots.OfType<string>().Select(r => Path.TrimEndingDirectorySeparator(Physical(Path.GetFullPath(r)))).Distinct().ToArray();
        var inside = roots.FirstOrDefault(r => Inside(target, r));
        if (inside is null)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{full} leads through a symlink to {target}, which is outside {string.Join(" and ", roots)}: not following it. " +
                "Nothing was changed. Name the target itself if you mean to write there.");
        }

        return new(target, $"{full} is a symlink: wrote its target, {target} (inside {inside}), and left the link as it was.");
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both physical, no trailing separator).</summary>
    public static bool Inside(string path, string root) =>
        string.Equals(path, root, Comparison)
        || (path.StartsWith(root, Comparison) && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar));

    /// <summary>
    /// <paramref name="full"/> with every symlink resolved, component by component, as the kernel would walk it
    /// (a missing part ends the walk: nothing below it can be a link). Too many links (a loop) is refused.
    /// </summary>
    public static string Physical(string full)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(Split(full[root.Length..]).Reverse());
        var resolved = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? root;
                continue;
            }

            var next = Path.Combine(resolved, part);
            var kind = FileProbe.Lstat(next);
            if (kind == FileKind.Missing)
            {
                var rest = pending.Prepend(part).ToArray(); // a Stack enumerates in pop order: the path's order
                return Path.GetFullPath(Path.Combine([resolved, .. rest]));
            }

            if (kind != FileKind.Symlink)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new FoundryException(FoundryErrorCode.FileConflict, $"{full} goes through more than {MaxLinks} symlinks (a loop?); nothing was changed.");
            }

            var link = new FileInfo(next).LinkTarget
                ?? throw new FoundryException(FoundryErrorCode.FileConflict, $"{next} is a symlink that cannot be read; nothing was changed.");
            if (Path.IsPathRooted(link)) resolved = Path.GetPathRoot(link) ?? root;
            foreach (var piece in Split(Path.IsPathRooted(link) ? link[(Path.GetPathRoot(link) ?? "").Length..] : link).Reverse()) pending.Push(piece);
        }

        return resolved;
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
