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
            if (refresh || !_entries.TryGetValue(key, out entry!) || entry.Task.IsFaulted || entry.Task.IsCanceled)
            {
                if (refresh && _entries.TryGetValue(key, out var old)) old.Release(); // a refresh replaces, it does not wait
                entry = new Entry(list);
                _entries[key] = entry;
                entry.Task.ContinueWith(t => Forget(key, entry), CancellationToken.None,
                    TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            }

            entry.Waiters++;
        }

        try
        {
            return await entry.Task.WaitAsync(cancellationToken);
        }
        finally
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

        /// <summary>Cancels the listing if it is still running (nobody waits for it any more).</summary>
        public void Release()
        {
            if (!Task.IsCompleted) _cancel.Cancel();
        }
    }
}
