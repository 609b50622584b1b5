using FoundryIde.Emulator;
using FoundryIde.Server.Models;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// The model table (<see cref="ClaudeModels"/>) against the REAL pinned Claude Code, on today's models deployed under
/// custom names (<see cref="ModelsSeed"/>, loopback endpoints, key auth). When Claude Code is upgraded, these say what
/// changed: the models it asks for per family, or the request parameters it derives from what FoundryIde writes.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ClaudeCodeModelTests
{
    private static AzureEmulator? _emulator;

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("not initialised");

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        ClaudeCodeRunner.AssertInstalled();
        _emulator = await AzureEmulator.StartAsync(EmulatorState.CreateModels(), TestAzure.Ca,
            new EmulatorOptions { LoopbackEndpoints = true }, context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    /// <summary>Claude Code pointed at the models resource by hand, with no model variable.</summary>
    private static Dictionary<string, string> Bare()
    {
        var env = ClaudeCodeRunner.CleanEnvironment();
        env["CLAUDE_CODE_USE_FOUNDRY"] = "1";
        env["ANTHROPIC_FOUNDRY_API_KEY"] = ModelsSeed.Key1;
        env["ANTHROPIC_FOUNDRY_BASE_URL"] = Emulator.AnthropicBaseUrl(ModelsSeed.Account);
        return env;
    }

    [TestMethod]
    [DataRow("fable")]
    [DataRow("opus")]
    [DataRow("sonnet")]
    [DataRow("haiku")]
    public async Task ClaudeP_FamilyAliasWithoutVariable_AsksForTheTablesModelsInOrder(string family)
    {
        var since = DateTimeOffset.UtcNow;

        var claude = await ClaudeCodeRunner.RunAsync(Bare(), "--model", family);

        TestContext.WriteLine(claude.ToString());
        var asked = ClaudeCodeRunner.MessagesSince(Emulator, since).Select(r => r.Deployment ?? "").Aggregate(
            new List<string>(), (seen, model) => { if (seen.LastOrDefault() != model) seen.Add(model); return seen; });
        var expected = ClaudeModels.ClaudeCodeAliasModels[family];
        Assert.AreEqual(string.Join(", ", expected), string.Join(", ", asked),
            $"Claude Code at {ClaudeCodeRunner.Path} asked for other models for --model {family} with no ANTHROPIC_DEFAULT_{family.ToUpperInvariant()}_MODEL " +
            "than ClaudeModels.ClaudeCodeAliasModels says: its registry changed. Re-read it (grep -a -o '{id:\"claude-fable-5\",family:\"fable\".\\{600\\}' <binary>) " +
            "and update server/Models/ClaudeModels.cs (rows, capabilities, alias models).");
        foreach (var model in asked)
        {
            Assert.AreEqual(family, ClaudeModels.Find(model)?.Family,
                $"Claude Code asked for {model} as a {family} model; server/Models/ClaudeModels.cs has no {family} row for it: add it from the registry.");
        }

        Assert.AreEqual(1, claude.ExitCode, "none of those is a deployment here: " + claude);
    }

    public static IEnumerable<object[]> FamiliesAndDefaults =>
    [
        ["fable", ModelsSeed.Fable, true],
        ["opus", ModelsSeed.Opus, true],
        ["sonnet", ModelsSeed.Sonnet, true],
        ["haiku", ModelsSeed.Haiku, true],
    ];

    [TestMethod]
    [DynamicData(nameof(FamiliesAndDefaults))]
    public async Task ClaudeP_FamilyAliasConfiguredByEnvOutput_NewestDeploymentAnswersWithItsParameters(string family, string deployment, bool adaptive)
    {
        var file = await WriteEnvAsync("");

        var request = await RunSourcedAsync(file, family);

        Assert.AreEqual(deployment, request.Deployment, $"--model {family}: the newest {family} by generation, not by version string");
        AssertParameters(request, adaptive);
    }

    [TestMethod]
    [DataRow("sonnet", ModelsSeed.Sonnet45)]
    [DataRow("haiku", ModelsSeed.OlderHaiku)]
    public async Task ClaudeP_OlderModelChosenByName_ThinkingWithABudgetAndNoEffort(string family, string deployment)
    {
        var file = await WriteEnvAsync($"--{family} {deployment}");

        var request = await RunSourcedAsync(file, family);

        Assert.AreEqual(deployment, request.Deployment);
        AssertParameters(request, adaptive: false);
    }

    [TestMethod]
    public async Task ClaudeP_OlderModelWithoutCapabilities_ClaudeCodeSendsEffortItDoesNotSupport()
    {
        // The control: what the capabilities variable prevents. Without it Claude Code assumes a custom name is a new
        // model and sends adaptive thinking and effort, which Haiku 4.5 refuses with a 400 on Foundry.
        var env = Bare();
        env["ANTHROPIC_DEFAULT_HAIKU_MODEL"] = ModelsSeed.OlderHaiku;
        var since = DateTimeOffset.UtcNow;

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", "haiku");

        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesSince(Emulator, since), claude.ToString());
        AssertParameters(request, adaptive: true);
    }

    [TestMethod]
    [DataRow("claude-opus-4-1-20250805", ModelsSeed.OlderOpus, false)]
    [DataRow("claude-sonnet-4-5-20250929", ModelsSeed.Sonnet45, false)]
    [DataRow("claude-fable-5-1", ModelsSeed.OlderFable, true)]
    [DataRow("fable", ModelsSeed.Fable, true)]
    public async Task ClaudeP_OnlyUserSettingsWrittenByEnv_AnthropicIdAndAliasReachTheirDeployments(string model, string deployment, bool adaptive)
    {
        var env = ClaudeCodeRunner.CleanEnvironment();
        var settings = Path.Combine(env["HOME"], ".claude", "settings.json");
        var cli = await FoundryEnv.RunAsync(
            $"--resource {ModelsSeed.Account} --auth key --fetch-key --format claude-settings --output \"{settings}\" {Discover.CloudArguments(Emulator)}",
            TestIdentity.WithServicePrincipal(env, Emulator));
        TestContext.WriteLine(cli.ToString());
        TestContext.WriteLine(await File.ReadAllTextAsync(settings, TestContext.CancellationToken));
        var since = DateTimeOffset.UtcNow;

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", model);

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesSince(Emulator, since), claude.ToString());
        Assert.AreEqual(deployment, request.Deployment, $"--model {model} with modelOverrides from the user settings");
        Assert.AreEqual(200, request.StatusCode);
        AssertParameters(request, adaptive);
    }

    private async Task<string> WriteEnvAsync(string choice)
    {
        var ide = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(ide["HOME"], "foundry.sh");
        var cli = await FoundryEnv.RunAsync(
            $"--resource {ModelsSeed.Account} --auth key --fetch-key --format sh --output \"{file}\" {choice} {Discover.CloudArguments(Emulator)}", ide);
        TestContext.WriteLine(cli.ToString());
        TestContext.WriteLine(await File.ReadAllTextAsync(file, TestContext.CancellationToken));
        return file;
    }

    private async Task<RequestLogEntry> RunSourcedAsync(string file, string family)
    {
        var since = DateTimeOffset.UtcNow;
        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(ClaudeCodeRunner.CleanEnvironment(), file, exportAll: false, "--model", family);
        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(Emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesSince(Emulator, since), claude.ToString());
        Assert.AreEqual(200, request.StatusCode);
        TestContext.WriteLine(request.Messages?.ToString());
        return request;
    }

    /// <summary>
    /// A model with adaptive thinking and effort (5.x, Fable) gets {"type":"adaptive"} and output_config.effort plus the
    /// effort beta; an older one (4.5) gets thinking with a token budget, no effort and no effort beta.
    /// </summary>
    private static void AssertParameters(RequestLogEntry request, bool adaptive)
    {
        var body = request.Messages ?? throw new AssertFailedException("the emulator recorded no body");
        var what = body.ToString();
        StringAssert.Contains(body.Thinking ?? "", adaptive ? "\"type\":\"adaptive\"" : "\"type\":\"enabled\"", what);
        if (adaptive)
        {
            StringAssert.Contains(body.OutputConfig ?? "", "\"effort\":", what);
            Assert.IsTrue(body.Betas.Any(b => b.StartsWith("effort-", StringComparison.Ordinal)), what);
        }
        else
        {
            StringAssert.Contains(body.Thinking ?? "", "\"budget_tokens\":", what);
            Assert.IsFalse(body.OutputConfig?.Contains("effort", StringComparison.Ordinal) ?? false, what);
            Assert.IsFalse(body.Betas.Any(b => b.StartsWith("effort-", StringComparison.Ordinal)), what);
        }

        Assert.IsTrue(body.Betas.Any(b => b.StartsWith("interleaved-thinking-", StringComparison.Ordinal)), what);
    }
}
