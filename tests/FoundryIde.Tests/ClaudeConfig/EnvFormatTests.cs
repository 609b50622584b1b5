using System.Diagnostics;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class EnvFormatTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly string[] Tricky =
        ["plain-value_1.0", "https://x.services.ai.azure.com/anthropic", "has space", "it's", "say \"hi\"", "$HOME and `cmd`", "back\\slash", "a=b;c&d|e"];

    [TestMethod]
    [DataRow("dotenv")]
    [DataRow("sh")]
    public async Task Render_TrickyValues_ReadBackExactlyByBash(string format)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fide-fmt-{Guid.NewGuid():N}");
        var variables = Tricky.Select((v, i) => new EnvVariable($"V{i}", v, false)).ToArray();
        await File.WriteAllTextAsync(file, EnvFormat.Render(format, variables), TestContext.CancellationToken);
        try
        {
            var info = new ProcessStartInfo("bash", ["-c", $"set -a; source '{file}'; " + string.Join("; ", variables.Select(v => $"printf '%s\\0' \"${v.Name}\""))])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var bash = Process.Start(info)!;
            var output = await bash.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
            await bash.WaitForExitAsync(TestContext.CancellationToken);

            CollectionAssert.AreEqual(Tricky, output.Split('\0')[..^1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Render_TrickyValues_ReadBackExactlyByFish()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fide-fmt-{Guid.NewGuid():N}.fish");
        var variables = Tricky.Select((v, i) => new EnvVariable($"V{i}", v, false)).ToArray();
        await File.WriteAllTextAsync(file, EnvFormat.Render(EnvFormat.Fish, variables), TestContext.CancellationToken);
        try
        {
            Assert.IsTrue(File.Exists("/usr/bin/fish"), "fish is not installed (.ci/run installs it: apt-get install fish)");
            var info = new ProcessStartInfo("fish", ["--no-config", "-c", $"source '{file}'; " + string.Join("; ", variables.Select(v => $"printf '%s\\0' \"${v.Name}\""))])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var fish = Process.Start(info)!;
            var output = await fish.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
            await fish.WaitForExitAsync(TestContext.CancellationToken);

            CollectionAssert.AreEqual(Tricky, output.Split('\0')[..^1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    [DataRow("fish", "set -gx N 'it\\'s \\\\ x'")]
    [DataRow("pwsh", "$env:N = 'it''s \\ x'")]
    [DataRow("sh", "export N='it'\\''s \\ x'")]
    [DataRow("dotenv", "N=\"it's \\\\ x\"")]
    public void Line_QuoteAndBackslash_EscapedForThatShell(string format, string expected) =>
        Assert.AreEqual(expected, EnvFormat.Line(format, "N", "it's \\ x"));

    [TestMethod]
    public void Render_VsCode_ListOfNameValue()
    {
        var text = EnvFormat.Render(EnvFormat.VsCode, [new EnvVariable("A", "1", false)]);

        Assert.AreEqual("{\n  \"claudeCode.environmentVariables\": [\n    {\n      \"name\": \"A\",\n      \"value\": \"1\"\n    }\n  ]\n}\n", text);
    }

    [TestMethod]
    [DataRow("yaml")]
    [DataRow("")]
    public void Parse_UnknownFormat_InvalidInputListingTheFormats(string format)
    {
        var error = Assert.ThrowsExactly<FoundryException>(() => EnvFormat.Parse(format));

        Assert.AreEqual(FoundryErrorCode.InvalidInput, error.Code);
        StringAssert.Contains(error.Message, "claude-settings");
    }

    [TestMethod]
    [DataRow("pwsh", true, "a\r\nb\r\n")]
    [DataRow("claude-settings", true, "a\r\nb\r\n")]
    [DataRow("sh", true, "a\nb\n")]
    [DataRow("fish", true, "a\nb\n")]
    [DataRow("dotenv", true, "a\nb\n")]
    [DataRow("pwsh", false, "a\nb\n")]
    public void ForNewFile_FormatAndPlatform_CrlfOnlyForWindowsToolsOnWindows(string format, bool windows, string expected)
    {
        Assert.AreEqual(expected, EnvFormat.ForNewFile(format, "a\nb\n", windows));
    }

    [TestMethod]
    [DataRow(@"C:\users\Public\foundry.ps1", "pwsh")]
    [DataRow("/home/a/foundry.PS1", "pwsh")]
    [DataRow("/home/a/.config/fish/conf.d/foundry.fish", "fish")]
    [DataRow("/home/a/foundry.sh", "sh")]
    [DataRow("/home/a/foundry.bash", "sh")]
    [DataRow("/home/a/foundry.zsh", "sh")]
    [DataRow("/home/a/foundry.json", "json")]
    [DataRow("/home/a/.claude/settings.json", "claude-settings")]
    [DataRow(@"C:\Users\a\.claude\settings.json", "claude-settings")]
    [DataRow("/w/.claude/settings.local.json", "claude-settings")]
    [DataRow("/w/.vscode/settings.json", "vscode")]
    [DataRow("/w/settings.json", "json")]
    [DataRow("/w/.env", "dotenv")]
    [DataRow("/w/prod.env", "dotenv")]
    [DataRow("/w/.envrc", "dotenv")]
    [DataRow("foundry", "dotenv")]
    public void ForOutput_FileName_IsTheFormatThatFileIsReadIn(string path, string expected) =>
        Assert.AreEqual(expected, EnvFormat.ForOutput(path));
}
