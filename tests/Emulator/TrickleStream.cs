namespace FoundryIde.Emulator;

/// <summary>A write-only stream that forwards writes in small chunks with a pause (and a flush) after each.</summary>
internal sealed class TrickleStream(Stream inner, int chunkBytes, TimeSpan delay) : WriteOnlyStream
{
    private readonly int _chunk = Math.Max(1, chunkBytes);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < buffer.Length; offset += _chunk)
        {
            var piece = buffer.Slice(offset, Math.Min(_chunk, buffer.Length - offset));
            await inner.WriteAsync(piece, cancellationToken);
            await inner.FlushAsync(cancellationToken);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();
}
