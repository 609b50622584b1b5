using System.Buffers;
using System.Text.Unicode;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>A text file as read: its text without the byte-order mark, whether it had one, and its bytes exactly.</summary>
public sealed record TextFileContent(string Text, bool Bom, byte[] Bytes);

/// <param name="Content">The file's text; null when it does not exist or <see cref="Problem"/> says why it was not read.</param>
/// <param name="Problem">Why it was not read, as the end of a sentence that starts with the path ("is a FIFO ...").</param>
public sealed record TextFileRead(TextFileContent? Content, string? Problem)
{
    public bool Missing => Content is null && Problem is null;
}

/// <summary>
/// Reads a settings or env file the way a hostile folder cannot abuse: only a regular file (a symlink is followed to
/// see what it leads to; a FIFO, device, socket or folder is never opened), never more than <see cref="MaxBytes"/>
/// (read from the stream, whatever size the file claims), and only valid UTF-8 (strict: a file that is not UTF-8 is
/// reported with the offset of its first bad byte, never decoded with replacement characters).
/// </summary>
public static class BoundedTextFile
{
    /// <summary>Settings and env files are a few KiB; anything larger is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static async Task<TextFileRead> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var kind = FileProbe.Stat(path);
        // A folder where a file is expected is no file at all (as Claude Code sees it); writers refuse it before reading.
        if (kind is FileKind.Missing or FileKind.Directory) return new(null, null);
        if (kind != FileKind.Regular) return new(null, $"is {FileProbe.Describe(kind)}, not a regular file: not read.");

        byte[] bytes;
        try
        {
            bytes = await ReadCappedAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(null, null);
        }
        catch (UnauthorizedAccessException)
        {
            return new(null, "cannot be read: permission denied.");
        }
        catch (IOException e)
        {
            return new(null, $"cannot be read: {e.Message}");
        }

        if (bytes.Length > MaxBytes) return new(null, $"is larger than {MaxBytes / 1024 / 1024} MiB, too large for a settings or env file: not read.");
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var body = bom ? bytes.AsSpan(Utf8Bom.Length) : bytes.AsSpan();
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var offset = read + (bom ? Utf8Bom.Length : 0);
            return new(null, $"is not valid UTF-8 (byte offset {offset}): not read, so nothing in it is changed or lost.");
        }

        return new(new TextFileContent(new string(chars, 0, written), bom, bytes), null);
    }

    /// <summary>Up to <see cref="MaxBytes"/> + 1 bytes: one more than allowed tells that the file is too large.</summary>
    private static async Task<byte[]> ReadCappedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
        });
        var buffer = new byte[Math.Min(MaxBytes + 1, Math.Max(4096, SafeLength(stream) + 1))];
        var total = 0;
        while (total <= MaxBytes)
        {
            if (total == buffer.Length) Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
            var n = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken);
            if (n == 0) break;
            total += n;
        }

        return buffer[..total];
    }

    /// <summary>The size the file claims, only as a first buffer size (capped by the caller).</summary>
    private static int SafeLength(FileStream stream)
    {
        try
        {
            return stream.CanSeek ? (int)Math.Min(stream.Length, MaxBytes) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
