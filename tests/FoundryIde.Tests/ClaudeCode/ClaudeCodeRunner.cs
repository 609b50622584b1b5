using System.Diagnostics;
using System.Text;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// Runs the REAL Claude Code CLI (`claude -p "say ping" --output-format text`) to the end, stdin closed, in a clean
/// environment, and returns what it printed. FOUNDRYIDE_CLAUDE names the binary (scripts/test.sh sets it); otherwise
/// tests/e2e/node_modules/.bin/claude of this repository (`npm ci` in tests/e2e installs it, scripts/test.sh does).
/// </summary>
/// <remarks>
/// What print mode needs here, found by running Claude Code 2.1.332 in scripts/sandbox.sh: nothing beyond the
/// variables of <see cref="CleanEnvironment"/> and whatever points it at Foundry. With a fresh HOME (no
/// ~/.claude.json, no ~/.claude/) and stdin closed, `-p` does not onboard, log in, or ask about workspace trust; it
/// sends exactly one `POST {base}/v1/messages?beta=true` (SSE) and prints the reply text to stdout, warnings (such as
/// "doesn't recognize the model" for a deployment name that is not a model id) to stderr, exit code 0. It writes
/// ~/.claude.json, ~/.claude/ and $TMPDIR/claude-{uid}/ as it goes, hence a fresh HOME and TMPDIR per run.
/// The working directory is a fresh empty folder in that HOME, because Claude Code reads `.claude/settings*.json`
/// and CLAUDE.md from its working directory and the folders above it: the repository's own must not leak in.
/// </remarks>
internal static class ClaudeCodeRunner
{
    public const string Prompt = "say ping";
    private const string CustomHeaders = "ANTHROPIC_CUSTOM_HEADERS";

    public static string Path =>
        Environment.GetEnvironmentVariable("FOUNDRYIDE_CLAUDE") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(Repo.Root, "tests", "e2e", "node_modules", ".bin", "claude");

    /// <summary>Fails the caller (a ClassInitialize) unless the claude binary is there.</summary>
    public static void AssertInstalled() =>
        Assert.IsTrue(File.Exists(Path),
            $"Claude Code is not installed at {Path}: run `npm ci` in tests/e2e (scripts/test.sh and .ci/run do), or set FOUNDRYIDE_CLAUDE.");

    /// <summary>
    /// <see cref="TestAzure.CleanEnvironment"/> (fresh HOME = TMPDIR, PATH, the test CA for .NET and az) plus what
    /// Claude Code needs to run offline and trust the emulator. Nothing about Foundry: the test adds that.
    /// CLAUDE_CODE_MAX_RETRIES=0 is not needed for success; without it a 401 or 403 is retried 10 times with back-off
    /// (measured: 11 requests over 168 s for a wrong key), so a broken setup would end in our timeout instead of
    /// Claude Code's own message ("Microsoft Foundry authentication failed · ... API Error: 401 ...", exit 1).
    /// </summary>
    public static Dictionary<string, string> CleanEnvironment()
    {
        var env = TestAzure.CleanEnvironment();
        env["DISABLE_TELEMETRY"] = "1";
        env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        env["NODE_EXTRA_CA_CERTS"] = TestAzure.Ca.CaPemPath;
        env["CLAUDE_CODE_MAX_RETRIES"] = "0";
        return env;
    }

    /// <summary>`claude -p "say ping" --output-format text [arguments]` with exactly <paramref name="environment"/>.</summary>
    public static Task<ClaudeRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProcessAsync(Path, [.. ClaudeArguments(arguments)], environment);

    /// <summary>
    /// `bash -c 'source FILE && exec claude -p ...'`: the way a user loads `foundry-ide env --format sh` output. With
    /// <paramref name="exportAll"/>, `set -a` first, the way a dotenv file (plain NAME=value lines) is loaded.
    /// </summary>
    public static Task<ClaudeRun> RunAfterSourcingAsync(
        IReadOnlyDictionary<string, string> environment, string file, bool exportAll, params string[] arguments)
    {
        var script = (exportAll ? "set -a && " : "") + "source \"$1\" && shift && exec \"$@\"";
        return RunProcessAsync("/bin/bash", ["-c", script, "bash", file, Path, .. ClaudeArguments(arguments)], environment);
    }

    /// <summary>`fish -c 'source FILE; and exec claude -p ...'`: how a fish user loads `foundry-ide env --format fish`.</summary>
    public static Task<ClaudeRun> RunAfterSourcingFishAsync(
        IReadOnlyDictionary<string, string> environment, string file, params string[] arguments) =>
        RunProcessAsync("/usr/bin/fish", ["--no-config", "-c", "source $argv[1]; and exec $argv[2..-1]", file, Path, .. ClaudeArguments(arguments)], environment);

    private static IEnumerable<string> ClaudeArguments(string[] extra) => ["-p", Prompt, "--output-format", "text", .. extra];

    private static async Task<ClaudeRun> RunProcessAsync(string fileName, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var home = environment.TryGetValue("HOME", out var h) ? h : throw new ArgumentException("HOME is not set", nameof(environment));
        var workingDirectory = Directory.CreateDirectory(System.IO.Path.Combine(home, "work-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var client = Guid.NewGuid().ToString("N")[..12];
        info.Environment[CustomHeaders] = (environment.TryGetValue(CustomHeaders, out var headers) ? headers + "\n" : "") + $"{RequestLogEntry.ClientHeader}: {client}";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"claude did not finish within {Timeout.TotalSeconds} s. stdout: {await stdout} stderr: {await stderr}");
        }

        return new ClaudeRun(process.ExitCode, await stdout, await stderr, clock.Elapsed, client);
    }

    /// <summary>A run takes 0.5-1 s here; the margin is for a loaded machine.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The Anthropic Messages requests of one run (count_tokens excluded): the runner gives each run its own
    /// <see cref="RequestLogEntry.ClientHeader"/> through ANTHROPIC_CUSTOM_HEADERS, as classes running in parallel share
    /// an emulator.
    /// </summary>
    public static RequestLogEntry[] MessagesOf(AzureEmulator emulator, ClaudeRun run) =>
        [.. emulator.Requests.Snapshot().Where(r => r.Client == run.Client && IsMessages(r.Path))];

    /// <summary>The Anthropic Messages requests the emulator logged since <paramref name="since"/> (count_tokens excluded).</summary>
    public static RequestLogEntry[] MessagesSince(AzureEmulator emulator, DateTimeOffset since) =>
        [.. emulator.Requests.Snapshot().Where(r => r.Timestamp >= since && IsMessages(r.Path))];

    private static bool IsMessages(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        return path.EndsWith("/anthropic/v1/messages", StringComparison.Ordinal);
    }

    /// <summary>The path of a logged request without its query string (Claude Code adds `?beta=true`).</summary>
    public static string PathOnly(RequestLogEntry entry) => entry.Path.Split('?')[0];
}

/// <param name="Client">The value of the run's <see cref="RequestLogEntry.ClientHeader"/>.</param>
internal sealed record ClaudeRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, string Client)
{
    public override string ToString() => new StringBuilder()
        .AppendLine($"claude exit {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms").AppendLine("stdout:").AppendLine(Stdout)
        .AppendLine("stderr:").Append(Stderr).ToString();
}
