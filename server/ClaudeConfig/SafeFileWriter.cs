using System.Security.Cryptography;
using System.Text;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <param name="Path">The file written (a symlink's final target when the given path was a link).</param>
/// <param name="Changed">False when the file already said exactly this (nothing was written).</param>
/// <param name="BackupPath">Where the previous content was saved, when there was any and it changed.</param>
/// <param name="Note">Something the user should know, e.g. that a symlink was followed.</param>
public sealed record FileWriteResult(string Path, bool Changed, string? BackupPath, string? Note);

/// <summary>
/// Read-merge-write that never loses a file: one writer at a time (a lock file next to it), the merge runs before
/// anything is written (a file that does not parse is left alone), the new content goes to a temporary file in the
/// same folder and replaces the old one with an atomic rename, the old content is kept as FILE.bak, and a file that
/// holds a secret is created 0600 and never where git would commit it.
/// The file the user named is followed through a symlink only into the allowed folders (<see cref="OutputPath"/>).
/// The files this writer makes on its own are never followed: the temporary files are created new (O_EXCL, which
/// does not follow a link), the backup is written to a new temporary file and renamed over FILE.bak (a rename replaces
/// a link, it never writes through it), and a lock file that is not a regular file (a planted symlink, a FIFO) is
/// removed, never opened. The existing file is read only when it is a regular UTF-8 file of at most 1 MiB
/// (<see cref="BoundedTextFile"/>); its byte-order mark is kept.
/// A writer killed between write and rename leaves the old file, its temporary file (.FILE.HEX.tmp) and its lock file:
/// the next writer removes that temporary file, and takes the lock over (the kernel released the dead writer's lock).
/// </summary>
public static class SafeFileWriter
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Default = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const int TempIdBytes = 6;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <param name="linkRoots">The folders a symlinked <paramref name="path"/> may lead into (the workspace, the home folder).</param>
    public static async Task<FileWriteResult> WriteAsync(
        string path, IEnumerable<string?> linkRoots, Func<string?, string> merge, bool holdsSecret, CancellationToken cancellationToken)
    {
        var (target, note) = OutputPath.Resolve(path, linkRoots);
        var folder = System.IO.Path.GetDirectoryName(target)!;
        var name = System.IO.Path.GetFileName(target);
        try
        {
            Directory.CreateDirectory(folder);
            using var held = await LockAsync(target, cancellationToken);
            RemoveStaleTemporaryFiles(folder, name);
            var read = await BoundedTextFile.ReadAsync(target, cancellationToken);
            if (read.Problem is { } problem) throw new FoundryException(FoundryErrorCode.FileConflict, $"{target} {problem} Nothing was changed.");
            var existing = read.Content;
            var content = merge(existing?.Text);
            if (content == existing?.Text) return new FileWriteResult(target, false, null, note);
            if (holdsSecret) await GitGuard.EnsureNotCommittableAsync(target, cancellationToken);

            var existingMode = existing is null || OperatingSystem.IsWindows() ? Default : File.GetUnixFileMode(target);
            var temp = TemporaryName(folder, name);
            var backupTemp = TemporaryName(folder, name);
            try
            {
                await WriteNewAsync(temp, Encode(content, existing?.Bom ?? false), holdsSecret ? Private : existingMode, cancellationToken);
                var (backup, skipped) = existing is null ? (null, null) : await BackUpAsync(target, backupTemp, existing, existingMode, holdsSecret, cancellationToken);
                File.Move(temp, target, overwrite: true);
                return new FileWriteResult(target, true, backup, Join(note, skipped));
            }
            finally
            {
                File.Delete(temp);
                File.Delete(backupTemp);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict, $"Cannot write {target}: {e.Message} Nothing was changed.", e);
        }
    }

    /// <summary>
    /// FILE.bak with the old content, byte for byte: written to a new temporary file, then renamed over FILE.bak, so a
    /// FILE.bak that is a symlink is replaced, never written through. When the old content held a key: private, and
    /// only where git would not commit it. A key the new content drops (a switch to Entra ID) is kept in no backup: none
    /// is written, and an earlier FILE.bak that holds a key is removed.
    /// </summary>
    private static async Task<(string? Backup, string? Skipped)> BackUpAsync(
        string target, string temp, TextFileContent existing, UnixFileMode mode, bool keyKept, CancellationToken cancellationToken)
    {
        var backup = target + ".bak";
        var secret = existing.Text.Contains(FoundryVariables.ApiKey, StringComparison.Ordinal);
        if (secret && !keyKept)
        {
            var removed = new FileInfo(backup).LinkTarget is null
                && (await BoundedTextFile.ReadAsync(backup, cancellationToken)).Content?.Text.Contains(FoundryVariables.ApiKey, StringComparison.Ordinal) == true;
            if (removed) File.Delete(backup);
            return (null, $"No backup was kept: the old content held an API key, which this write removes{(removed ? $"; the earlier {backup}, which held one too, was removed" : "")}.");
        }

        if (secret)
        {
            try
            {
                await GitGuard.EnsureNotCommittableAsync(backup, cancellationToken);
            }
            catch (FoundryException)
            {
                return (null, $"No backup was kept: the old content holds an API key and {backup} would not be ignored by git.");
            }
        }

        await WriteNewAsync(temp, existing.Bytes, secret ? Private : mode, cancellationToken);
        File.Move(temp, backup, overwrite: true);
        return (backup, null);
    }

    private static string TemporaryName(string folder, string name) =>
        System.IO.Path.Combine(folder, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TempIdBytes))}.tmp");

    private static byte[] Encode(string content, bool bom)
    {
        var body = Encoding.UTF8.GetBytes(content);
        return bom ? [.. BoundedTextFile.Utf8Bom, .. body] : body;
    }

    /// <summary>
    /// Temporary files of this writer's own naming (.FILE.HEX.tmp) left by a writer that was killed before its rename.
    /// Called with the lock held, and every writer creates its temporary file only under the lock, so none is in use.
    /// </summary>
    private static void RemoveStaleTemporaryFiles(string folder, string name)
    {
        var prefix = $".{name}.";
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var file = System.IO.Path.GetFileName(path.AsSpan());
            if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            var id = file[prefix.Length..^".tmp".Length];
            if (id.Length != TempIdBytes * 2 || id.ContainsAnyExcept(LowerHex)) continue;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Debris that cannot be removed harms nothing: the new content goes to a new name.
            }
        }
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a} {b}";

    /// <summary>A file that did not exist (CreateNew: O_EXCL, which fails on anything already there, a symlink included).</summary>
    private static async Task WriteNewAsync(string temp, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        await using var stream = Platforms.PrivateFile.CreateNew(temp, mode == Private, mode);
        await stream.WriteAsync(content, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// An exclusive lock file next to the target, so concurrent writers take turns instead of losing edits. Only a
    /// regular file is opened as the lock; anything else under that name (a symlink, a FIFO) is unlinked and the lock
    /// created new (O_EXCL), so the lock never opens, creates or deletes a file elsewhere.
    /// On Unix the lock is flock(2) on an open file, and the holder unlinks the file before it unlocks: a writer that
    /// opened the old file while it was held gets its lock only once it is unlinked, so a lock counts only when the
    /// path still names the file locked (<see cref="FileProbe.SameFile"/>); otherwise it is dropped and taken again.
    /// </summary>
    private static async Task<LockFile> LockAsync(string target, CancellationToken cancellationToken)
    {
        var lockPath = target + ".lock";
        var options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                FileStream stream;
                switch (FileProbe.Lstat(lockPath))
                {
                    case FileKind.Missing:
                        stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, options);
                        break;
                    case FileKind.Regular:
                        try
                        {
                            stream = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, options);
                            break;
                        }
                        catch (FileNotFoundException) when (waited.Elapsed < LockWait)
                        {
                            continue; // its writer removed it between our look and our open: look again
                        }

                    case FileKind.Directory:
                        throw new FoundryException(FoundryErrorCode.FileConflict, $"{lockPath} is a folder, where the lock file goes; nothing was changed.");
                    default:
                        File.Delete(lockPath);
                        continue;
                }

                if (OperatingSystem.IsWindows() || FileProbe.SameFile(stream.SafeFileHandle, lockPath)) return new LockFile(lockPath, stream);
                await stream.DisposeAsync(); // the lock of a file its holder already unlinked: worth nothing
                if (waited.Elapsed >= LockWait) throw new IOException($"{lockPath} kept changing while waiting for it.");
            }
            // Only another writer's lock is worth waiting for: a folder that does not exist (or where nothing can be
            // created, as /proc) will not appear within the wait.
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
                && waited.Elapsed < LockWait)
            {
                await Task.Delay(Random.Shared.Next(5, 25), cancellationToken);
            }
        }
    }

    /// <summary>The held lock: on Unix its file is unlinked while still locked, then closed (which unlocks it).</summary>
    private sealed class LockFile(string path, FileStream stream) : IDisposable
    {
        public void Dispose()
        {
            if (!OperatingSystem.IsWindows())
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A lock file left behind is taken over by the next writer.
                }
            }

            stream.Dispose();
        }
    }
}
