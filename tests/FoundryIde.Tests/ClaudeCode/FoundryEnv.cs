using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// `foundry-ide env` as a user runs it, and independent readers of what it wrote: bash itself for the shell formats,
/// a JSON parser for the settings file.
/// </summary>
internal static partial class FoundryEnv
{
    /// <summary>Runs `foundry-ide env ARGUMENTS` and fails the test unless it exits 0.</summary>
    public static async Task<CliResult> RunAsync(string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var cli = await Sidecar.RunAsync("env " + arguments, environment);
        Assert.AreEqual(0, cli.ExitCode, "foundry-ide env " + arguments + "\n" + cli);
        return cli;
    }

    /// <summary>
    /// The exported variables after `source FILE` in an otherwise empty bash (`set -a` first when
    /// <paramref name="exportAll"/>): what Claude Code would inherit. Fails the test if bash cannot source it.
    /// </summary>
    public static async Task<Dictionary<string, string>> SourcedVariablesAsync(string file, bool exportAll)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add((exportAll ? "set -a && " : "") + "source \"$1\" && env -0");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(file);
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, $"bash could not source {file}: {await stderr}\n{await File.ReadAllTextAsync(file)}");
        Assert.AreEqual("", await stderr, $"bash complained while sourcing {file}");
        var builtIn = new HashSet<string>(StringComparer.Ordinal) { "PATH", "PWD", "SHLVL", "_", "OLDPWD" };
        return (await stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => !builtIn.Contains(pair[0]))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    /// <summary>
    /// Asserts that every assignment line of a dotenv file is `NAME=value` with a bare or single-quoted value, the form
    /// that sh, dotenv libraries and Docker all read alike (comments and blank lines aside).
    /// </summary>
    public static void AssertDotenvLines(string text)
    {
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            Assert.MatchesRegex(DotenvLine(), line, "not a plain dotenv assignment");
        }
    }

    /// <summary>Asserts that every assignment line of an sh file is `export NAME='value'`.</summary>
    public static void AssertShLines(string text)
    {
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            Assert.MatchesRegex(ShLine(), line, "not an `export NAME='value'` line");
        }
    }

    /// <summary>The `env` block of a Claude Code settings file; every value must be a JSON string (Claude Code's schema).</summary>
    public static Dictionary<string, string> SettingsEnv(JsonNode settings)
    {
        var env = settings["env"] as JsonObject ?? throw new AssertFailedException("the settings file has no \"env\" object");
        return env.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new AssertFailedException($"env.{p.Key} is {p.Value?.ToJsonString() ?? "null"}, not a string"));
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=([A-Za-z0-9_./:@%+,=-]*|'[^'\n]*')$")]
    private static partial Regex DotenvLine();

    [GeneratedRegex(@"^export [A-Za-z_][A-Za-z0-9_]*='[^']*'$")]
    private static partial Regex ShLine();
}
