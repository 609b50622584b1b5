using System.Security.Cryptography.X509Certificates;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Loads the machine's trusted roots (SSL_CERT_FILE / the system bundle: ~45-90 ms on Linux) once, right after the
/// sidecar's first answer is sent, on a thread of its own: not before (on a 2-core machine it would compete with the
/// start path for the CPU and delay the answer to `initialize`), not on the thread pool (whose few threads would
/// then hold up later requests), and not at the first Azure call, which would wait for it. .NET caches the roots
/// for every later TLS handshake.
/// </summary>
public static class TrustStoreWarmup
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        new Thread(Load) { IsBackground = true, Name = "trust-store warm-up", Priority = ThreadPriority.BelowNormal }.Start();
    }

    private static void Load()
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly);
        _ = store.Certificates.Count;
    }
}
