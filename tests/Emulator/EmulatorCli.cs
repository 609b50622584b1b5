using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FoundryIde.Emulator;

/// <summary>
/// Standalone entry: FoundryIde.Emulator --port N --cert-dir DIR [--seed state.json | --seed-large S,A[,C[,O]] | --seed-two-tenants | --seed-models]
/// [--page-size N] [--token-lifetime SECONDS] [--arm-latency-ms N] [--loopback-endpoints] [--identity-header S] [--no-stdin].
/// --seed-models is <see cref="EmulatorState.CreateModels"/> (today's models under custom deployment names).
/// --seed-large is <see cref="EmulatorState.CreateLarge"/>(S subscriptions, A accounts each, C Claude and O other deployments).
/// Prints one JSON line {baseUri, caPem, bundlePem, identityHeader} to stdout, then serves until stdin closes
/// (unless --no-stdin) or SIGTERM/SIGINT.
/// </summary>
internal static class EmulatorCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        string? certDir = null;
        string? seed = null;
        int[]? large = null;
        var twoTenants = false;
        var models = false;
        var watchStdin = true;
        var options = new EmulatorOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--cert-dir": certDir = Next(); break;
                    case "--seed": seed = Next(); break;
                    case "--seed-large": large = ParseLarge(Next()); break;
                    case "--seed-two-tenants": twoTenants = true; break;
                    case "--seed-models": models = true; break;
                    case "--arm-latency-ms": options.ArmLatency = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--page-size": options.PageSize = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--token-lifetime": options.TokenLifetime = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--loopback-endpoints": options.LoopbackEndpoints = true; break;
                    case "--identity-header": options.ManagedIdentityHeader = Next(); break;
                    case "--no-stdin": watchStdin = false; break;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }

            if ((seed is not null ? 1 : 0) + (large is not null ? 1 : 0) + (twoTenants ? 1 : 0) + (models ? 1 : 0) > 1)
            {
                throw new ArgumentException("--seed, --seed-large, --seed-two-tenants and --seed-models are mutually exclusive");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"FoundryIde.Emulator: {ex.Message}");
            await Console.Error.WriteLineAsync("usage: FoundryIde.Emulator --port N --cert-dir DIR [--seed state.json | --seed-large S,A[,C[,O]] | --seed-two-tenants | --seed-models] " +
                "[--page-size N] [--token-lifetime SECONDS] [--arm-latency-ms N] [--loopback-endpoints] [--identity-header S] [--no-stdin]");
            return 2;
        }

        certDir ??= Path.Combine(Path.GetTempPath(), "foundryide-emulator-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var state = models ? EmulatorState.CreateModels()
            : large is not null
            ? EmulatorState.CreateLarge(large[0], large[1], large.Length > 2 ? large[2] : 3, large.Length > 3 ? large[3] : 1)
            : twoTenants
            ? SecondTenantSeed.Create()
            : seed is null
            ? EmulatorState.CreateDefault()
            : JsonSerializer.Deserialize(await File.ReadAllTextAsync(seed), EmulatorJsonContext.Default.EmulatorState)
                ?? throw new InvalidDataException($"{seed} holds no state");

        using var ca = TestCertificateAuthority.Create(certDir);
        await using var emulator = await AzureEmulator.StartAsync(state, ca, options);
        var ready = new JsonObject
        {
            ["baseUri"] = emulator.BaseUri.ToString(),
            ["caPem"] = ca.CaPemPath,
            ["bundlePem"] = ca.BundlePemPath,
            ["identityHeader"] = emulator.ManagedIdentityHeader,
        };
        await stdout.WriteLineAsync(ready.ToJsonString());
        await stdout.FlushAsync();

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        if (watchStdin)
        {
            _ = Task.Run(async () =>
            {
                var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (await stdin.ReadAsync(buffer) > 0)
                {
                }

                stop.TrySetResult();
            });
        }

        await stop.Task;
        return 0;
    }

    /// <summary>"S,A[,C[,O]]": subscriptions, accounts per subscription, Claude and other deployments per account.</summary>
    private static int[] ParseLarge(string value)
    {
        var parts = value.Split(',').Select(p => int.Parse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length is >= 2 and <= 4 && parts[0] >= 1
            ? parts
            : throw new ArgumentException($"--seed-large wants S,A[,C[,O]] with S >= 1, not '{value}'");
    }
}
