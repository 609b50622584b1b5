using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Loads the machine's trusted roots (SSL_CERT_FILE / the system bundle: ~45-90 ms on Linux) once, from the start of
/// `serve`, on a thread of its own that runs at the lowest CPU priority (nice 19 on Linux): it uses a core only when
/// the start path does not, so it neither delays the answer to `initialize` on a 2-core machine (as it did at normal
/// priority) nor leaves the first Azure call, usually sent right after `initialize`, to wait for the whole load.
/// Not on the thread pool, whose few threads would then hold up requests. .NET caches the roots for every later TLS
/// handshake.
/// </summary>
public static class TrustStoreWarmup
{
    private const int PriorityOfProcess = 0; // PRIO_PROCESS: with a thread id, Linux applies it to that thread only
    private const int LowestPriority = 19;
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        new Thread(Load) { IsBackground = true, Name = "trust-store warm-up", Priority = ThreadPriority.Lowest }.Start();
    }

    private static void Load()
    {
        // ThreadPriority is not applied on Linux: lower this thread's nice value ourselves, before any work.
        if (OperatingSystem.IsLinux()) _ = SetPriority(PriorityOfProcess, GetThreadId(), LowestPriority);
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly);
        _ = store.Certificates.Count;
    }

    // DllImport, not LibraryImport: blittable ints need no marshalling, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}
