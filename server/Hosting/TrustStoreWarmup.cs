using System.Security.Cryptography.X509Certificates;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Loads the machine's trusted roots (SSL_CERT_FILE / the system bundle: ~45-90 ms on Linux) once, in the background,
/// shortly after `initialize` was answered: not at process start, where on 2 cores it delays that first answer, and
/// not at the first Azure call, which would then wait for it. .NET caches the roots for every later TLS handshake.
/// </summary>
public static class TrustStoreWarmup
{
    private static readonly TimeSpan AfterAnswer = TimeSpan.FromMilliseconds(50);
    private static int _started;

    public static void Schedule()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _ = Task.Delay(AfterAnswer).ContinueWith(_ =>
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            return store.Certificates.Count;
        }, TaskScheduler.Default);
    }
}
