using System.Diagnostics;
using System.Text;

namespace FoundryIde.Tests.Support;

/// <summary>
/// Runs the real foundry-ide binary: FOUNDRYIDE_SERVER names it (e.g. the NativeAOT build in dist/server),
/// otherwise the build next to these tests. Children get a clean environment: only what a test gives them.
/// </summary>
internal static class Sidecar
{
    public static string Path =>
        Environment.GetEnvironmentVariable("FOUNDRYIDE_SERVER") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(AppContext.BaseDirectory, "foundry-ide");

    /// <summary>A minimal environment: PATH, a private HOME/TMPDIR/AZURE_CONFIG_DIR, the test CA.</summary>
    public static Dictionary<string, string> BaseEnvironment(string home)
    {
        Directory.CreateDirectory(home);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = home,
            ["AZURE_CONFIG_DIR"] = System.IO.Path.Combine(home, ".azure"),
            ["AZURE_CORE_COLLECT_TELEMETRY"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        AzureCliCommandIndex.SeedInto(env["AZURE_CONFIG_DIR"]);
        foreach (var name in new[] { "DOTNET_ROOT", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) env[name] = value;
        }

        return env;
    }

    public static Process Start(string arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Path, arguments)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Path}.");
    }

    /// <summary>Runs a CLI verb to the end; fails the test if it takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(
        string arguments, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(arguments, environment, workingDirectory);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"foundry-ide {arguments} did not finish in time. stderr: {await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .AppendLine($"exit {ExitCode}").AppendLine("stdout:").AppendLine(Stdout).AppendLine("stderr:").Append(Stderr).ToString();
}
