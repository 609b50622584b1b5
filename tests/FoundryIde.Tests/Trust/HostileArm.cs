using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// Listeners on the foreign host's address (evil.example → 127.0.0.2 in the sandbox's hosts file) on 80, 443 and
/// 8443: every connection is recorded, so a key or token sent there (or even a TLS handshake begun) shows. Loopback
/// only. One for the whole run: the ports can be bound once.
/// </summary>
internal sealed class ForeignHostRecorder
{
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");
    public static readonly int[] Ports = [80, 443, 8443];
    private static readonly Lazy<ForeignHostRecorder> Instance = new(() => new ForeignHostRecorder());
    private readonly ConcurrentQueue<string> _connections = new();

    private ForeignHostRecorder()
    {
        var addresses = Dns.GetHostAddresses(HostileSeed.ForeignHost);
        if (!addresses.Contains(Address))
        {
            throw new AssertFailedException($"{HostileSeed.ForeignHost} does not resolve to {Address} here: run the tests inside scripts/sandbox.sh.");
        }

        foreach (var port in Ports)
        {
            var listener = new TcpListener(Address, port);
            listener.Start();
            _ = AcceptAsync(listener, port);
        }
    }

    public static ForeignHostRecorder Shared => Instance.Value;

    /// <summary>Every connection so far, as "port N" (never cleared: no test may send anything there).</summary>
    public IReadOnlyList<string> Connections => [.. _connections];

    /// <summary>Drops the connections after the first <paramref name="keep"/> (only the recorder's own self-test makes any).</summary>
    public void Forget(int keep)
    {
        var all = _connections.ToArray();
        _connections.Clear();
        foreach (var c in all.Take(keep)) _connections.Enqueue(c);
    }

    private async Task AcceptAsync(TcpListener listener, int port)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync();
            _connections.Enqueue($"port {port}");
        }
    }
}

/// <summary>The hostile Azure (<see cref="HostileSeed"/>) shared by the HostileArm* tests, and what they check after each verb.</summary>
internal static class HostileArm
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzureEmulator? _emulator;

    public static string Marker { get; } = Path.Combine(TestAzure.Root, "INJECTED-" + Guid.NewGuid().ToString("N")[..8]);

    public static async Task<AzureEmulator> EmulatorAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _ = ForeignHostRecorder.Shared;
            return _emulator ??= await AzureEmulator.StartAsync(HostileSeed.Create(Marker), TestAzure.Ca);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs a verb as the default service principal against the hostile Azure (a custom cloud, public Foundry suffixes).</summary>
    public static async Task<CliResult> RunAsync(string arguments, Dictionary<string, string>? env = null)
    {
        var emulator = await EmulatorAsync();
        return await Sidecar.RunAsync($"{arguments} {Discover.CloudArguments(emulator)}", env ?? TestIdentity.ServicePrincipal(emulator));
    }

    /// <summary>Nothing reached the foreign host, no key was read and no Messages call made for a bad account, and no injection ran.</summary>
    public static void AssertNothingLeft(AzureEmulator emulator, CliResult cli)
    {
        Assert.IsEmpty(ForeignHostRecorder.Shared.Connections, $"a connection to {HostileSeed.ForeignHost}: {cli}");
        var bad = HostileSeed.BadEndpointAccounts.Append(HostileSeed.AbsoluteId).ToHashSet(StringComparer.Ordinal);
        var sent = emulator.Requests.Snapshot()
            .Where(r => (r.Path.Contains("/listKeys", StringComparison.Ordinal) || r.Path.Contains("/messages", StringComparison.Ordinal))
                && bad.Any(b => r.Path.Contains($"/accounts/{b}/", StringComparison.Ordinal) || r.Path.EndsWith($"/accounts/{b}/listKeys", StringComparison.Ordinal)))
            .ToArray();
        Assert.IsEmpty(sent, "listKeys or messages for a hostile account: " + string.Join("; ", sent.Select(r => r.ToString())));
        Assert.IsTrue(emulator.Requests.Snapshot().All(r => r.Host == $"127.0.0.1:{emulator.Port}"), "a request to the emulator under another host name");
        Assert.IsFalse(File.Exists(Marker), $"the injected command ran: {Marker} exists");
    }

    public static JsonElement Json(CliResult cli)
    {
        using var document = JsonDocument.Parse(cli.Stdout);
        return document.RootElement.Clone();
    }
}
