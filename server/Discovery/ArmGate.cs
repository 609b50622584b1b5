using Azure;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// Bounds how many ARM calls run at once and gives each a deadline (retries included). Large by default: the
/// wall time of a listing should follow its critical path (token, subscriptions, accounts, deployments), and ARM's
/// limits are per subscription, across which the calls spread.
/// </summary>
public sealed class ArmGate(int maxConcurrency) : IDisposable
{
    /// <summary>
    /// Calls in flight at once. Over HTTP/2 they share a few multiplexed connections (see <see cref="ArmTransport"/>), so
    /// this can cover a whole fan-out (50 subscriptions x 10 accounts); ARM's read limits are per subscription.
    /// </summary>
    public const int DefaultMaxConcurrency = 512;
    public static TimeSpan CallDeadline => Hosting.Deadlines.Arm;

    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await WithDeadlineAsync(call, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs one ARM call (all its tries and pages) within <see cref="CallDeadline"/>. Azure.Core's per-try network
    /// timeout only bounds the wait for each read, so a body that trickles a byte at a time would never end without
    /// this. A call cut by the deadline throws <see cref="TimeoutException"/>; one the caller cancelled stays cancelled.
    /// </summary>
    public static async Task<T> WithDeadlineAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallDeadline);
        try
        {
            return await call(deadline.Token);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not FoundryException)
        {
            throw new TimeoutException($"No complete answer within {CallDeadline.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>Failures that cost one scope (reported in errors), not the whole listing.</summary>
    public static bool IsExpected(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException => true,
        TimeoutException => true,
        Cloud.UntrustedValueException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => IsExpected(i, cancellationToken)),
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        System.Text.Json.JsonException => true,
        _ => false,
    } && e is not FoundryException;

    public void Dispose() => _slots.Dispose();
}
