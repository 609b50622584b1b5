using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// The REAL Claude Code, interactive, in a pseudo-terminal: `script` (util-linux) runs it at 120x40, keys go in
/// through script's stdin, and the screen comes back as text without escape sequences. Claude Code's renderer moves the
/// cursor instead of writing some spaces, so <see cref="WaitForAsync"/> compares without whitespace. Its first-run
/// onboarding and the folder trust dialog are marked done in ~/.claude.json, as after a person's first run.
/// </summary>
internal sealed partial class ClaudeCodeTerminal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly Task _reader;

    private ClaudeCodeTerminal(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            var buffer = new byte[16384];
            int read;
            while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
            {
                lock (_output) _output.Write(buffer, 0, read);
            }
        });
    }

    /// <summary>Starts `claude` in a fresh folder of the environment's HOME.</summary>
    public static ClaudeCodeTerminal Start(IReadOnlyDictionary<string, string> environment)
    {
        var home = environment["HOME"];
        var work = Directory.CreateDirectory(Path.Combine(home, "work-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var state = new JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            ["theme"] = "dark",
            ["projects"] = new JsonObject { [work] = new JsonObject { ["hasTrustDialogAccepted"] = true } },
        };
        File.WriteAllText(Path.Combine(home, ".claude.json"), state.ToJsonString());
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        foreach (var argument in new[] { "-qfec", $"stty cols 120 rows 40; exec '{ClaudeCodeRunner.Path}'", "/dev/null" }) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["SHELL"] = "/bin/sh";
        return new ClaudeCodeTerminal(Process.Start(info) ?? throw new InvalidOperationException("Could not start script."));
    }

    /// <summary>Everything shown so far, escape sequences removed.</summary>
    public string Screen
    {
        get
        {
            string raw;
            lock (_output) raw = Encoding.UTF8.GetString(_output.GetBuffer(), 0, (int)_output.Length);
            return Escapes().Replace(CursorForward().Replace(raw, m => new string(' ', m.Groups[1].Value is { Length: > 0 } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1)), "");
        }
    }

    public static string Compact(string text) => Whitespace().Replace(text, "");

    /// <summary>Waits until <paramref name="text"/> is on the screen (after <paramref name="from"/> characters of it).</summary>
    public async Task<int> WaitForAsync(string text, TimeSpan timeout, int from = 0)
    {
        var wanted = Compact(text);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Compact(Screen);
            var at = screen.IndexOf(wanted, Math.Min(from, screen.Length), StringComparison.Ordinal);
            if (at >= 0) return at + wanted.Length;
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                throw new AssertFailedException($"Claude Code did not show \"{text}\" within {timeout.TotalSeconds:0} s. The screen ends with:\n{Tail(Screen)}");
            }

            await Task.Delay(100);
        }
    }

    public async Task SendAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    public static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _reader.ConfigureAwait(false);
        _process.Dispose();
        await _output.DisposeAsync();
    }

    [GeneratedRegex(@"\x1b\[(\d*)C")]
    private static partial Regex CursorForward();

    [GeneratedRegex(@"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78M]")]
    private static partial Regex Escapes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
