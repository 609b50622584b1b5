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
        var claude = await ClaudeCodeRunner.RunAsync(Bare(), "--model", family);

        TestContext.WriteLine(claude.ToString());
        var asked = ClaudeCodeRunner.MessagesOf(Emulator, claude).Select(r => r.Deployment ?? "").Aggregate(
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

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", "haiku");

        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(Emulator, claude), claude.ToString());
        AssertParameters(request, adaptive: true);
    }

    [TestMethod]
    [DataRow(ModelsSeed.OlderOpus, ModelsSeed.OlderOpus, false)]
    [DataRow(ModelsSeed.Sonnet45, ModelsSeed.Sonnet45, false)]
    [DataRow(ModelsSeed.OlderHaiku, ModelsSeed.OlderHaiku, false)]
    [DataRow(ModelsSeed.OlderFable, ModelsSeed.OlderFable, true)]
    [DataRow("fable", ModelsSeed.Fable, true)]
    [DataRow("opus", ModelsSeed.Opus, true)]
    [DataRow("sonnet", ModelsSeed.Sonnet, true)]
    [DataRow("haiku", ModelsSeed.Haiku, true)]
    public async Task ClaudeP_OnlyUserSettingsWrittenByEnv_DeploymentNameOrAliasGetsItsModelsParametersAndIsKnown(string model, string deployment, bool adaptive)
    {
        var env = await WriteUserSettingsAsync();

        var claude = await ClaudeCodeRunner.RunAsync(env, "--model", model);

        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(Emulator, claude), claude.ToString());
        Assert.AreEqual(deployment, request.Deployment, $"--model {model} with the modelPicker rows of the user settings");
        Assert.AreEqual(200, request.StatusCode);
        AssertParameters(request, adaptive);
        Assert.DoesNotContain("doesn't recognize the model", claude.Stderr,
            $"--model {model}: the modelPicker row's behavesAs tells Claude Code which model {deployment} serves (its window, its default effort)");
    }

    [TestMethod]
    public async Task ClaudeP_FamilyAliasOnlyFromEnvVariables_ClaudeCodeDoesNotKnowTheModelBehindTheName()
    {
        // The control: what the family deployment's modelPicker row prevents. With the variables alone (terminals,
        // .env) Claude Code sends the right parameters but assumes a 1M-token window for a name it does not know.
        var file = await WriteEnvAsync($"--haiku {ModelsSeed.OlderHaiku}",
            $"From the variables alone Claude Code does not know which model {ModelsSeed.OlderHaiku} (Haiku 4.5, 200k) serves");

        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(ClaudeCodeRunner.CleanEnvironment(), file, exportAll: false, "--model", "haiku");

        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(ModelsSeed.OlderHaiku, Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(Emulator, claude)).Deployment);
        StringAssert.Contains(claude.Stderr, $"doesn't recognize the model \"{ModelsSeed.OlderHaiku}\", so it assumes a context window of 1m tokens", claude.ToString());
    }

    [TestMethod]
    public async Task ModelCommand_OnlyUserSettingsWrittenByEnv_ListsEveryHealthyDeploymentOnlyAndAChosenRowIsWhatClaudeCodeSends()
    {
        var env = await WriteUserSettingsAsync();
        await using var terminal = ClaudeCodeTerminal.Start(env);
        var wait = TimeSpan.FromSeconds(60);
        await terminal.WaitForAsync("Microsoft Foundry", wait);

        await terminal.SendAsync("/model");
        await terminal.WaitForAsync("Switch model", wait);
        await terminal.SendAsync("\r");
        var picker = await terminal.WaitForAsync("Select model", wait);
        await terminal.WaitForAsync("Esc to cancel", wait, picker);

        var shown = ClaudeCodeTerminal.Compact(terminal.Screen)[picker..];
        TestContext.WriteLine(ClaudeCodeTerminal.Tail(terminal.Screen));
        // replaceBuiltInOptions: "Default", then one row per healthy deployment (newest model first), and nothing else.
        string[] rows =
        [
            "1.Default", "2.Fable 5.2 · ink", "3.Fable 5.1 · quill", "4.Opus 5.5 · Opus55", "5.Opus 4.1 · big-opus",
            "6.Sonnet 5.5 · sonnet-main", "7.Sonnet 5.5 · sonnet-side", "8.Sonnet 4.5 · Sonnet45", "9.Haiku 5.5 · Haiku55", "10.Haiku 4.5 · quick",
        ];
        var at = 0;
        foreach (var row in rows)
        {
            var next = shown.IndexOf(ClaudeCodeTerminal.Compact(row), at, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, next, $"/model lists \"{row}\" after the rows before it:\n{ClaudeCodeTerminal.Tail(terminal.Screen)}");
            at = next;
        }

        foreach (var builtIn in new[] { "Opus 4.8", "Opus 4.7", "opusplan" })
        {
            Assert.DoesNotContain(ClaudeCodeTerminal.Compact(builtIn), shown, $"a model the resource does not serve is not offered: {builtIn}");
        }

        Assert.DoesNotContain(ModelsSeed.FailedSonnet, shown, "a Failed deployment is not offered");
        await terminal.SendAsync("5"); // Opus 4.1 · big-opus
        await terminal.WaitForAsync("Set model to Opus 4.1 · big-opus", wait, picker);
        var since = DateTimeOffset.UtcNow;
        await terminal.SendAsync(ClaudeCodeRunner.Prompt);
        await terminal.SendAsync("\r");
        var deadline = DateTimeOffset.UtcNow + wait;
        while (!ClaudeCodeRunner.MessagesSince(Emulator, since).Any(r => r.Deployment == ModelsSeed.OlderOpus) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.CancellationToken);
        }

        var sent = ClaudeCodeRunner.MessagesSince(Emulator, since);
        TestContext.WriteLine(string.Join("\n", sent.Select(r => $"{r.Deployment} {r.StatusCode} {r.Messages}")));
        var request = sent.FirstOrDefault(r => r.Deployment == ModelsSeed.OlderOpus)
            ?? throw new AssertFailedException($"no Messages request to {ModelsSeed.OlderOpus}; sent: {string.Join(", ", sent.Select(r => r.Deployment))}\n{ClaudeCodeTerminal.Tail(terminal.Screen)}");
        Assert.AreEqual(200, request.StatusCode);
        AssertParameters(request, adaptive: false);
    }

    /// <summary>`foundry-ide env --format claude-settings` into ~/.claude/settings.json of a Claude Code environment.</summary>
    private async Task<Dictionary<string, string>> WriteUserSettingsAsync()
    {
        var env = ClaudeCodeRunner.CleanEnvironment();
        var settings = Path.Combine(env["HOME"], ".claude", "settings.json");
        var cli = await FoundryEnv.RunAsync(
            $"--resource {ModelsSeed.Account} --auth key --fetch-key --format claude-settings --output \"{settings}\" {Discover.CloudArguments(Emulator)}",
            TestIdentity.WithServicePrincipal(env, Emulator));
        TestContext.WriteLine(cli.ToString());
        var written = await File.ReadAllTextAsync(settings, TestContext.CancellationToken);
        TestContext.WriteLine(written);
        Assert.DoesNotContain("modelOverrides", written, "modelOverrides hide picker rows (see ModelPicker)");
        return env;
    }

    private async Task<string> WriteEnvAsync(string choice, string? warned = null)
    {
        var ide = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(ide["HOME"], "foundry.sh");
        var cli = await FoundryEnv.RunAsync(
            $"--resource {ModelsSeed.Account} --auth key --fetch-key --format sh --output \"{file}\" {choice} {Discover.CloudArguments(Emulator)}", ide);
        TestContext.WriteLine(cli.ToString());
        if (warned is not null) StringAssert.Contains(cli.ToString(), warned, "env warns what the variables alone leave wrong");
        TestContext.WriteLine(await File.ReadAllTextAsync(file, TestContext.CancellationToken));
        return file;
    }

    private async Task<RequestLogEntry> RunSourcedAsync(string file, string family)
    {
        var claude = await ClaudeCodeRunner.RunAfterSourcingAsync(ClaudeCodeRunner.CleanEnvironment(), file, exportAll: false, "--model", family);
        TestContext.WriteLine(claude.ToString());
        Assert.AreEqual(0, claude.ExitCode, claude.ToString());
        Assert.AreEqual(Emulator.State.ReplyText, claude.Stdout.Trim(), claude.ToString());
        var request = Assert.ContainsSingle(ClaudeCodeRunner.MessagesOf(Emulator, claude), claude.ToString());
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
