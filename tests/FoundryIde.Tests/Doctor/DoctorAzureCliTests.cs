using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Doctor;

/// <summary>The doctor with the REAL Azure CLI signed in to the emulator (a custom cloud, service principal login).</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DoctorAzureCliTests
{
    private static string _configDir = "";

    [ClassInitialize]
    public static async Task LoginAsync(TestContext context)
    {
        Assert.IsTrue(AzureCliLogin.IsInstalled, "the Azure CLI is not installed (.ci/run installs it: apt-get install azure-cli)");
        _configDir = await AzureCliLogin.LoginAsync(TestAzure.Emulator, Path.Combine(TestAzure.Root, "az-" + Guid.NewGuid().ToString("N")[..8]),
            context.CancellationToken);
    }

    private static Dictionary<string, string> SignedIn()
    {
        var env = TestAzure.CleanEnvironment();
        env["AZURE_CONFIG_DIR"] = _configDir;
        return env;
    }

    [TestMethod]
    public async Task Doctor_AzureCliSignedIn_SelectsAzureCliAsTheSignedInIdentity()
    {
        var run = await DoctorRun.RunAsync(SignedIn());

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("AzureCliCredential", run.Selected);
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, run.Identity("objectId"));
        Assert.AreEqual(DefaultSeed.TenantId, run.Identity("tenantId"));
        run.AssertNoSecret(DefaultSeed.ServicePrincipalSecret, "eyJ");
    }

    [TestMethod]
    public async Task Doctor_ManagedIdentityAndAzureCli_ManagedIdentityWinsAndTheSummarySaysSo()
    {
        var env = SignedIn();
        env["IDENTITY_ENDPOINT"] = TestAzure.Emulator.ManagedIdentityEndpoint.ToString();
        env["IDENTITY_HEADER"] = TestAzure.Emulator.ManagedIdentityHeader;

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual("ok", run.Status("AzureCliCredential"));
        Assert.AreEqual("ManagedIdentityCredential", run.Selected);
        Assert.AreEqual(DefaultSeed.ManagedIdentityObjectId, run.Identity("objectId"));
        StringAssert.Contains(run.Json.GetProperty("summary").GetString(), "AzureCliCredential will not be used");
    }

    [TestMethod]
    public async Task Doctor_WrongSecretBeforeWorkingCli_ChainStopsAtEnvironmentCredential()
    {
        var env = TestIdentity.WithServicePrincipal(SignedIn(), TestAzure.Emulator, "stale-secret-canary-9876");

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("failed", run.Status("EnvironmentCredential"));
        Assert.AreEqual("ok", run.Status("AzureCliCredential"), "a later link works, yet Claude Code never reaches it");
        Assert.IsNull(run.Selected);
        run.AssertNoSecret("stale-secret-canary-9876");
    }

    [TestMethod]
    public async Task Doctor_TokenCredentialsProd_IgnoresTheSignedInCli()
    {
        var env = SignedIn();
        env["AZURE_TOKEN_CREDENTIALS"] = "prod";

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("EnvironmentCredential,WorkloadIdentityCredential,ManagedIdentityCredential", string.Join(',', run.LinkNames));
        Assert.IsNull(run.Selected);
    }

    [TestMethod]
    public async Task Doctor_TokenCredentialsDev_SelectsAzureCli()
    {
        var env = SignedIn();
        env["AZURE_TOKEN_CREDENTIALS"] = "dev";

        var run = await DoctorRun.RunAsync(env);

        Assert.AreEqual("AzureCliCredential,AzurePowerShellCredential,AzureDeveloperCliCredential", string.Join(',', run.LinkNames));
        Assert.AreEqual("AzureCliCredential", run.Selected);
    }
}
