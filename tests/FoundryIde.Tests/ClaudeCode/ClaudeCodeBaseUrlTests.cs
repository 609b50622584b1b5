using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// An endpoint that is not https://{name}.services.ai.azure.com/: an emulator whose ARM reports
/// https://127.0.0.1:P/accounts/{subdomain}/ as the "AI Foundry API" endpoint. `env` must then write
/// ANTHROPIC_FOUNDRY_BASE_URL (Claude Code accepts only a bare name in ANTHROPIC_FOUNDRY_RESOURCE), and Claude Code
/// must reach the path-style Messages endpoint under it.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ClaudeCodeBaseUrlTests
{
    private static AzureEmulator? _emulator;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("ClassInitialize did not run");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ClaudeCodeRunner.AssertInstalled();
        _emulator = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca,
            new EmulatorOptions { LoopbackEndpoints = true }, context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    [TestMethod]
    public async Task Env_PathStyleEndpointDotenvOnStdout_WritesBaseUrlAndClaudeReachesTheAccountPath()
    {
        var env = ClaudeCodeRunner.CleanEnvironment();
        var ideEnv = TestIdentity.WithServicePrincipal(env);
        ideEnv["AZURE_AUTHORITY_HOST"] = Emulator.AuthorityHost;

        var cli = await FoundryEnv.RunAsync(
            $"--resource {DefaultSeed.FoundryAccount} --auth key --fetch-key --format dotenv {Discover.CloudArguments(Emulator)}", ideEnv);

        FoundryEnv.AssertDotenvLines(cli.Stdout);
        var file = Path.Combine(env["HOME"], "foundry.env");
        await File.WriteAllTextAsync(file, cli.Stdout);
        var vars = await FoundryEnv.SourcedVariablesAsync(file, exportAll: true);
        Assert.AreEqual("1", vars.GetValueOrDefault("CLAUDE_CODE_USE_FOUNDRY"), cli.Stdout);
        Assert.AreEqual(Emulator.AnthropicBaseUrl(DefaultSeed.FoundryAccount), vars.GetValueOrDefault("ANTHROPIC_FOUNDRY_BASE_URL"), cli.Stdout);
        Assert.IsFalse(vars.ContainsKey("ANTHROPIC_FOUNDRY_RESOURCE"), "Claude Code refuses both a resource and a base URL");
        Assert.AreEqual(DefaultSeed.SonnetDeployment, vars.GetValueOrDefault("ANTHROPIC_DEFAULT_SONNET_MODEL"), cli.Stdout);

        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(env, file, exportAll: true);

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(Emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(Emulator, claude));
        Assert.AreEqual($"127.0.0.1:{Emulator.Port}", request.Host);
        Assert.AreEqual($"/accounts/{DefaultSeed.FoundrySubDomain}/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual(DefaultSeed.FoundryAccount, request.Account);
        Assert.AreEqual("key", request.AuthKind);
        Assert.AreEqual(DefaultSeed.SonnetDeployment, request.Deployment);
        Assert.AreEqual(200, request.StatusCode);
    }
}
