using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// The sidecar keeps the last listing per key (cloud settings, tenant, subscription filter) until it is asked to
/// refresh or the settings change. Callers asking for the same listing while it runs share it; when every one of
/// them has cancelled, the listing itself is cancelled, down to its Azure calls. A failed listing is not kept.
/// </summary>
public sealed class DiscoveryCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ResourcesResult> GetOrListAsync(
        string key, bool refresh, Func<CancellationToken, Task<ResourcesResult>> list, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_lock)
        {
            entry = Enter(key, refresh, list);
            if (entry.Reserved > 0) entry.Reserved--; // the caller takes over the waiting of a started listing
            else entry.Waiters++;
        }

        try
        {
            return await entry.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Leave(key, entry);
        }
    }

    /// <summary>Whether a listing for the key has completed (and is kept).</summary>
    public bool HasListed(string key)
    {
        lock (_lock) return _entries.TryGetValue(key, out var entry) && entry.Task.IsCompletedSuccessfully;
    }

    /// <summary>
    /// Starts the listing for the key unless one runs or is kept, without waiting for it: it is held for
    /// <paramref name="hold"/>, for the caller that comes back for it (who then waits as any caller does, and whose
    /// cancelling cancels it). When nobody comes within that time and nobody else waits, it is cancelled.
    /// </summary>
    public void Start(string key, Func<CancellationToken, Task<ResourcesResult>> list, TimeSpan hold)
    {
        Entry entry;
        lock (_lock)
        {
            entry = Enter(key, refresh: false, list);
            if (entry.Task.IsCompleted) return;
            entry.Waiters++;
            entry.Reserved++;
        }

        _ = Task.Delay(hold).ContinueWith(_ =>
        {
            lock (_lock)
            {
                if (entry.Reserved == 0) return;
                entry.Reserved--;
            }

            Leave(key, entry);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private Entry Enter(string key, bool refresh, Func<CancellationToken, Task<ResourcesResult>> list)
    {
        if (!refresh && _entries.TryGetValue(key, out var entry) && !entry.Task.IsFaulted && !entry.Task.IsCanceled) return entry;
        if (refresh && _entries.TryGetValue(key, out var old)) old.Release(); // a refresh replaces, it does not wait
        entry = new Entry(list);
        _entries[key] = entry;
        var started = entry;
        entry.Task.ContinueWith(t => Forget(key, started), CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return entry;
    }

    private void Leave(string key, Entry entry)
    {
        lock (_lock)
        {
            entry.Waiters--;
            if (entry.Waiters == 0 && !entry.Task.IsCompleted)
            {
                entry.Release();
                Forget(key, entry);
            }
        }
    }

    public void Clear()
    {
        lock (_lock) _entries.Clear();
    }

    private void Forget(string key, Entry entry)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var current) && current == entry) _entries.Remove(key);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
        "The source has no timer or registration to release; cancelling it after the listing ends must stay safe.")]
    private sealed class Entry
    {
        private readonly CancellationTokenSource _cancel = new();

        public Entry(Func<CancellationToken, Task<ResourcesResult>> list) => Task = list(_cancel.Token);

        public Task<ResourcesResult> Task { get; }

        public int Waiters { get; set; }

        /// <summary>Waits held by <see cref="Start"/> for a caller yet to come (counted in <see cref="Waiters"/>).</summary>
        public int Reserved { get; set; }

        /// <summary>Cancels the listing if it is still running (nobody waits for it any more).</summary>
        public void Release()
        {
            if (!Task.IsCompleted) _cancel.Cancel();
        }
    }
}
