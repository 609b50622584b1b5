using System.Diagnostics;
using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>`env` against a hostile Azure: a bad endpoint is refused in every format, a hostile deployment name is never written.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileArmEnvTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Formats => EnvFormat.All.Select(f => new object[] { f });

    [TestMethod]
    [DynamicData(nameof(Formats))]
    public async Task Env_BadEndpoint_RefusedInEveryFormatWithAndWithoutOutput(string format)
    {
        var emulator = await HostileArm.EmulatorAsync();
        var env = TestIdentity.ServicePrincipal(emulator);
        var output = Path.Combine(env["HOME"], "out-" + format);
        foreach (var (account, extra) in new[]
        {
            (HostileSeed.ForeignEndpoint, ""),
            (HostileSeed.SlashSubdomain, $" --output {output}"),
            (HostileSeed.UserInfoEndpoint, " --auth key --fetch-key"),
        })
        {
            var cli = await HostileArm.RunAsync($"env --resource {account} --format {format}{extra}", env);

            Assert.AreEqual(1, cli.ExitCode, cli.ToString());
            StringAssert.Contains(cli.Stderr, $"{account} cannot be used", cli.ToString());
            StringAssert.Contains(cli.Stderr, "Nothing was sent or written", cli.ToString());
            Assert.DoesNotContain("ANTHROPIC_FOUNDRY", cli.Stdout, cli.ToString());
            Assert.IsFalse(File.Exists(output), "a file was written for a hostile endpoint");
            HostileArm.AssertNothingLeft(emulator, cli);
        }
    }

    [TestMethod]
    public async Task Env_EveryBadEndpointAccount_RefusedNamingTheValue()
    {
        var emulator = await HostileArm.EmulatorAsync();
        foreach (var account in HostileSeed.BadEndpointAccounts)
        {
            var cli = await HostileArm.RunAsync($"env --resource {account} --format sh");

            Assert.AreEqual(1, cli.ExitCode, cli.ToString());
            StringAssert.Contains(cli.Stderr, "\"", cli.ToString()); // the value is named, in quotes
            Assert.IsTrue(cli.Stderr.Contains("evil.example", StringComparison.Ordinal) || cli.Stderr.Contains($"{account}.services.ai.azure.com", StringComparison.Ordinal),
                cli.ToString());
            Assert.AreEqual("", cli.Stdout, cli.ToString());
            HostileArm.AssertNothingLeft(emulator, cli);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Formats))]
    public async Task Env_HostileDeploymentNames_OnlyTheGoodNameWrittenAndSourcingRunsNothing(string format)
    {
        var emulator = await HostileArm.EmulatorAsync();
        var env = TestIdentity.ServicePrincipal(emulator);
        var file = Path.Combine(env["HOME"], "names." + format);
        var cli = await HostileArm.RunAsync($"env --resource {HostileSeed.HostileNames} --format {format} --output {file}", env);

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var text = await File.ReadAllTextAsync(file, TestContext.CancellationToken);
        Assert.DoesNotContain("touch", text, text);
        StringAssert.Contains(text, HostileSeed.GoodOpus);
        StringAssert.Contains(cli.Stderr, "is not written or chosen", "the skipped names are reported");
        Assert.DoesNotContain("ANTHROPIC_DEFAULT_SONNET_MODEL", text, "the only sonnet deployments have hostile names");

        var variables = format switch
        {
            EnvFormat.Sh or EnvFormat.Dotenv => await SourceAsync("/bin/bash", ["-c", "set -a; source \"$1\"; env -0", "bash", file]),
            EnvFormat.Fish => await SourceAsync("fish", ["--no-config", "-c", "source $argv[1]; env -0", file]),
            EnvFormat.Pwsh => null, // no pwsh here: its quoting is unit-tested (ValuesTests)
            _ => JsonVariables(text, format),
        };
        if (variables is not null)
        {
            Assert.AreEqual(HostileSeed.GoodOpus, variables.GetValueOrDefault("ANTHROPIC_DEFAULT_OPUS_MODEL"), text);
            Assert.AreEqual(HostileSeed.HostileNames, variables.GetValueOrDefault("ANTHROPIC_FOUNDRY_RESOURCE"), text);
        }

        HostileArm.AssertNothingLeft(emulator, cli);
    }

    [TestMethod]
    public async Task Env_HostileNameNamedExplicitly_RefusedWithAClearError()
    {
        var emulator = await HostileArm.EmulatorAsync();
        foreach (var name in HostileSeed.HostileDeploymentNames(HostileArm.Marker))
        {
            var family = HostileSeed.FamilyOf(name);
            var cli = await HostileArm.RunAsync($"env --resource {HostileSeed.HostileNames} --format sh --{family} \"{name}\"");

            Assert.AreEqual(1, cli.ExitCode, cli.ToString());
            StringAssert.Contains(cli.Stderr, $"--{family}: The deployment name \"", cli.ToString());
            StringAssert.Contains(cli.Stderr, "Azure allows only letters, digits, '-', '_' and '.'", cli.ToString());
            Assert.AreEqual("", cli.Stdout, cli.ToString());
            HostileArm.AssertNothingLeft(emulator, cli);
        }
    }

    private async Task<Dictionary<string, string>> SourceAsync(string shell, string[] arguments)
    {
        var info = new ProcessStartInfo(shell, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await process.WaitForExitAsync(TestContext.CancellationToken);
        Assert.AreEqual(0, process.ExitCode, errors);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    private static Dictionary<string, string> JsonVariables(string text, string format)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (format == EnvFormat.VsCode)
        {
            return root.GetProperty("claudeCode.environmentVariables").EnumerateArray()
                .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString()!);
        }

        var block = format == EnvFormat.ClaudeSettings ? root.GetProperty("env") : root;
        return block.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
