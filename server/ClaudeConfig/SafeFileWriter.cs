using System.Security.Cryptography;
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
/// holds a secret is created 0600 and never where git would commit it. A symlink is followed, and the result says so.
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

    public static async Task<FileWriteResult> WriteAsync(
        string path, Func<string?, string> merge, bool holdsSecret, CancellationToken cancellationToken)
    {
        var (target, note) = Resolve(path);
        var folder = System.IO.Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(folder);
            using var held = await LockAsync(target, cancellationToken);
            RemoveStaleTemporaryFiles(folder, System.IO.Path.GetFileName(target));
            var existing = File.Exists(target) ? await File.ReadAllTextAsync(target, cancellationToken) : null;
            var content = merge(existing);
            if (content == existing) return new FileWriteResult(target, false, null, note);
            if (holdsSecret) await GitGuard.EnsureNotCommittableAsync(target, cancellationToken);

            var mode = holdsSecret ? Private : existing is null || OperatingSystem.IsWindows() ? Default : File.GetUnixFileMode(target);
            var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(target)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TempIdBytes))}.tmp");
            try
            {
                await WriteNewAsync(temp, content, mode, cancellationToken);
                var (backup, skipped) = existing is null ? (null, null) : await BackUpAsync(target, existing, cancellationToken);
                File.Move(temp, target, overwrite: true);
                return new FileWriteResult(target, true, backup, Join(note, skipped));
            }
            finally
            {
                File.Delete(temp);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict, $"Cannot write {target}: {e.Message} Nothing was changed.", e);
        }
    }

    /// <summary>FILE.bak with the old content; when that held a key, private and only where git would not commit it.</summary>
    private static async Task<(string? Backup, string? Skipped)> BackUpAsync(string target, string existing, CancellationToken cancellationToken)
    {
        var backup = target + ".bak";
        var secret = existing.Contains(FoundryVariables.ApiKey, StringComparison.Ordinal);
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

        File.Copy(target, backup, overwrite: true);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(backup, Private);
        return (backup, null);
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

    private static (string Target, string? Note) Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new FoundryException(FoundryErrorCode.InvalidInput, "The output path is empty.");
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new FoundryException(FoundryErrorCode.InvalidInput, $"{full} is a folder; give a file name.");
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return (full, null);
        var final = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? throw new FoundryException(FoundryErrorCode.FileConflict, $"{full} is a symlink that cannot be resolved; nothing was changed.");
        return (final, $"{full} is a symlink: wrote its target, {final}, and left the link as it was.");
    }

    private static async Task WriteNewAsync(string temp, string content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        await using var stream = new FileStream(temp, options);
        await using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }

        stream.Flush(flushToDisk: true);
    }

    /// <summary>An exclusive lock file next to the target, so concurrent writers take turns instead of losing edits.</summary>
    private static async Task<FileStream> LockAsync(string target, CancellationToken cancellationToken)
    {
        var lockPath = target + ".lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
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
}
