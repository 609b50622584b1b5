using FoundryIde.Emulator;

namespace FoundryIde.Tests.Support;

/// <summary>
/// One loopback Azure for the whole test run: a CA made now, the emulator on https://127.0.0.1:PORT/ with the
/// default seed, shared by every class that only reads it (classes run in parallel: a class that changes it, or
/// counts its requests, starts its own with <see cref="StartOwnEmulatorAsync"/>). Children trust the CA through SSL_CERT_FILE (.NET) and REQUESTS_CA_BUNDLE (az).
/// </summary>
[TestClass]
public static class TestAzure
{
    private static TestCertificateAuthority? _ca;
    private static AzureEmulator? _emulator;
    private static AzureEmulator? _publicCloud;

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "foundryide-tests-" + Environment.ProcessId);

    public static TestCertificateAuthority Ca => _ca ?? throw new InvalidOperationException("The test assembly was not initialised.");

    public static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("The test assembly was not initialised.");

    [AssemblyInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        Directory.CreateDirectory(Root);
        _ca = TestCertificateAuthority.Create(Path.Combine(Root, "ca"));
        _emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), _ca, ct: context.CancellationToken);
        if (PublicHostsMapped)
        {
            _publicCloud = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), _ca,
                new EmulatorOptions { Port = 443 }, context.CancellationToken);
        }
    }

    /// <summary>
    /// An emulator on 127.0.0.1:443 that the public host names (management.azure.com, login.microsoftonline.com,
    /// {subdomain}.services.ai.azure.com) reach through the private /etc/hosts that scripts/test.sh mounts.
    /// </summary>
    public static AzureEmulator PublicCloud => _publicCloud ?? throw new AssertFailedException(
        "The public Azure host names do not resolve to 127.0.0.1 here: run the tests with `npm test`, which maps them in a private /etc/hosts.");

    private static bool PublicHostsMapped =>
        File.Exists("/etc/hosts") && File.ReadAllLines("/etc/hosts").Any(l =>
            l.StartsWith("127.0.0.1", StringComparison.Ordinal) && l.Contains(" management.azure.com", StringComparison.Ordinal));

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
        if (_publicCloud is not null) await _publicCloud.DisposeAsync();
        _ca?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child still holds a file: the OS cleans temp later.
        }
    }

    /// <summary>
    /// An emulator of the caller's own (default seed unless <paramref name="state"/>), for a test class that adds
    /// faults or grants, or counts requests: test classes run in parallel, and <see cref="Emulator"/> is everyone's.
    /// </summary>
    public static Task<AzureEmulator> StartOwnEmulatorAsync(CancellationToken ct, EmulatorState? state = null, EmulatorOptions? options = null) =>
        AzureEmulator.StartAsync(state ?? EmulatorState.CreateDefault(), Ca, options, ct);

    /// <summary>A fresh HOME for one child, with the test CA trusted and nothing else configured.</summary>
    public static Dictionary<string, string> CleanEnvironment()
    {
        var env = Sidecar.BaseEnvironment(Path.Combine(Root, "home-" + Guid.NewGuid().ToString("N")[..12]));
        env["SSL_CERT_FILE"] = Ca.BundlePemPath;
        env["REQUESTS_CA_BUNDLE"] = Ca.BundlePemPath;
        return env;
    }
}
