using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// The REAL Claude Code against the emulator with variables set by hand, as the Foundry guide has users do: the
/// control for the `foundry-ide env` tests (if these fail, the harness or the emulator is at fault, not `env`).
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ClaudeCodeBaselineTests
{
    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void RequireClaudeCode(TestContext context) => ClaudeCodeRunner.AssertInstalled();

    private static Dictionary<string, string> HandSet(string key)
    {
        var env = ClaudeCodeRunner.CleanEnvironment();
        env["CLAUDE_CODE_USE_FOUNDRY"] = "1";
        env["ANTHROPIC_FOUNDRY_API_KEY"] = key;
        env["ANTHROPIC_DEFAULT_OPUS_MODEL"] = DefaultSeed.OpusDeployment;
        env["ANTHROPIC_DEFAULT_SONNET_MODEL"] = DefaultSeed.SonnetDeployment;
        env["ANTHROPIC_DEFAULT_HAIKU_MODEL"] = DefaultSeed.HaikuDeployment;
        return env;
    }

    [TestMethod]
    public async Task ClaudeP_ResourceNameAndKey_PrintsTheReplyOfTheSonnetDeployment()
    {
        var emulator = TestAzure.PublicCloud;
        var env = HandSet(DefaultSeed.FoundryKey1);
        env["ANTHROPIC_FOUNDRY_RESOURCE"] = DefaultSeed.FoundrySubDomain;

        var claude = await ClaudeCodeRunner.RunAsync(env);

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(emulator, claude));
        Assert.AreEqual($"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual("/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual("key", request.AuthKind);
        Assert.AreEqual(DefaultSeed.SonnetDeployment, request.Deployment, "with no --model, Claude Code sends ANTHROPIC_DEFAULT_SONNET_MODEL");
        Assert.AreEqual(200, request.StatusCode);
    }

    [TestMethod]
    public async Task ClaudeP_BaseUrlAndKeyWithHaikuAlias_ReachesThePathStyleEndpointWithTheHaikuDeployment()
    {
        var emulator = TestAzure.Emulator;
        var env = HandSet(DefaultSeed.FoundryKey2);
        env["ANTHROPIC_FOUNDRY_BASE_URL"] = emulator.AnthropicBaseUrl(DefaultSeed.FoundryAccount);

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", "haiku");

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(emulator, claude));
        Assert.AreEqual($"127.0.0.1:{emulator.Port}", request.Host);
        Assert.AreEqual($"/accounts/{DefaultSeed.FoundrySubDomain}/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual(DefaultSeed.HaikuDeployment, request.Deployment);
        Assert.AreEqual(DefaultSeed.FoundryAccount, request.Account);
    }

    [TestMethod]
    public async Task ClaudeP_WrongKey_ExitsOneWithFoundrysAuthenticationError()
    {
        var emulator = TestAzure.PublicCloud;
        var env = HandSet("not-a-key-of-this-resource");
        env["ANTHROPIC_FOUNDRY_RESOURCE"] = DefaultSeed.FoundrySubDomain;

        var claude = await ClaudeCodeRunner.RunAsync(env);

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(1, claude.ExitCode, claude.ToString());
        Assert.Contains("401", claude.Stdout, claude.ToString());
        Assert.DoesNotContain(emulator.State.ReplyText, claude.Stdout);
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(emulator, claude), "CLAUDE_CODE_MAX_RETRIES=0: no retry");
        Assert.AreEqual(401, request.StatusCode);
    }
}
