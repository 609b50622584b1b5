using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;
using StreamJsonRpc;

namespace FoundryIde.Tests.Apply;

/// <summary>`config/apply` over the real sidecar process against the emulator: one call, every target, the sidecar decides.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ConfigApplyRpcTests
{
    private const string Canary = "canaryKEY0123456789abcdefCANARY";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string[] FirstThree = ["MY_PROXY", "CLAUDE_CODE_USE_FOUNDRY", "ANTHROPIC_FOUNDRY_RESOURCE"];
    private static readonly string[] HostileFirstThree = ["CTRL\0\n\u2028", "KEEP", "CLAUDE_CODE_USE_FOUNDRY"];

    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    private sealed record Sandbox(Dictionary<string, string> Environment, string Home, string Workspace);

    private static Sandbox NewSandbox()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        var workspace = Path.Combine(env["HOME"], "work");
        Directory.CreateDirectory(workspace);
        return new Sandbox(env, env["HOME"], workspace);
    }

    private async Task<SidecarSession> StartAsync(Sandbox sandbox)
    {
        var session = SidecarSession.Start(sandbox.Environment);
        await session.Server.InitializeAsync(Discover.RpcSettings(Emulator), TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);
        return session;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static EnvParams Selection(Sandbox sandbox, string? auth = null, string? apiKey = null) =>
        new(DefaultSeed.FoundryAccount, DefaultSeed.SubscriptionId, Auth: auth, ApiKey: apiKey, WorkspaceFolder: sandbox.Workspace);

    [TestMethod]
    public async Task Apply_EveryTarget_OneCallWritesDotenvAndUserSettingsAndReturnsTheMergedList()
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);
        var existing = Json("""[{"name":"MY_PROXY","value":"http://127.0.0.1:3128"},{"name":"ANTHROPIC_FOUNDRY_BASE_URL","value":"https://stale.example/anthropic"}]""");

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), ApplyTarget.All, null, existing),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        var dotenv = await File.ReadAllTextAsync(Path.Combine(sandbox.Workspace, ".env"), TestContext.CancellationToken);
        StringAssert.Contains(dotenv, "CLAUDE_CODE_USE_FOUNDRY=1\n");
        StringAssert.Contains(dotenv, $"ANTHROPIC_FOUNDRY_RESOURCE={DefaultSeed.FoundrySubDomain}\n");
        var user = Path.Combine(sandbox.Home, ".claude", "settings.json");
        using (var settings = JsonDocument.Parse(await File.ReadAllTextAsync(user, TestContext.CancellationToken)))
        {
            Assert.AreEqual("1", settings.RootElement.GetProperty("env").GetProperty("CLAUDE_CODE_USE_FOUNDRY").GetString());
        }

        CollectionAssert.AreEqual(new[] { ApplyTarget.Dotenv, ApplyTarget.UserSettings }, result.Files.Select(f => f.Target).ToArray());
        Assert.AreEqual(user, result.Files[1].Path);
        Assert.IsTrue(result.Files.All(f => f.Changed && f.Error is null), string.Join("; ", result.Files));
        var list = result.ClaudeCodeEnvironmentVariables!;
        CollectionAssert.AreEqual(FirstThree, list.Select(v => v.Name).Take(3).ToArray(), string.Join(", ", list));
        Assert.IsFalse(list.Any(v => v.Name == "ANTHROPIC_FOUNDRY_BASE_URL"), "the stale BASE_URL (Claude Code refuses both) is kept");
        Assert.AreEqual(1, list.Count(v => v.Name == "CLAUDE_CODE_USE_FOUNDRY"));
        CollectionAssert.AreEqual(result.Variables.Select(v => v.Name).ToArray(), list.Skip(1).Select(v => v.Name).ToArray());
        Assert.IsTrue(result.Choices.Where(c => c.Deployment is not null).All(c => c.Reason == ApplyChoiceReason.Default), string.Join("; ", result.Choices));
        CollectionAssert.Contains(result.ManagedVariables.ToArray(), "ANTHROPIC_FOUNDRY_BASE_URL");
        Assert.IsFalse(result.DryRun);

        var again = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox) with { Sonnet = "claude-sonnet-4-5" }, [ApplyTarget.Dotenv]),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);
        Assert.AreEqual(ApplyChoiceReason.Explicit, again.Choices.Single(c => c.Family == "sonnet").Reason);
        Assert.IsNull(again.ClaudeCodeEnvironmentVariables, "the list is only returned when its target is asked for");
    }

    [TestMethod]
    public async Task Apply_ClaudeConfigDirSet_UserSettingsGoThere()
    {
        var sandbox = NewSandbox();
        var configDir = Path.Combine(sandbox.Home, "claude-config");
        sandbox.Environment["CLAUDE_CONFIG_DIR"] = configDir;
        await using var session = await StartAsync(sandbox);

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), [ApplyTarget.UserSettings]),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        Assert.AreEqual(Path.Combine(configDir, "settings.json"), result.Files.Single().Path);
        Assert.IsTrue(File.Exists(Path.Combine(configDir, "settings.json")));
        Assert.IsFalse(Directory.Exists(Path.Combine(sandbox.Home, ".claude")));
    }

    [TestMethod]
    public async Task Apply_200kModelUnderACustomNameWithoutUserSettings_WarnsAndNamesTheSettingThatFixesIt()
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);
        var west = Selection(sandbox) with { Resource = DefaultSeed.WestAccount };

        var envOnly = await session.Server.ApplyAsync(new ApplyParams(west, [ApplyTarget.Dotenv]),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);
        var withUser = await session.Server.ApplyAsync(new ApplyParams(west, [ApplyTarget.Dotenv, ApplyTarget.UserSettings]),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        var warning = Assert.ContainsSingle(envOnly.Warnings.Where(w => w.Contains("doesn't recognize the model", StringComparison.Ordinal)), string.Join("\n", envOnly.Warnings));
        StringAssert.Contains(warning, $"{DefaultSeed.WestSonnetDeployment} (Sonnet 4.5, 200k)");
        StringAssert.Contains(warning, "add \"userSettings\" to the foundryIde.writeTo setting");
        Assert.IsFalse(withUser.Warnings.Any(w => w.Contains("doesn't recognize the model", StringComparison.Ordinal)), string.Join("\n", withUser.Warnings));
    }

    [TestMethod]
    public async Task Apply_DryRun_WritesNothingAndNamesThePathsAndWhereALinkLeads()
    {
        var sandbox = NewSandbox();
        var real = Path.Combine(sandbox.Workspace, "real.env");
        File.CreateSymbolicLink(Path.Combine(sandbox.Workspace, "linked.env"), real);
        await using var session = await StartAsync(sandbox);
        var before = Directory.GetFileSystemEntries(sandbox.Home, "*", SearchOption.AllDirectories).Order().ToArray();

        var plan = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), ApplyTarget.All, "linked.env", Json("[]"), DryRun: true),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        Assert.IsTrue(plan.DryRun);
        Assert.AreEqual(Path.Combine(sandbox.Workspace, "linked.env"), plan.Files[0].Path);
        Assert.AreEqual(real, plan.Files[0].LinksTo);
        Assert.AreEqual(Path.Combine(sandbox.Home, ".claude", "settings.json"), plan.Files[1].Path);
        Assert.IsNull(plan.Files[1].LinksTo);
        Assert.IsTrue(plan.Files.All(f => !f.Changed), string.Join("; ", plan.Files));
        Assert.IsEmpty(plan.Variables);
        Assert.IsNull(plan.ClaudeCodeEnvironmentVariables);
        CollectionAssert.AreEqual(before, Directory.GetFileSystemEntries(sandbox.Home, "*", SearchOption.AllDirectories).Order().ToArray());
    }

    [TestMethod]
    public async Task Apply_HostileClaudeCodeList_BadEntriesDroppedOthersKeptVerbatim()
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);
        var hostile = Json("""
            [null, 7, "CLAUDE_CODE_USE_FOUNDRY=0", [], {"name":1,"value":"x"}, {"name":"A"}, {"name":"","value":"x"},
             {"name":"CTRL\u0000\n\u2028","value":"line\nbreak\u001b[31m"}, {"name":"ANTHROPIC_FOUNDRY_API_KEY","value":"old-key"},
             {"name":"CLAUDE_CODE_USE_FOUNDRY","value":"0"}, {"name":"KEEP","value":"1","extra":{"deep":[1,2,3]}}]
            """);

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), [ApplyTarget.ClaudeCodeExtension], null, hostile),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        var list = result.ClaudeCodeEnvironmentVariables!;
        CollectionAssert.AreEqual(HostileFirstThree, list.Select(v => v.Name).Take(3).ToArray());
        Assert.AreEqual("line\nbreak\u001b[31m", list[0].Value, "someone else's entry is theirs: kept as it was");
        Assert.AreEqual("1", list.Single(v => v.Name == "CLAUDE_CODE_USE_FOUNDRY").Value);
        Assert.IsFalse(list.Any(v => v.Name == "ANTHROPIC_FOUNDRY_API_KEY"), "a managed key left in the list is removed");
        Assert.IsTrue(result.Warnings.Any(w => w.Contains("7 entries", StringComparison.Ordinal)), string.Join("\n", result.Warnings));
        Assert.IsEmpty(result.Files);

        var notAList = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), [ApplyTarget.ClaudeCodeExtension], null, Json("""{"name":"x"}""")),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);
        CollectionAssert.AreEqual(notAList.Variables.Select(v => v.Name).ToArray(), notAList.ClaudeCodeEnvironmentVariables!.Select(v => v.Name).ToArray());
        Assert.IsTrue(notAList.Warnings.Any(w => w.Contains("an object", StringComparison.Ordinal)), string.Join("\n", notAList.Warnings));
    }

    [TestMethod]
    public async Task Apply_HugeClaudeCodeList_LeftAloneWithAWarningWhileTheFilesAreWritten()
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);
        var entries = Enumerable.Range(0, 50_000).Select(i => "{\"name\":\"V" + i + "\",\"value\":\"" + new string('x', 40) + "\"}");
        var huge = Json("[" + string.Join(",", entries) + "]");

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), [ApplyTarget.ClaudeCodeExtension, ApplyTarget.Dotenv], null, huge),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        Assert.IsNull(result.ClaudeCodeEnvironmentVariables);
        Assert.IsTrue(result.Warnings.Any(w => w.Contains("50000 entries", StringComparison.Ordinal)), string.Join("\n", result.Warnings));
        Assert.IsTrue(result.Files.Single().Changed);
        await session.Server.PingAsync(TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task Apply_KeyAuth_KeyOnlyInTheFilesNeverInTheAnswerOrTheList()
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox, "key", Canary), ApplyTarget.All, null, Json("[]")),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        var answer = JsonSerializer.Serialize(result, FoundryJsonContext.Default.ApplyResult);
        Assert.DoesNotContain(Canary, answer);
        Assert.AreEqual("***", result.Variables.Single(v => v.Secret).Value);
        Assert.IsFalse(result.ClaudeCodeEnvironmentVariables!.Any(v => v.Name == "ANTHROPIC_FOUNDRY_API_KEY"));
        foreach (var file in result.Files)
        {
            StringAssert.Contains(await File.ReadAllTextAsync(file.Path, TestContext.CancellationToken), Canary, file.Path);
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path), file.Path);
        }

        Assert.DoesNotContain(Canary, session.Stderr);
    }

    [TestMethod]
    public async Task Apply_DotenvLinksOutsideWorkspaceAndHome_ThatFileRefusedTheOthersApplied()
    {
        var sandbox = NewSandbox();
        var outside = Path.Combine(TestAzure.Root, "outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(sandbox.Workspace, ".env"), Path.Combine(outside, "victim.env"));
        await using var session = await StartAsync(sandbox);

        var result = await session.Server.ApplyAsync(new ApplyParams(Selection(sandbox), ApplyTarget.All, null, Json("[]")),
            TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken);

        StringAssert.Contains(result.Files[0].Error, "outside");
        Assert.IsFalse(result.Files[0].Changed);
        Assert.IsFalse(File.Exists(Path.Combine(outside, "victim.env")));
        Assert.IsTrue(result.Files[1].Changed, result.Files[1].ToString());
        Assert.IsNotEmpty(result.ClaudeCodeEnvironmentVariables!);
    }

    [TestMethod]
    [DataRow("""{"selection":{"resource":"contoso-foundry"},"targets":["terminals","everywhere"]}""", "everywhere")]
    [DataRow("""{"selection":{"resource":"contoso-foundry","output":"/tmp/x"},"targets":["dotenv"]}""", "output")]
    [DataRow("""{"selection":{"resource":"contoso-foundry","workspaceFolder":"rel"},"targets":["dotenv"]}""", "absolute")]
    [DataRow("""{"selection":{"resource":"contoso-foundry"},"targets":["dotenv"],"dotenvPath":"a\nb"}""", "control character")]
    public async Task Apply_BadParams_InvalidInputNamingTheProblem(string json, string expected)
    {
        var sandbox = NewSandbox();
        await using var session = await StartAsync(sandbox);

        var error = await Assert.ThrowsExactlyAsync<RemoteInvocationException>(() => session.Rpc.InvokeWithParameterObjectAsync<ApplyResult>(
            RpcMethods.ConfigApply, Json(json), TestContext.CancellationToken).WaitAsync(Bound, TestContext.CancellationToken));

        Assert.AreEqual((int)FoundryErrorCode.InvalidInput, error.ErrorCode, error.Message);
        StringAssert.Contains(error.Message, expected);
    }
}
