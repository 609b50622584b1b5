using System.Text.Json;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Doctor;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>The real `foundry-ide config`, `doctor --workspace` and `config/effective`, with a fresh HOME holding settings files.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class EffectiveConfigCommandTests
{
    private const string KeyCanary = "canary-settings-key-4b9e1d77";
    private const string TokenCanary = "canary-settings-token-c0ffee42";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// User settings turn Foundry on with a URL in the resource variable and a key; the project adds a base URL and a
    /// token (which need workspace trust); managed settings pin the Haiku model; VS Code's list turns Bedrock on.
    /// </summary>
    private static (Dictionary<string, string> Env, string Workspace) MixedUpMachine()
    {
        var env = TestAzure.CleanEnvironment();
        var home = env["HOME"];
        var workspace = Path.Combine(home, "projects", "app");
        env["FOUNDRYIDE_MANAGED_SETTINGS"] = Path.Combine(home, "managed", "managed-settings.json");
        env["ANTHROPIC_MODEL"] = "claude-3-7-sonnet";
        Write(Path.Combine(home, ".claude", "settings.json"), $$$"""
            {"env": {"CLAUDE_CODE_USE_FOUNDRY": "1",
                     "ANTHROPIC_FOUNDRY_RESOURCE": "https://contoso-west-7f3a.services.ai.azure.com/",
                     "ANTHROPIC_FOUNDRY_API_KEY": "{{{KeyCanary}}}"}}
            """);
        Write(Path.Combine(workspace, ".claude", "settings.json"), $$$"""
            {"env": {"ANTHROPIC_FOUNDRY_BASE_URL": "https://contoso-west-7f3a.services.ai.azure.com/anthropic",
                     "ANTHROPIC_FOUNDRY_AUTH_TOKEN": "{{{TokenCanary}}}"}}
            """);
        Write(env["FOUNDRYIDE_MANAGED_SETTINGS"], """{"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "haiku"}}""");
        Write(Path.Combine(home, ".config", "Code", "User", "settings.json"), """
            {
              // JSONC, as VS Code writes it
              "claudeCode.environmentVariables": [{"name": "CLAUDE_CODE_USE_BEDROCK", "value": "1"},],
            }
            """);
        Write(Path.Combine(workspace, ".claude", "settings.local.json"), "{\"env\": {\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"opus\",}}");
        return (env, workspace);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void AssertNoCanary(CliResult run)
    {
        foreach (var canary in new[] { KeyCanary, TokenCanary })
        {
            Assert.DoesNotContain(canary, run.Stdout, "a secret in stdout");
            Assert.DoesNotContain(canary, run.Stderr, "a secret in stderr");
        }
    }

    private static JsonElement Variable(JsonElement config, string name) =>
        config.GetProperty("variables").EnumerateArray().First(v => v.GetProperty("name").GetString() == name);

    private static string[] Codes(JsonElement config) =>
        config.GetProperty("conflicts").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToArray();

    [TestMethod]
    public async Task ConfigCommand_Json_SourcesAndConflictsFromEveryFileAndNoSecret()
    {
        var (env, workspace) = MixedUpMachine();

        var run = await Sidecar.RunAsync($"config --json --workspace \"{workspace}\" --deployments sonnet,haiku", env);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        AssertNoCanary(run);
        using var document = JsonDocument.Parse(run.Stdout);
        var config = document.RootElement;
        Assert.AreEqual("foundry", config.GetProperty("provider").GetString());
        Assert.AreEqual("user", Variable(config, "ANTHROPIC_FOUNDRY_API_KEY").GetProperty("source").GetString());
        Assert.IsTrue(Variable(config, "ANTHROPIC_FOUNDRY_API_KEY").GetProperty("secret").GetBoolean());
        Assert.AreEqual(JsonValueKind.Null, Variable(config, "ANTHROPIC_FOUNDRY_API_KEY").GetProperty("value").ValueKind);
        Assert.AreEqual("project", Variable(config, "ANTHROPIC_FOUNDRY_BASE_URL").GetProperty("source").GetString());
        Assert.AreEqual("managed", Variable(config, "ANTHROPIC_DEFAULT_HAIKU_MODEL").GetProperty("source").GetString());
        Assert.AreEqual("shell", Variable(config, "ANTHROPIC_MODEL").GetProperty("source").GetString());
        Assert.AreEqual("vscode-user", Variable(config, "CLAUDE_CODE_USE_BEDROCK").GetProperty("source").GetString());
        var codes = Codes(config);
        foreach (var code in new[]
                 {
                     ConflictCodes.ResourceAndBaseUrl, ConflictCodes.ResourceInvalid, ConflictCodes.NeedsWorkspaceTrust,
                     ConflictCodes.SecretInSharedSettings, ConflictCodes.ModelOverride, ConflictCodes.UnknownDeployment,
                     ConflictCodes.BedrockSelected, ConflictCodes.VsCodeDiffers, ConflictCodes.SettingsInvalid,
                 })
        {
            CollectionAssert.Contains(codes, code, run.Stdout);
        }

        var broken = config.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "local");
        StringAssert.Contains(broken.GetProperty("error").GetString(), "line 1, column");
    }

    [TestMethod]
    public async Task ConfigCommand_Text_FixesNamedAndNoSecret()
    {
        var (env, workspace) = MixedUpMachine();

        var run = await Sidecar.RunAsync($"config --workspace \"{workspace}\"", env);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        AssertNoCanary(run);
        StringAssert.Contains(run.Stdout, "set (secret, not shown)");
        StringAssert.Contains(run.Stdout, "Problem [resource-and-base-url]");
        StringAssert.Contains(run.Stdout, "fix: ");
        StringAssert.Contains(run.Stdout, Path.Combine(workspace, ".claude", "settings.json"));
    }

    [TestMethod]
    public async Task ConfigCommand_HealthyUserSettings_ExitsZero()
    {
        var env = TestAzure.CleanEnvironment();
        env["FOUNDRYIDE_MANAGED_SETTINGS"] = Path.Combine(env["HOME"], "no-managed-settings.json");
        Write(Path.Combine(env["HOME"], ".claude", "settings.json"),
            """{"env": {"CLAUDE_CODE_USE_FOUNDRY": "1", "ANTHROPIC_FOUNDRY_RESOURCE": "contoso-west-7f3a"}}""");

        var workspace = Directory.CreateDirectory(Path.Combine(env["HOME"], "app")).FullName;

        var run = await Sidecar.RunAsync($"config --workspace \"{workspace}\"", env);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Stdout, "`claude` in a terminal uses: foundry");
        StringAssert.Contains(run.Stdout, "No conflicts");
    }

    [TestMethod]
    public async Task ConfigCommand_MissingWorkspace_ExitsTwo()
    {
        var env = TestAzure.CleanEnvironment();

        var run = await Sidecar.RunAsync($"config --workspace \"{Path.Combine(env["HOME"], "nowhere")}\"", env);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Stderr, "does not exist");
    }

    [TestMethod]
    public async Task Doctor_Workspace_EffectiveConfigInJsonAndItsConflictsInText()
    {
        var (env, workspace) = MixedUpMachine();

        var json = await DoctorRun.RunAsync(env, $"--workspace \"{workspace}\"");
        var text = await Sidecar.RunAsync($"doctor --workspace \"{workspace}\"", env);

        AssertNoCanary(json.Cli);
        AssertNoCanary(text);
        var effective = json.Json.GetProperty("effective");
        Assert.AreEqual(workspace, effective.GetProperty("workspaceFolder").GetString());
        Assert.AreEqual("user", Variable(effective, "CLAUDE_CODE_USE_FOUNDRY").GetProperty("source").GetString());
        CollectionAssert.Contains(Codes(effective), ConflictCodes.ResourceAndBaseUrl);
        StringAssert.Contains(text.Stdout, "Claude Code's settings for " + workspace);
        StringAssert.Contains(text.Stdout, "Problem [resource-and-base-url]");
        StringAssert.Contains(text.Stdout, "Warning [needs-workspace-trust]");
    }

    [TestMethod]
    public async Task ConfigEffective_OverRpc_SameAnswerAsTheCliAndDoctorCarriesIt()
    {
        var (env, workspace) = MixedUpMachine();
        await using var session = SidecarSession.Start(env);

        var config = await session.Server.GetEffectiveConfigAsync(
            new EffectiveConfigParams(workspace, ["sonnet", "haiku"]), TestContext.CancellationToken);
        var userOnly = await session.Server.GetEffectiveConfigAsync(null, TestContext.CancellationToken);
        var doctor = await session.Server.RunDoctorAsync(
            new DoctorParams(ProbeTimeoutSeconds: 5, WorkspaceFolder: workspace), TestContext.CancellationToken);
        var relative = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.Server.GetEffectiveConfigAsync(new EffectiveConfigParams("projects/app"), TestContext.CancellationToken));
        var cli = await Sidecar.RunAsync($"config --json --workspace \"{workspace}\" --deployments sonnet,haiku", env);

        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
        Assert.AreEqual(ConfigSources.Project, config.Variables.Single(v => v.Name == "ANTHROPIC_FOUNDRY_BASE_URL").Source);
        using var document = JsonDocument.Parse(cli.Stdout);
        CollectionAssert.AreEqual(Codes(document.RootElement), config.Conflicts.Select(c => c.Code).ToArray());
        Assert.IsNull(userOnly.WorkspaceFolder);
        Assert.IsFalse(userOnly.Variables.Any(v => v.Source == ConfigSources.Project));
        Assert.IsNotNull(doctor.Effective);
        Assert.AreEqual(workspace, doctor.Effective.WorkspaceFolder);
        Assert.AreEqual((int)FoundryErrorCode.InvalidInput, relative.ErrorCode);
        Assert.DoesNotContain(KeyCanary, session.Stderr);
    }
}
