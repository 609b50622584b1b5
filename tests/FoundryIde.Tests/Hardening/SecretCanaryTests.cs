using System.Text;
using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Connection;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>
/// A canary key and token, with trace logging on, through every CLI verb and RPC method: they may appear only in
/// the file the user asked to be written. Nothing else the run produces (stdout, stderr, RPC answers, any file
/// under its HOME, which is also its TMPDIR) may hold them.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class SecretCanaryTests
{
    private const string CanaryKey = "canary-key-9c41e7d2a8b35f60";
    private const string CanaryToken = "canary-token-5e2b8f1d7a9c3e40";
    private const string EditorKey = "canary-editor-key-1a7f3c9e2d5b";
    private static readonly string[] Canaries = [CanaryKey, CanaryToken, EditorKey];
    private static readonly string[] Formats = ["dotenv", "sh", "fish", "pwsh", "claude-settings", "vscode", "json"];

    private static AzureEmulator? _emulator;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => _emulator!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _emulator = await ConnectionRun.StartLoopbackAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    private static Dictionary<string, string> CanaryEnvironment()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        env["ANTHROPIC_FOUNDRY_API_KEY"] = CanaryKey;
        env["ANTHROPIC_FOUNDRY_AUTH_TOKEN"] = CanaryToken;
        env["FOUNDRYIDE_LOG_LEVEL"] = "Trace";
        return env;
    }

    [TestMethod]
    public async Task EveryCliVerb_CanaryKeyAndToken_OnlyInTheFileAskedFor()
    {
        var env = CanaryEnvironment();
        var home = env["HOME"];
        var cloud = Discover.CloudArguments(Emulator);
        var resource = DefaultSeed.FoundryAccount;
        var asked = Formats.Select(f => Path.Combine(home, "out", $"asked.{f}")).ToArray();
        Directory.CreateDirectory(Path.Combine(home, "out"));
        List<string> runs =
        [
            "doctor", $"doctor --json --resource {resource} {cloud}", $"resources {cloud}", $"resources --json {cloud}",
            $"test --resource {resource} {cloud}", $"test --json --auth key --resource {resource} {cloud}",
            "config", $"config --json --workspace {home}",
            .. Formats.Select(f => $"env --resource {resource} --format {f} {cloud}"),
            .. Formats.Select((f, i) => $"env --resource {resource} --auth key --format {f} --output {asked[i]} {cloud}"),
        ];

        var results = await Task.WhenAll(runs.Select(async args =>
        {
            var cli = await Sidecar.RunAsync(args, env, TimeSpan.FromSeconds(90));
            return (args, cli);
        }));

        var leaks = new List<string>();
        foreach (var (args, cli) in results)
        {
            Assert.AreNotEqual(70, cli.ExitCode, $"{args}: internal error\n{cli}");
            leaks.AddRange(Leaks($"`{args}` stdout", cli.Stdout).Concat(Leaks($"`{args}` stderr", cli.Stderr)));
        }

        leaks.AddRange(FileLeaks(home, asked));
        var tracedLines = results.Sum(r => r.cli.Stderr.Split('\n').Length);
        TestContext.WriteLine($"canary CLI: {runs.Count} runs, {tracedLines} stderr lines at Trace, {leaks.Count} leaks");
        Assert.IsEmpty(leaks, string.Join("\n", leaks));
        foreach (var file in asked) StringAssert.Contains(await File.ReadAllTextAsync(file, TestContext.CancellationToken), CanaryKey, "the asked file gets the key");
    }

    [TestMethod]
    public async Task EveryRpcMethod_CanaryKeyTokenAndEditorKey_OnlyInTheFileAskedFor()
    {
        var env = CanaryEnvironment();
        var home = env["HOME"];
        var asked = Path.Combine(home, "asked.env");
        var settings = $$"""{"armEndpoint":"{{Emulator.BaseUri}}","authorityHost":"{{Emulator.AuthorityHost}}","foundrySuffix":"{{Discover.LoopbackSuffix(Emulator)}}"}""";
        var resource = DefaultSeed.FoundryAccount;
        var key = JsonSerializer.Serialize(EditorKey, TestJson.Default.String);
        (string Method, string Params)[] calls =
        [
            (RpcMethods.Initialize, $$"""{"clientName":"tests","settings":{{settings}}}"""),
            (RpcMethods.Ping, "[]"),
            (RpcMethods.SettingsUpdate, settings),
            (RpcMethods.DoctorRun, $$"""{"resource":"{{resource}}","workspaceFolder":"{{home}}"}"""),
            (RpcMethods.ConfigEffective, $$"""{"workspaceFolder":"{{home}}"}"""),
            (RpcMethods.ResourcesList, """{"refresh":true,"progressToken":"p"}"""),
            (RpcMethods.ConnectionTest, $$"""{"resource":"{{resource}}"}"""),
            (RpcMethods.ConnectionTest, $$"""{"resource":"{{resource}}","auth":"key","apiKey":{{key}}}"""),
            (RpcMethods.EnvGenerate, $$"""{"resource":"{{resource}}","auth":"key"}"""),
            (RpcMethods.EnvGenerate, $$"""{"resource":"{{resource}}","auth":"key","apiKey":{{key}},"format":"json"}"""),
            (RpcMethods.EnvGenerate, $$"""{"resource":"{{resource}}","auth":"key","apiKey":{{key}},"output":"{{asked}}"}"""),
            (RpcMethods.EnvGenerate, $$"""{"resource":"nope","auth":"key","apiKey":{{key}}}"""),
            (RpcMethods.ConfigApply, $$"""{"selection":{"resource":"{{resource}}","auth":"key","apiKey":{{key}},"workspaceFolder":"{{home}}"},"targets":["terminals","claudeCodeExtension","dotenv"],"dotenvPath":"asked.env","claudeCodeEnvironmentVariables":[]}"""),
            (RpcMethods.ConfigApply, $$"""{"selection":{"resource":"{{resource}}","auth":"key","apiKey":{{key}},"workspaceFolder":"{{home}}"},"targets":["dotenv","userSettings"],"dotenvPath":"asked.env","dryRun":true}"""),
            (RpcMethods.ConfigApply, $$"""{"selection":{"resource":"nope","auth":"key","apiKey":{{key}}},"targets":["terminals"]}"""),
            (RpcMethods.ConnectionTest, $$"""{"resource":"https://x.services.ai.azure.com/","apiKey":{{key}}}"""),
            (RpcMethods.Shutdown, "[]"),
        ];

        var (answers, stderr) = await RawRpc.RunAsync(env, calls, TestContext.CancellationToken);

        Assert.HasCount(calls.Length, answers, "every call answered");
        var leaks = answers.SelectMany((a, i) => Leaks($"answer to {calls[i].Method} #{i}", a))
            .Concat(Leaks("sidecar stderr", stderr)).Concat(FileLeaks(home, [asked])).ToList();
        TestContext.WriteLine($"canary RPC: {calls.Length} calls, {stderr.Split('\n').Length} stderr lines at Trace, {leaks.Count} leaks");
        Assert.IsEmpty(leaks, string.Join("\n", leaks));
        StringAssert.Contains(await File.ReadAllTextAsync(asked, TestContext.CancellationToken), EditorKey, "the asked file gets the editor's key");
    }

    private static IEnumerable<string> Leaks(string where, string text) =>
        Canaries.Where(c => text.Contains(c, StringComparison.Ordinal)).Select(c => $"{c} in {where}");

    private static IEnumerable<string> FileLeaks(string root, IReadOnlyCollection<string> allowed)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (allowed.Contains(file) || new FileInfo(file).Length > 16 * 1024 * 1024) continue;
            string text;
            try
            {
                text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var leak in Leaks(file, text)) yield return leak;
        }
    }
}
