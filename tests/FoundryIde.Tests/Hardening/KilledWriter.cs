using System.Diagnostics;
using System.Text.RegularExpressions;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// Runs the real `foundry-ide` under strace, which kills it with SIGKILL on entry to its first rename syscall: the
/// rename never happens, nothing in the product knows, and no cleanup code runs (the process simply ends, as in a
/// power cut or an OOM kill). strace's own log says which rename it was stopped at.
/// </summary>
internal static partial class KilledWriter
{
    private static readonly string[] Candidates = ["/usr/bin/strace", "/usr/local/bin/strace", "/bin/strace"];

    /// <param name="Cli">The (killed) run: no exit code of its own, whatever it printed before.</param>
    /// <param name="Log">strace's log: the rename it stopped, and "+++ killed by SIGKILL +++".</param>
    public sealed record Run(CliResult Cli, string Log)
    {
        /// <summary>The renames strace saw as (from, to): the one it killed the writer at, when all went as planned.</summary>
        public (string From, string To)[] Renames => [.. RenameCall().Matches(Log).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value))];

        public bool Killed => Log.Contains("+++ killed by SIGKILL +++", StringComparison.Ordinal);
    }

    public static string Strace => Candidates.FirstOrDefault(File.Exists) ?? throw new AssertFailedException(
        "strace is not installed, and this test needs it to kill foundry-ide between writing and renaming: " +
        "`apt-get install strace` (.ci/run installs it).");

    /// <param name="atRename">Which rename kills the writer (1: the first; the writer renames FILE.bak into place first).</param>
    public static async Task<Run> RunAsync(string arguments, IReadOnlyDictionary<string, string> environment, string logFolder, int atRename = 1)
    {
        var log = Path.Combine(logFolder, "strace-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var info = new ProcessStartInfo(Strace)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-f", "-s", "4096", "-o", log,
                     "-e", "trace=rename,renameat,renameat2",
                     "-e", $"inject=rename,renameat,renameat2:signal=SIGKILL:when={atRename}",
                     "--", Sidecar.Path,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("strace did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"foundry-ide {arguments} under strace did not end in 60 s. stderr: {await stderr}");
        }

        var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(strace wrote no log)";
        return new Run(new CliResult(process.ExitCode, await stdout, await stderr), text);
    }

    // rename("a", "b") = ?   renameat(AT_FDCWD, "a", AT_FDCWD, "b") = ?   renameat2(AT_FDCWD, "a", AT_FDCWD, "b", 0) = ?
    [GeneratedRegex("""rename(?:at2?)?\((?:[^,"]*, )?"(?<from>[^"]*)", (?:[^,"]*, )?"(?<to>[^"]*)"[^)]*\)""")]
    private static partial Regex RenameCall();
}
