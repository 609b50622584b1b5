using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>`foundry-ide env` and `env/generate` against the emulator.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class EnvCommandTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    private static Task<CliResult> Env(string arguments, Dictionary<string, string>? env = null) =>
        Sidecar.RunAsync($"env {arguments} {Discover.CloudArguments(Emulator)}", env ?? TestIdentity.ServicePrincipal(Emulator));

    [TestMethod]
    public async Task Env_DefaultFormat_DotenvWithResourceSubdomainAndNewestDeployments()
    {
        var cli = await Env($"--resource {DefaultSeed.WestAccount}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual(
            $"CLAUDE_CODE_USE_FOUNDRY=1\nANTHROPIC_FOUNDRY_RESOURCE={DefaultSeed.WestSubDomain}\nANTHROPIC_DEFAULT_SONNET_MODEL={DefaultSeed.WestSonnetDeployment}\n" +
            $"ANTHROPIC_DEFAULT_SONNET_MODEL_NAME='Sonnet 4.5 · {DefaultSeed.WestSonnetDeployment}'\n" +
            $"ANTHROPIC_DEFAULT_SONNET_MODEL_DESCRIPTION='claude-sonnet-4-5 (20250929) on Foundry resource {DefaultSeed.WestAccount} (westus)'\n" +
            "ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES=thinking,interleaved_thinking\n",
            cli.Stdout, "the subdomain, not the account name; the failed opus deployment is not chosen");
        StringAssert.Contains(cli.Stderr, "No healthy opus deployment");
        StringAssert.Contains(cli.Stderr, "No healthy haiku deployment");
        StringAssert.Contains(cli.Stderr, "No healthy fable deployment");
    }

    [TestMethod]
    public async Task Env_LoopbackEndpoint_BaseUrlInsteadOfResource()
    {
        await using var loopback = await AzureEmulator.StartAsync(EmulatorState.CreateDefault(), TestAzure.Ca, new EmulatorOptions { LoopbackEndpoints = true });
        var cli = await Sidecar.RunAsync($"env --resource {DefaultSeed.FoundryAccount} --format sh {Discover.CloudArguments(loopback)}",
            TestIdentity.ServicePrincipal(loopback));

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stdout, $"export ANTHROPIC_FOUNDRY_BASE_URL='{loopback.BaseUri}accounts/{DefaultSeed.FoundrySubDomain}/anthropic'");
        Assert.DoesNotContain("ANTHROPIC_FOUNDRY_RESOURCE", cli.Stdout);
    }

    [TestMethod]
    public async Task Env_FamilyDefaultIsAModelNobodyKnowsYet_WarnsThatNoCapabilitiesAreWritten()
    {
        var state = EmulatorState.CreateDefault();
        state.Accounts.Single(a => a.Name == DefaultSeed.FoundryAccount).Deployments.Add(DefaultSeed.Claude("nova", "claude-opus-6", "1", 10));
        await using var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { LoopbackEndpoints = true });

        var cli = await Sidecar.RunAsync($"env --resource {DefaultSeed.FoundryAccount} --format sh {Discover.CloudArguments(emulator)}", TestIdentity.ServicePrincipal(emulator));

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stdout, "export ANTHROPIC_DEFAULT_OPUS_MODEL='nova'");
        Assert.DoesNotContain("ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES", cli.Stdout);
        StringAssert.Contains(cli.Stderr, "nova serves claude-opus-6, which this FoundryIde (and Claude Code 2.1.332) does not know");
    }

    [TestMethod]
    public async Task Env_KeyFetchedIntoSettingsFile_Merged0600AndNeverPrinted()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var settings = Path.Combine(env["HOME"], ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        await File.WriteAllTextAsync(settings, "{\"theme\":\"dark\",\"env\":{\"FOO\":\"bar\"}}", TestContext.CancellationToken);

        var cli = await Env($"--resource {DefaultSeed.FoundryAccount} --auth key --fetch-key --format claude-settings --output {settings}", env);

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(settings, TestContext.CancellationToken));
        Assert.AreEqual("dark", written.RootElement.GetProperty("theme").GetString());
        Assert.AreEqual("bar", written.RootElement.GetProperty("env").GetProperty("FOO").GetString());
        Assert.AreEqual(DefaultSeed.FoundryKey1, written.RootElement.GetProperty("env").GetProperty("ANTHROPIC_FOUNDRY_API_KEY").GetString());
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settings));
        Assert.DoesNotContain(DefaultSeed.FoundryKey1, cli.Stdout + cli.Stderr);
    }

    [TestMethod]
    [DataRow("foundry.ps1", "$env:CLAUDE_CODE_USE_FOUNDRY = '1'")]
    [DataRow("foundry.fish", "set -gx CLAUDE_CODE_USE_FOUNDRY '1'")]
    [DataRow("foundry.sh", "export CLAUDE_CODE_USE_FOUNDRY='1'")]
    [DataRow("foundry.json", "\"CLAUDE_CODE_USE_FOUNDRY\": \"1\"")]
    [DataRow(".env", "CLAUDE_CODE_USE_FOUNDRY=1")]
    public async Task Env_OutputWithoutFormat_FormatFromTheFileName(string name, string firstLine)
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(env["HOME"], name);

        var cli = await Env($"--resource {DefaultSeed.FoundryAccount} --output {file}", env);

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(await File.ReadAllTextAsync(file, TestContext.CancellationToken), firstLine);
    }

    [TestMethod]
    [DataRow("--resource https://contoso-foundry.services.ai.azure.com/", "looks like a URL")]
    [DataRow("--resource contoso-foundry --format yaml", "Unknown format")]
    [DataRow("--resource contoso-foundry --auth password", "Unknown auth")]
    [DataRow("--resource contoso-foundry --haiku nope", "no Claude deployment named \"nope\"")]
    [DataRow("--resource contoso-ai-west --auth key --fetch-key", "disableLocalAuth")]
    [DataRow("--resource contoso-foundry --auth key", "ANTHROPIC_FOUNDRY_API_KEY")]
    [DataRow("--resource no-such-resource", "Visible: contoso-ai-west, contoso-foundry")]
    [DataRow("--resource contoso-foundry --output /proc/self/nope/.env", "Nothing was changed")]
    public async Task Env_BadInput_ExitOneWithAClearMessageAndNothingWritten(string arguments, string expected)
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var before = Directory.GetFileSystemEntries(env["HOME"]).Length;

        var cli = await Env(arguments, env);

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stderr, expected);
        Assert.AreEqual("", cli.Stdout);
        Assert.AreEqual(before, Directory.GetFileSystemEntries(env["HOME"]).Length);
    }

    [TestMethod]
    public async Task GenerateEnv_OverRpcWithTheEditorsKey_KeyMaskedInTheResultButWrittenToTheFile()
    {
        const string editorKey = "editor-secret-store-key-4711";
        var env = TestIdentity.ServicePrincipal(Emulator);
        var file = Path.Combine(env["HOME"], "foundry.env");
        await using var session = SidecarSession.Start(env);
        await session.Server.InitializeAsync(new InitializeParams("tests", "1",
            new CloudSettings(ArmEndpoint: Emulator.BaseUri.ToString(), AuthorityHost: Emulator.AuthorityHost)), TestContext.CancellationToken);

        EnvResult result;
        try
        {
            result = await session.Server.GenerateEnvAsync(new EnvParams(DefaultSeed.FoundryAccount, Auth: "key", ApiKey: editorKey, Output: file),
                TestContext.CancellationToken);
        }
        catch (Exception e) when (e is not AssertFailedException)
        {
            throw new AssertFailedException($"{e.GetType().Name}: {e.Message}\nsidecar: {session.Stderr}", e);
        }

        Assert.AreEqual("***", result.Variables.Single(v => v.Name == "ANTHROPIC_FOUNDRY_API_KEY").Value);
        Assert.DoesNotContain(editorKey, result.Content);
        StringAssert.Contains(await File.ReadAllTextAsync(file, TestContext.CancellationToken), $"ANTHROPIC_FOUNDRY_API_KEY={editorKey}");
        Assert.IsNotNull(result.File);
        Assert.DoesNotContain(editorKey, session.Stderr);
        Assert.AreEqual(DefaultSeed.OpusDeployment, result.Choices.Single(c => c.Family == "opus").Deployment?.Name);
    }
}
