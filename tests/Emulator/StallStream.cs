namespace FoundryIde.Emulator;

/// <summary>
/// A write-only stream that forwards the first <c>afterBytes</c> bytes (and flushes them), then holds every further
/// write until the client goes away (<c>aborted</c>), so the response stalls mid-body with the connection open.
/// </summary>
internal sealed class StallStream(Stream inner, int afterBytes, CancellationToken aborted) : WriteOnlyStream
{
    /// <summary>A stall never outlives this, so a client that never gives up cannot keep the emulator from stopping.</summary>
    private static readonly TimeSpan MaxStall = TimeSpan.FromMinutes(5);

    private long _written;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var room = (int)Math.Max(0, Math.Min(buffer.Length, afterBytes - _written));
        if (room > 0)
        {
            await inner.WriteAsync(buffer[..room], cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _written += room;
        }

        if (room < buffer.Length)
        {
            await StallAsync(cancellationToken);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _written >= afterBytes ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    private async Task StallAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, cancellationToken);
        await Task.Delay(MaxStall, linked.Token);
        throw new OperationCanceledException("stalled until the client gave up", aborted);
    }
}
