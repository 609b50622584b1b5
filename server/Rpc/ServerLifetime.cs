namespace FoundryIde.Server.Rpc;

/// <summary>
/// The session's lifecycle, LSP style: after "shutdown" new work is refused and in-flight work is cancelled;
/// "exit" (or stdin closing) ends the process. A client that sends "shutdown" and never "exit" is given
/// <see cref="ExitGrace"/> before the process ends anyway.
/// </summary>
public sealed class ServerLifetime : IDisposable
{
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _work = new();
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled at shutdown: every request links its token to this one.</summary>
    public CancellationToken Work => _work.Token;

    public Task ExitRequested => _exit.Task;

    public bool IsShuttingDown => _work.IsCancellationRequested;

    public void ThrowIfShuttingDown()
    {
        if (IsShuttingDown)
        {
            throw new FoundryException(FoundryErrorCode.ShuttingDown, "The sidecar is shutting down; start a new one.");
        }
    }

    public void Shutdown()
    {
        _work.Cancel();
        _ = Task.Delay(ExitGrace).ContinueWith(_ => _exit.TrySetResult(), TaskScheduler.Default);
    }

    public void Exit() => _exit.TrySetResult();

    public void Dispose() => _work.Dispose();
}
