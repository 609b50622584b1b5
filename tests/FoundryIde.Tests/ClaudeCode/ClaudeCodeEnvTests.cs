using System.Text.Json.Nodes;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// What `foundry-ide env` generates makes the REAL Claude Code work: env discovers the resource through ARM
/// (management.azure.com → the public-cloud emulator on 443), writes the variables, and Claude Code, given nothing
/// else about Foundry, calls the resource's Anthropic endpoint with the chosen deployment name.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ClaudeCodeEnvTests
{
    private static string _azConfigDir = "";

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        ClaudeCodeRunner.AssertInstalled();
        Assert.IsTrue(AzureCliLogin.IsInstalled, "the Azure CLI is not installed (.ci/run installs it: apt-get install azure-cli)");
        _azConfigDir = await PublicCloudAzureCli.LoginAsync(
            Path.Combine(TestAzure.Root, "az-cc-" + Guid.NewGuid().ToString("N")[..8]), context.CancellationToken);
    }

    [TestMethod]
    public async Task Env_KeyAuthShFileWithFetchedKey_SourcedClaudeCallsTheResourceWithTheKey()
    {
        var emulator = TestAzure.PublicCloud;
        var env = ClaudeCodeRunner.CleanEnvironment();
        var file = Path.Combine(env["HOME"], "foundry.sh");
        var since = DateTimeOffset.UtcNow;

        var cli = await FoundryEnv.RunAsync(
            $"--resource {DefaultSeed.FoundryAccount} --auth key --fetch-key --format sh --output \"{file}\"",
            TestIdentity.WithServicePrincipal(env));

        Assert.IsTrue(emulator.Requests.Snapshot().Any(r => r.Timestamp >= since && r.Path.Contains("/listKeys", StringComparison.Ordinal)),
            "--fetch-key did not call listKeys");
        AssertNoKeyPrinted(cli);
        var text = await File.ReadAllTextAsync(file);
        FoundryEnv.AssertShLines(text);
        var vars = await FoundryEnv.SourcedVariablesAsync(file, exportAll: false);
        AssertCanonicalResource(vars, DefaultSeed.FoundrySubDomain);
        AssertFoundryDeployments(vars);
        CollectionAssert.Contains(new[] { DefaultSeed.FoundryKey1, DefaultSeed.FoundryKey2 }, vars.GetValueOrDefault("ANTHROPIC_FOUNDRY_API_KEY"),
            "a key that listKeys returned");

        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(env, file, exportAll: false);

        var request = AssertAnswered(emulator, claude);
        Assert.AreEqual($"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual("/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual("key", request.AuthKind);
        Assert.AreEqual(DefaultSeed.SonnetDeployment, request.Deployment, "no --model: Claude Code's default, the Sonnet variable");
    }

    [TestMethod]
    public async Task Env_KeyAuthFishFile_SourcedByFishClaudeOpusCallsTheOpusDeployment()
    {
        var emulator = TestAzure.PublicCloud;
        var env = ClaudeCodeRunner.CleanEnvironment();
        var file = Path.Combine(env["HOME"], "foundry.fish");
        var ideEnv = TestIdentity.WithServicePrincipal(env);
        ideEnv["ANTHROPIC_FOUNDRY_API_KEY"] = DefaultSeed.FoundryKey1;

        var cli = await FoundryEnv.RunAsync($"--resource {DefaultSeed.FoundryAccount} --auth key --format fish --output \"{file}\"", ideEnv);

        AssertNoKeyPrinted(cli);
        StringAssert.Contains(await File.ReadAllTextAsync(file), $"set -gx ANTHROPIC_FOUNDRY_RESOURCE '{DefaultSeed.FoundrySubDomain}'");
        var claude = await ClaudeCodeRunner.RunAfterSourcingFishAsync(env, file, "--model", "opus");

        var request = AssertAnswered(emulator, claude);
        Assert.AreEqual($"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual("key", request.AuthKind);
        Assert.AreEqual(DefaultSeed.OpusDeployment, request.Deployment);
    }

    [TestMethod]
    public async Task Env_KeyAuthDotenvFileWithKeyFromEnvironment_SourcedClaudeHaikuCallsTheHaikuDeployment()
    {
        var emulator = TestAzure.PublicCloud;
        var env = ClaudeCodeRunner.CleanEnvironment();
        var file = Path.Combine(env["HOME"], "foundry.env");
        var ideEnv = TestIdentity.WithServicePrincipal(env);
        ideEnv["ANTHROPIC_FOUNDRY_API_KEY"] = DefaultSeed.FoundryKey2;
        var since = DateTimeOffset.UtcNow;

        var cli = await FoundryEnv.RunAsync(
            $"--resource {DefaultSeed.FoundryAccount} --auth key --format dotenv --output \"{file}\"", ideEnv);

        Assert.IsFalse(emulator.Requests.Snapshot().Any(r => r.Timestamp >= since && r.Path.Contains("/listKeys", StringComparison.Ordinal)),
            "without --fetch-key the key comes from the environment, not listKeys");
        AssertNoKeyPrinted(cli);
        var text = await File.ReadAllTextAsync(file);
        FoundryEnv.AssertDotenvLines(text);
        var vars = await FoundryEnv.SourcedVariablesAsync(file, exportAll: true);
        AssertCanonicalResource(vars, DefaultSeed.FoundrySubDomain);
        AssertFoundryDeployments(vars);
        Assert.AreEqual(DefaultSeed.FoundryKey2, vars.GetValueOrDefault("ANTHROPIC_FOUNDRY_API_KEY"), "the environment's key");

        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(env, file, exportAll: true, "--model", "haiku");

        var request = AssertAnswered(emulator, claude);
        Assert.AreEqual($"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual("/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual("key", request.AuthKind);
        Assert.AreEqual(DefaultSeed.HaikuDeployment, request.Deployment);
    }

    [TestMethod]
    public async Task Env_EntraClaudeSettingsMergedIntoUserSettings_ClaudeSignsInWithAzureCliAndOtherSettingsSurvive()
    {
        var emulator = TestAzure.PublicCloud;
        var env = ClaudeCodeRunner.CleanEnvironment();
        env["AZURE_CONFIG_DIR"] = _azConfigDir;
        var settingsFile = Path.Combine(env["HOME"], ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settingsFile)!);
        await File.WriteAllTextAsync(settingsFile, """{"theme":"dark","env":{"FOO":"bar"}}""");

        await FoundryEnv.RunAsync(
            $"--resource {DefaultSeed.FoundryAccount} --auth entra --format claude-settings --output \"{settingsFile}\"", env);

        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        Assert.AreEqual("dark", settings["theme"]?.GetValue<string>(), settings.ToJsonString());
        var vars = FoundryEnv.SettingsEnv(settings);
        Assert.AreEqual("bar", vars.GetValueOrDefault("FOO"), settings.ToJsonString());
        AssertCanonicalResource(vars, DefaultSeed.FoundrySubDomain);
        AssertFoundryDeployments(vars);
        Assert.IsFalse(vars.ContainsKey("ANTHROPIC_FOUNDRY_API_KEY"), "--auth entra writes no key");

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", "opus");

        var request = AssertAnswered(emulator, claude);
        Assert.AreEqual($"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual("/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual("bearer", request.AuthKind);
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, request.PrincipalId, "the az-signed-in service principal");
        Assert.AreEqual("https://cognitiveservices.azure.com", request.Audience);
        Assert.AreEqual(DefaultSeed.OpusDeployment, request.Deployment);
    }

    [TestMethod]
    public async Task Env_DeploymentNamedUnlikeItsModel_ClaudeSonnetAliasSendsTheDeploymentName()
    {
        var emulator = TestAzure.PublicCloud;
        // Entra for both: contoso-ai-west refuses keys (disableLocalAuth). Claude Code uses EnvironmentCredential.
        var env = TestIdentity.WithServicePrincipal(ClaudeCodeRunner.CleanEnvironment());
        var file = Path.Combine(env["HOME"], "west.sh");

        await FoundryEnv.RunAsync(
            $"--resource {DefaultSeed.WestAccount} --subscription {DefaultSeed.SubscriptionId} --auth entra --format sh --output \"{file}\"", env);

        var text = await File.ReadAllTextAsync(file);
        FoundryEnv.AssertShLines(text);
        var vars = await FoundryEnv.SourcedVariablesAsync(file, exportAll: false);
        AssertCanonicalResource(vars, DefaultSeed.WestSubDomain);
        Assert.AreEqual(DefaultSeed.WestSonnetDeployment, vars.GetValueOrDefault("ANTHROPIC_DEFAULT_SONNET_MODEL"),
            "the deployment name, not its model (claude-sonnet-4-5)");
        Assert.IsFalse(vars.ContainsKey("ANTHROPIC_FOUNDRY_API_KEY"));
        Assert.DoesNotContain(DefaultSeed.FailedDeployment, text, "a Failed deployment answers 404: it must not be configured");

        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(env, file, exportAll: false, "--model", "sonnet");

        var request = AssertAnswered(emulator, claude);
        Assert.AreEqual($"{DefaultSeed.WestSubDomain}.services.ai.azure.com", request.Host);
        Assert.AreEqual(DefaultSeed.WestAccount, request.Account);
        Assert.AreEqual("/anthropic/v1/messages", ClaudeCodeRunner.PathOnly(request));
        Assert.AreEqual("bearer", request.AuthKind);
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, request.PrincipalId);
        Assert.AreEqual(DefaultSeed.WestSonnetDeployment, request.Deployment,
            "Claude Code's alias `sonnet` resolves to ANTHROPIC_DEFAULT_SONNET_MODEL, sent verbatim as the model");
    }

    /// <summary>Claude printed the emulator's reply, and exactly one Messages request reached the emulator, with 200.</summary>
    private RequestLogEntry AssertAnswered(AzureEmulator emulator, ClaudeRun claude)
    {
        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(emulator, claude));
        Assert.AreEqual(200, request.StatusCode, request.ToString());
        return request;
    }

    private static void AssertCanonicalResource(Dictionary<string, string> vars, string subdomain)
    {
        Assert.AreEqual("1", vars.GetValueOrDefault("CLAUDE_CODE_USE_FOUNDRY"));
        Assert.AreEqual(subdomain, vars.GetValueOrDefault("ANTHROPIC_FOUNDRY_RESOURCE"));
        Assert.IsFalse(vars.ContainsKey("ANTHROPIC_FOUNDRY_BASE_URL"), "Claude Code refuses both a resource and a base URL");
    }

    private static void AssertFoundryDeployments(Dictionary<string, string> vars)
    {
        Assert.AreEqual(DefaultSeed.OpusDeployment, vars.GetValueOrDefault("ANTHROPIC_DEFAULT_OPUS_MODEL"));
        Assert.AreEqual(DefaultSeed.SonnetDeployment, vars.GetValueOrDefault("ANTHROPIC_DEFAULT_SONNET_MODEL"));
        Assert.AreEqual(DefaultSeed.HaikuDeployment, vars.GetValueOrDefault("ANTHROPIC_DEFAULT_HAIKU_MODEL"));
    }

    private static void AssertNoKeyPrinted(CliResult cli)
    {
        foreach (var key in new[] { DefaultSeed.FoundryKey1, DefaultSeed.FoundryKey2 })
        {
            Assert.DoesNotContain(key, cli.Stdout, "with --output the key goes to the file only");
            Assert.DoesNotContain(key, cli.Stderr, "a key on stderr");
        }
    }
}
