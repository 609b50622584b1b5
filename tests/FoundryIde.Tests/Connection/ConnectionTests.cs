using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Connection;

/// <summary>`foundry-ide test`: one streaming Messages request per chosen deployment, as Claude Code would send it.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class ConnectionTests
{
    private static readonly string[] Families = ["opus", "sonnet", "haiku"];
    private static readonly string[] FoundryDeployments = [DefaultSeed.OpusDeployment, DefaultSeed.SonnetDeployment, DefaultSeed.HaikuDeployment];
    private static AzureEmulator? _emulator;

    private static AzureEmulator Emulator => _emulator!;

    private static string WestId =>
        $"/subscriptions/{DefaultSeed.SubscriptionId}/resourceGroups/{DefaultSeed.ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{DefaultSeed.WestAccount}";

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _emulator = await ConnectionRun.StartLoopbackAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    [TestCleanup]
    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    private static Task<ConnectionRun> RunAsync(Dictionary<string, string> env, string arguments) => ConnectionRun.RunAsync(Emulator, env, arguments);

    [TestMethod]
    public async Task Test_KeyOfTheResource_AllThreeFamiliesOkWithLatency()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ApiKey", run.Auth);
        Assert.AreEqual($"{Emulator.BaseUri}accounts/{DefaultSeed.FoundrySubDomain}/", run.Json.GetProperty("endpoint").GetString());
        CollectionAssert.AreEqual(Families, run.Results.Select(r => ConnectionRun.Text(r, "family")).ToArray());
        CollectionAssert.AreEqual(FoundryDeployments, run.Results.Select(r => ConnectionRun.Text(r, "deployment")).ToArray());
        foreach (var result in run.Results)
        {
            Assert.AreEqual("ok", ConnectionRun.Text(result, "status"));
            Assert.AreEqual(200, result.GetProperty("httpStatus").GetInt32());
            var latency = result.GetProperty("latencyMs").GetInt64();
            Assert.IsGreaterThanOrEqualTo(0L, latency);
            Assert.IsLessThanOrEqualTo(latency, result.GetProperty("firstByteMs").GetInt64());
        }

        var probes = Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(3, probes, "one request per deployment, no retry");
        Assert.IsTrue(probes.All(p => p.Method == "POST" && p.AuthKind == "key" && p.StatusCode == 200
            && p.Path == $"/accounts/{DefaultSeed.FoundrySubDomain}/anthropic/v1/messages?beta=true"), string.Join("\n", probes.Select(p => p.ToString())));
        run.AssertNoSecret(DefaultSeed.FoundryKey1, DefaultSeed.ServicePrincipalSecret);
    }

    [TestMethod]
    public async Task Test_ServicePrincipalInEnvironment_EntraTokenFromEnvironmentCredential()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator), $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("EnvironmentCredential", run.Auth);
        Assert.IsTrue(run.Results.All(r => ConnectionRun.Text(r, "status") == "ok"));
        var probes = Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(3, probes);
        Assert.IsTrue(probes.All(p => p.AuthKind == "bearer" && p.PrincipalId == DefaultSeed.ServicePrincipalObjectId));
    }

    [TestMethod]
    public async Task Test_AuthEntraWithAKeySet_UsesTheChainNotTheKey()
    {
        var env = ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey2);

        var entra = await RunAsync(env, $"--resource {DefaultSeed.FoundryAccount} --auth entra --sonnet {DefaultSeed.SonnetDeployment}");

        Assert.AreEqual(0, entra.Cli.ExitCode, entra.Cli.ToString());
        Assert.AreEqual("EnvironmentCredential", entra.Auth);
        Assert.IsTrue(Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal)).All(p => p.AuthKind == "bearer"));
    }

    [TestMethod]
    public async Task Test_AuthTokenAndKeySet_TheTokenWinsAsInClaudeCode()
    {
        var env = ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1);
        var token = Emulator.IssueToken(DefaultSeed.ServicePrincipalAppId, "https://cognitiveservices.azure.com");
        env["ANTHROPIC_FOUNDRY_AUTH_TOKEN"] = token;

        var run = await RunAsync(env, $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("AuthToken", run.Auth);
        Assert.IsTrue(Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/anthropic/", StringComparison.Ordinal))
            .All(p => p.AuthKind == "bearer" && p.PrincipalId == DefaultSeed.ServicePrincipalObjectId));
        run.AssertNoSecret(token, DefaultSeed.FoundryKey1);
    }

    [TestMethod]
    public async Task Test_DefaultPublicCloud_ProbesTheServicesAiAzureComHostArmReports()
    {
        var publicCloud = TestAzure.PublicCloud;
        var env = TestIdentity.ServicePrincipal(authority: null);
        env["ANTHROPIC_FOUNDRY_API_KEY"] = DefaultSeed.FoundryKey1;

        var run = await ConnectionRun.RunAsync(null, env, $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual($"https://{DefaultSeed.FoundrySubDomain}.services.ai.azure.com/", run.Json.GetProperty("endpoint").GetString());
        Assert.IsTrue(publicCloud.Requests.Snapshot().Any(r => r.Host == $"{DefaultSeed.FoundrySubDomain}.services.ai.azure.com"
            && r.Path == "/anthropic/v1/messages?beta=true" && r.StatusCode == 200));
    }

    [TestMethod]
    public async Task Test_WrongKey_401SaysTheKeyIsNotTheResourcesAndHowToGetOne()
    {
        const string wrongKey = "emukey-wrong-00000000000000000000";
        var run = await RunAsync(ConnectionRun.Environment(Emulator, wrongKey), $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.HasCount(3, run.Results);
        foreach (var result in run.Results)
        {
            Assert.AreEqual("failed", ConnectionRun.Text(result, "status"));
            Assert.AreEqual(401, result.GetProperty("httpStatus").GetInt32());
            StringAssert.Contains(ConnectionRun.Text(result, "detail"), "refused the API key");
            StringAssert.Contains(ConnectionRun.Text(result, "fix"), $"az cognitiveservices account keys list -g {DefaultSeed.ResourceGroup} -n {DefaultSeed.FoundryAccount}");
        }

        run.AssertNoSecret(wrongKey);
    }

    [TestMethod]
    [DataRow(403)]
    [DataRow(401)] // as Azure OpenAI's data plane answers PermissionDenied: a refused identity, not a bad token
    public async Task Test_IdentityWithoutTheDataAction_NamesTheMissingRoleAndTheAssignment(int status)
    {
        Emulator.State.AddGrant(RolePermissions.Contributor(DefaultSeed.ManagedIdentityObjectId, WestId));
        Emulator.State.DataActionDeniedStatus = status;
        var env = TestAzure.CleanEnvironment();
        env["IDENTITY_ENDPOINT"] = Emulator.ManagedIdentityEndpoint.ToString();
        env["IDENTITY_HEADER"] = Emulator.ManagedIdentityHeader;
        ConnectionRun run;
        try
        {
            run = await RunAsync(env, $"--resource {DefaultSeed.WestAccount}");
        }
        finally
        {
            Emulator.State.RemoveGrants(DefaultSeed.ManagedIdentityObjectId, WestId);
            Emulator.State.DataActionDeniedStatus = 403;
        }

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ManagedIdentityCredential", run.Auth);
        var sonnet = run.Results.Single();
        Assert.AreEqual(DefaultSeed.WestSonnetDeployment, ConnectionRun.Text(sonnet, "deployment"));
        Assert.AreEqual(status, sonnet.GetProperty("httpStatus").GetInt32());
        StringAssert.Contains(ConnectionRun.Text(sonnet, "detail"), "PermissionDenied");
        StringAssert.Contains(ConnectionRun.Text(sonnet, "detail"), "do not cover");
        var fix = ConnectionRun.Text(sonnet, "fix");
        StringAssert.Contains(fix, "az role assignment create --role \"Azure AI User\"");
        StringAssert.Contains(fix, DefaultSeed.ManagedIdentityObjectId);
        StringAssert.Contains(fix, $"--scope {WestId}");
        Assert.IsTrue(run.Warnings.Any(w => w.Contains("opus", StringComparison.Ordinal)), "no healthy opus: the failed one is not chosen");
    }

    [TestMethod]
    public async Task Test_ChosenDeploymentDoesNotExist_404ListsTheOnesThatDo()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount} --haiku nope");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        var haiku = run.Result("haiku");
        Assert.AreEqual("nope", ConnectionRun.Text(haiku, "deployment"));
        Assert.AreEqual(404, haiku.GetProperty("httpStatus").GetInt32());
        var detail = ConnectionRun.Text(haiku, "detail");
        StringAssert.Contains(detail, "no deployment named \"nope\"");
        foreach (var existing in FoundryDeployments)
        {
            StringAssert.Contains(detail, existing);
        }

        StringAssert.Contains(ConnectionRun.Text(haiku, "fix"), "ANTHROPIC_DEFAULT_HAIKU_MODEL");
        Assert.AreEqual("ok", ConnectionRun.Text(run.Result("opus"), "status"));
        Assert.AreEqual("ok", ConnectionRun.Text(run.Result("sonnet"), "status"));
    }

    [TestMethod]
    public async Task Test_Throttled_QuotaMessageWithTheRetryAfterAndNoRetry()
    {
        Emulator.Faults.Add(FaultRule.Status(429, "/anthropic/", retryAfterSeconds: 30));

        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        foreach (var result in run.Results)
        {
            Assert.AreEqual(429, result.GetProperty("httpStatus").GetInt32());
            StringAssert.Contains(ConnectionRun.Text(result, "detail"), "quota");
            StringAssert.Contains(ConnectionRun.Text(result, "detail"), "retry after 30 s");
            StringAssert.Contains(ConnectionRun.Text(result, "fix"), "Wait 30 s");
        }

        Assert.AreEqual(3, Emulator.Requests.Snapshot().Count(r => r.StatusCode == 429), "a probe is not retried");
    }

    [TestMethod]
    public async Task Test_UnknownResource_ExitOneNamingTheVisibleOnes()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1), "--resource contoso-typo");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        StringAssert.Contains(run.Cli.Stderr, "No Foundry resource named \"contoso-typo\"");
        StringAssert.Contains(run.Cli.Stderr, DefaultSeed.FoundryAccount);
    }

    [TestMethod]
    public async Task Test_AuthKeyWithoutAKey_ExitOneSayingWhereTheKeyComesFrom()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator), $"--resource {DefaultSeed.FoundryAccount} --auth key");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        StringAssert.Contains(run.Cli.Stderr, "ANTHROPIC_FOUNDRY_API_KEY");
    }

    [TestMethod]
    public async Task Test_AuthKeyWithFetchKey_KeyReadThroughListKeysUsedAndNeverPrinted()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator), $"--resource {DefaultSeed.FoundryAccount} --auth key --fetch-key");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ApiKey", run.Auth);
        Assert.IsTrue(Emulator.Requests.Snapshot().Any(r => r.Method == "POST" && r.Path.Contains("/listKeys", StringComparison.Ordinal)), "read with listKeys");
        run.AssertNoSecret(DefaultSeed.FoundryKey1, DefaultSeed.FoundryKey2);
    }

    [TestMethod]
    public async Task Test_FetchKeyWithoutAuthKey_RefusedSayingWhatItGoesWith()
    {
        var run = await RunAsync(ConnectionRun.Environment(Emulator), $"--resource {DefaultSeed.FoundryAccount} --fetch-key");

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        StringAssert.Contains(run.Cli.Stderr, "--fetch-key goes with --auth key.");
    }

    [TestMethod]
    public async Task Test_TextOutput_OneLinePerDeploymentAndTheVerdict()
    {
        var cli = await Sidecar.RunAsync($"test --resource {DefaultSeed.FoundryAccount} --haiku nope {Discovery.Discover.CloudArguments(Emulator)}",
            ConnectionRun.Environment(Emulator, DefaultSeed.FoundryKey1));

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stdout, "[ok]");
        StringAssert.Contains(cli.Stdout, "[FAIL] haiku");
        StringAssert.Contains(cli.Stdout, "NOT OK: 1 of 3 failed.");
    }
}
