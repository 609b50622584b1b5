using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Doctor;

/// <summary>The real `foundry-ide doctor` against the emulator, credentials set up the standard ways.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DoctorTests
{
    private static Dictionary<string, string> ManagedIdentity()
    {
        var env = TestAzure.CleanEnvironment();
        env["IDENTITY_ENDPOINT"] = TestAzure.Emulator.ManagedIdentityEndpoint.ToString();
        env["IDENTITY_HEADER"] = TestAzure.Emulator.ManagedIdentityHeader;
        return env;
    }

    [TestMethod]
    public async Task Doctor_NothingConfigured_ExitsOneAndExplainsTheSeedError()
    {
        var run = await DoctorRun.RunAsync(TestAzure.CleanEnvironment());

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.IsNull(run.Selected);
        Assert.IsFalse(run.Json.GetProperty("apiKey").GetProperty("set").GetBoolean());
        Assert.IsFalse(run.Json.GetProperty("authToken").GetProperty("set").GetBoolean());
        Assert.AreEqual(
            "EnvironmentCredential,WorkloadIdentityCredential,ManagedIdentityCredential," +
            "AzureCliCredential,AzurePowerShellCredential,AzureDeveloperCliCredential",
            string.Join(',', run.LinkNames));
        Assert.IsTrue(run.LinkNames.All(l => run.Status(l) == "unavailable"), run.Cli.Stdout);
        StringAssert.Contains(run.Json.GetProperty("summary").GetString(), "ChainedTokenCredential authentication failed");
        Assert.AreEqual("null", run.Json.GetProperty("identity").GetRawText());
    }

    [TestMethod]
    public async Task Doctor_ServicePrincipalInEnvironment_SelectsEnvironmentCredentialAsThatApp()
    {
        var run = await DoctorRun.RunAsync(TestIdentity.ServicePrincipal(TestAzure.Emulator));

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("EnvironmentCredential", run.Selected);
        Assert.AreEqual(DefaultSeed.TenantId, run.Identity("tenantId"));
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, run.Identity("objectId"));
        Assert.AreEqual(DefaultSeed.ServicePrincipalName, run.Identity("name"));
        run.AssertNoSecret(DefaultSeed.ServicePrincipalSecret, "eyJ");
        Assert.IsTrue(TestAzure.Emulator.Requests.Snapshot().Any(r => r.Path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal)),
            "the token came from the emulator's Entra endpoint");
    }

    [TestMethod]
    public async Task Doctor_WrongClientSecret_LinkFailsAndEndsClaudeCodesChain()
    {
        var run = await DoctorRun.RunAsync(TestIdentity.ServicePrincipal(TestAzure.Emulator, "wrong-secret-canary-1234"));

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("failed", run.Status("EnvironmentCredential"));
        Assert.IsNull(run.Selected);
        StringAssert.Contains(run.Json.GetProperty("summary").GetString(), "stops at EnvironmentCredential");
        run.AssertNoSecret("wrong-secret-canary-1234");
    }

    [TestMethod]
    public async Task Doctor_ManagedIdentityEndpoint_SelectsManagedIdentity()
    {
        var run = await DoctorRun.RunAsync(ManagedIdentity());

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ManagedIdentityCredential", run.Selected);
        Assert.AreEqual(DefaultSeed.ManagedIdentityObjectId, run.Identity("objectId"));
        Assert.AreEqual(DefaultSeed.TenantId, run.Identity("tenantId"));
        run.AssertNoSecret(TestAzure.Emulator.ManagedIdentityHeader);
    }

    [TestMethod]
    public async Task Doctor_ApiKeySet_SelectsApiKeyAndNeverPrintsIt()
    {
        const string canary = "canary-key-5f0c7a1e9d2b4c68";
        var env = TestAzure.CleanEnvironment();
        env["ANTHROPIC_FOUNDRY_API_KEY"] = canary;

        var run = await DoctorRun.RunAsync(env);
        var text = await Sidecar.RunAsync("doctor", env);

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ApiKey", run.Selected);
        Assert.IsTrue(run.Json.GetProperty("apiKey").GetProperty("set").GetBoolean());
        run.AssertNoSecret(canary);
        Assert.DoesNotContain(canary, text.Stdout + text.Stderr);
        StringAssert.Contains(text.Stdout, "ANTHROPIC_FOUNDRY_API_KEY     set");
    }

    [TestMethod]
    public async Task Doctor_ApiKeyOnlyInUserSettings_SelectsApiKeyAndNamesTheFile()
    {
        const string canary = "canary-settings-key-31337";
        var env = TestAzure.CleanEnvironment();
        var settings = Path.Combine(env["HOME"], ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        await File.WriteAllTextAsync(settings, "{\"env\":{\"CLAUDE_CODE_USE_FOUNDRY\":\"1\",\"ANTHROPIC_FOUNDRY_API_KEY\":\"" + canary + "\"}}");

        var run = await DoctorRun.RunAsync(env, $"--workspace {env["HOME"]}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ApiKey", run.Selected);
        StringAssert.Contains(run.Json.GetProperty("summary").GetString(), settings);
        run.AssertNoSecret(canary);
    }

    [TestMethod]
    public async Task Doctor_AuthTokenSet_SelectsAuthTokenBeforeApiKey()
    {
        var env = TestAzure.CleanEnvironment();
        env["ANTHROPIC_FOUNDRY_API_KEY"] = "canary-key-0000";
        env["ANTHROPIC_FOUNDRY_AUTH_TOKEN"] = "canary-token-static-1111";

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("AuthToken", run.Selected);
        Assert.IsTrue(run.Json.GetProperty("authToken").GetProperty("set").GetBoolean());
        run.AssertNoSecret("canary-key-0000", "canary-token-static-1111");
    }

    [TestMethod]
    public async Task Doctor_InvalidTokenCredentialsValue_NothingSelectedAndTheSettingNamed()
    {
        var env = ManagedIdentity();
        env["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential";

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.IsNull(run.Selected);
        StringAssert.Contains(run.Json.GetProperty("problems")[0].GetString(), "AZURE_TOKEN_CREDENTIALS");
    }

    [TestMethod]
    public async Task Doctor_TextOutput_NamesTheLinkClaudeCodeUses()
    {
        var text = await Sidecar.RunAsync("doctor", ManagedIdentity());

        Assert.AreEqual(0, text.ExitCode, text.ToString());
        StringAssert.Contains(text.Stdout, "ManagedIdentityCredential");
        StringAssert.Contains(text.Stdout, "<- Claude Code uses this");
        StringAssert.Contains(text.Stdout, "OK: Claude Code will authenticate with ManagedIdentityCredential");
    }

    [TestMethod]
    public async Task Doctor_BadTimeout_ExitsTwoWithAClearMessage()
    {
        var text = await Sidecar.RunAsync("doctor --timeout 0", TestAzure.CleanEnvironment());

        Assert.AreEqual(2, text.ExitCode, text.ToString());
        StringAssert.Contains(text.Stderr, "between 0 and 300 seconds");
    }
}
