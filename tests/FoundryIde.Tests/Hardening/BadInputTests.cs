using System.Text.Json;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// Bad input to the options and parameters EnvCommandTests and ResourcesTests do not already cover: a clear error
/// (non-zero exit or a JSON-RPC error with a stable code, never an internal error or a stack trace), and HOME,
/// where every file this program writes lives, unchanged to the byte.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class BadInputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("resources --json --bogus", "'--bogus'")]
    [DataRow("deploy --json --capacity", "--subscription' is required")]
    [DataRow("env --json --resource", "--resource")]
    [DataRow("doctor --json --timeout", "--timeout")]
    [DataRow("config --json extra", "'extra'")]
    [DataRow("test --json --auth", "--auth")]
    public async Task CliOptions_UnparsableWithJson_JsonErrorOnStdoutNotTheHelp(string args, string named)
    {
        var cli = await Sidecar.RunAsync(args, TestAzure.CleanEnvironment(), TimeSpan.FromSeconds(30));

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(cli.Stdout);
        var error = json.RootElement.GetProperty("error");
        Assert.AreEqual("InvalidInput", error.GetProperty("name").GetString(), cli.ToString());
        Assert.AreEqual(1001, error.GetProperty("code").GetInt32());
        StringAssert.Contains(error.GetProperty("message").GetString(), named, cli.ToString());
        StringAssert.Contains(cli.Stderr, named, "and on stderr for a person");
    }

    [TestMethod]
    public async Task CliOptions_BadValues_NonZeroExitClearMessageAndNothingOnDiskChanges()
    {
        var env = TestIdentity.ServicePrincipal(TestAzure.Emulator);
        var home = env["HOME"];
        var cloud = Discover.CloudArguments(TestAzure.Emulator);
        string[] runs =
        [
            "doctor --timeout -1", "doctor --timeout 1e12", "doctor --timeout soon", "doctor --timeout 0",
            $"doctor --resource https://contoso-foundry.services.ai.azure.com/ {cloud}", "doctor --workspace /nonexistent/dir",
            "config --workspace /nonexistent/dir", "config --workspace \"\"",
            $"resources --arm-endpoint management.azure.com --authority-host {TestAzure.Emulator.AuthorityHost}",
            $"resources --arm-endpoint {TestAzure.Emulator.BaseUri} --authority-host login.microsoftonline.com",
            "resources --cloud https://management.azure.com/",
            $"env --resource \"\" {cloud}", $"env --resource contoso-foundry --format \"\" {cloud}",
            $"env --resource contoso-foundry --output \"\" {cloud}", $"env --resource contoso-foundry --output / {cloud}",
            $"env --resource contoso-foundry --output /proc/version --format claude-settings {cloud}",
            $"test --resource https://contoso-foundry.services.ai.azure.com/anthropic {cloud}", $"test --resource contoso-foundry --auth nope {cloud}",
            $"test --resource \"\" {cloud}", "nosuchverb", "env --no-such-option",
        ];
        SeedHome(home);
        var before = Snapshot(home);

        var results = await Task.WhenAll(runs.Select(async args => (args, cli: await Sidecar.RunAsync(args, env, TimeSpan.FromSeconds(60)))));

        foreach (var (args, cli) in results)
        {
            Assert.AreNotEqual(0, cli.ExitCode, $"{args}\n{cli}");
            Assert.AreNotEqual(70, cli.ExitCode, $"{args}: internal error\n{cli}");
            Assert.IsGreaterThan(10, cli.Stderr.Trim().Length + (args.StartsWith("doctor", StringComparison.Ordinal) ? cli.Stdout.Length : 0),
                $"{args}: says why (the doctor in its report)\n{cli}");
            Assert.DoesNotContain("   at ", cli.Stderr, $"{args}: no stack trace\n{cli}");
        }

        CollectionAssert.AreEquivalent(before, Snapshot(home), "HOME changed");
    }

    [TestMethod]
    public async Task RpcParams_BadValues_StableErrorCodeAndNothingOnDiskChanges()
    {
        var emulator = TestAzure.Emulator;
        var env = TestIdentity.ServicePrincipal(emulator);
        var home = env["HOME"];
        (string Method, string Params)[] calls =
        [
            (RpcMethods.Initialize, $$$"""{"settings":{"armEndpoint":"{{{emulator.BaseUri}}}","authorityHost":"{{{emulator.AuthorityHost}}}"}}"""),
            (RpcMethods.SettingsUpdate, """{"armEndpoint":"management.azure.com"}"""),
            (RpcMethods.SettingsUpdate, """{"authorityHost":"ftp://login.example"}"""),
            (RpcMethods.SettingsUpdate, """{"cloud":"Mars"}"""),
            (RpcMethods.SettingsUpdate, """{"cloud":"https://management.azure.com/"}"""),
            (RpcMethods.DoctorRun, """{"probeTimeoutSeconds":-5}"""),
            (RpcMethods.DoctorRun, """{"probeTimeoutSeconds":1e300}"""),
            (RpcMethods.DoctorRun, """{"resource":"https://contoso-foundry.services.ai.azure.com/"}"""),
            (RpcMethods.DoctorRun, """{"workspaceFolder":"relative/dir"}"""),
            (RpcMethods.ConfigEffective, """{"workspaceFolder":"relative/dir"}"""),
            (RpcMethods.ConfigEffective, """{"workspaceFolder":"/nonexistent/dir"}"""),
            (RpcMethods.ResourcesList, """{"subscription":"No Such Sub"}"""),
            (RpcMethods.EnvGenerate, """{"resource":""}"""),
            (RpcMethods.EnvGenerate, """{"resource":"https://contoso-foundry.services.ai.azure.com/"}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","format":"yaml"}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","auth":"password"}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","output":"relative.env"}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","output":"/proc/self/nope/.env"}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","output":""}"""),
            (RpcMethods.EnvGenerate, """{"resource":"contoso-foundry","opus":"https://x/"}"""),
            (RpcMethods.ConnectionTest, """{"resource":""}"""),
            (RpcMethods.ConnectionTest, """{"resource":"contoso-foundry","auth":"nope"}"""),
            (RpcMethods.ConnectionTest, """{"resource":"https://contoso-foundry.services.ai.azure.com/anthropic"}"""),
            (RpcMethods.ConnectionTest, """{"resource":"no-such-resource"}"""),
            (RpcMethods.Ping, "[]"),
        ];
        SeedHome(home);
        var before = Snapshot(home);

        var (answers, stderr) = await RawRpc.RunAsync(env, calls, TestContext.CancellationToken);

        var after = Snapshot(home);
        for (var i = 1; i < calls.Length - 1; i++)
        {
            using var answer = JsonDocument.Parse(answers[i]);
            var what = $"{calls[i].Method} {calls[i].Params}: {answers[i]}";
            if (calls[i].Params.Contains("\"resource\":\"https:", StringComparison.Ordinal) && calls[i].Method == RpcMethods.DoctorRun)
            {
                // The doctor reports instead of failing: the access part says what is wrong.
                var access = answer.RootElement.GetProperty("result").GetProperty("access");
                Assert.AreEqual("unknown", access.GetProperty("status").GetString(), what);
                StringAssert.Contains(access.GetProperty("detail").GetString(), "looks like a URL", what);
                continue;
            }

            Assert.IsTrue(answer.RootElement.TryGetProperty("error", out var error), $"an error for {what}");
            var code = error.GetProperty("code").GetInt32();
            Assert.IsTrue(code is >= 1001 and <= 1010 or -32602, $"a stable code, not an internal error: {what}");
            Assert.IsGreaterThan(10, error.GetProperty("message").GetString()!.Length, what);
            Assert.DoesNotContain("   at ", answers[i], what);
        }

        StringAssert.Contains(answers[^1], "\"result\"", "still serving");
        CollectionAssert.AreEquivalent(before, after, $"HOME changed\n{stderr}");
    }

    /// <summary>Files a careless write would touch: a user settings file and a .env in the working folder.</summary>
    private static void SeedHome(string home)
    {
        Directory.CreateDirectory(Path.Combine(home, ".claude"));
        File.WriteAllText(Path.Combine(home, ".claude", "settings.json"), """{"env":{"FOO":"bar"}}""");
        File.WriteAllText(Path.Combine(home, ".env"), "A=1\n");
    }

    private static string[] Snapshot(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => !p.Contains("/.azure", StringComparison.Ordinal) && !p.Contains("/.dotnet", StringComparison.Ordinal))
            .Select(p => File.Exists(p) ? $"{p} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)))}" : p + "/")];
}
