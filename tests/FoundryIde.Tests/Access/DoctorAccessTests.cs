using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Server.Access;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Doctor;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Access;

/// <summary>`doctor --resource`: may the credential Claude Code will use call Claude on that resource?</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DoctorAccessTests
{
    private static AzureEmulator? _emulator;

    /// <summary>This class's own emulator: its tests add faults or grants, or count requests, while other classes run.</summary>
    private static AzureEmulator Emulator => _emulator ?? throw new InvalidOperationException("ClassInitialize did not run.");

    [ClassInitialize]
    public static async Task StartEmulatorAsync(TestContext context) => _emulator = await TestAzure.StartOwnEmulatorAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task StopEmulatorAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    private static string Args(string resource) => $"--resource {resource} {Discover.CloudArguments(Emulator)}";

    private static Dictionary<string, string> ManagedIdentity()
    {
        var env = TestAzure.CleanEnvironment();
        env["IDENTITY_ENDPOINT"] = Emulator.ManagedIdentityEndpoint.ToString();
        env["IDENTITY_HEADER"] = Emulator.ManagedIdentityHeader;
        return env;
    }

    private static JsonElement Access(DoctorRun run) => run.Json.GetProperty("access");

    [TestMethod]
    public async Task Doctor_ServicePrincipalWithCognitiveServicesUser_AccessOk()
    {
        var run = await DoctorRun.RunAsync(TestIdentity.ServicePrincipal(Emulator), Args(DefaultSeed.FoundryAccount));

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ok", Access(run).GetProperty("status").GetString());
        Assert.AreEqual(DefaultSeed.FoundryAccountId, Access(run).GetProperty("resourceId").GetString());
    }

    private static string WestId =>
        $"/subscriptions/{DefaultSeed.SubscriptionId}/resourceGroups/{DefaultSeed.ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{DefaultSeed.WestAccount}";

    [TestMethod]
    public async Task Doctor_ContributorWithoutDataActions_MissingWithTheExactAssignmentToRun()
    {
        Emulator.State.AddGrant(RolePermissions.Contributor(DefaultSeed.ManagedIdentityObjectId, WestId));
        DoctorRun run;
        try
        {
            run = await DoctorRun.RunAsync(ManagedIdentity(), Args(DefaultSeed.WestAccount));
        }
        finally
        {
            Emulator.State.RemoveGrants(DefaultSeed.ManagedIdentityObjectId, WestId);
        }

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ManagedIdentityCredential", run.Selected);
        var access = Access(run);
        Assert.AreEqual("missing", access.GetProperty("status").GetString());
        var fix = access.GetProperty("fix").GetString()!;
        StringAssert.Contains(fix, "az role assignment create --role \"Azure AI User\"");
        StringAssert.Contains(fix, DefaultSeed.ManagedIdentityObjectId);
        StringAssert.Contains(fix, $"--scope {WestId}");
        StringAssert.Contains(fix, "minutes");
        StringAssert.Contains(fix, DataActionCoverage.Required);
    }

    [TestMethod]
    public async Task Doctor_LeastPrivilegeCustomRole_Counts()
    {
        var westId = WestId;
        var grant = RolePermissions.Grant(DefaultSeed.ManagedIdentityObjectId, westId, "Foundry Claude User", [RolePermissions.AccountsReadAction],
            dataActions: [DataActionCoverage.Required]);
        Emulator.State.AddGrant(grant);
        try
        {
            var run = await DoctorRun.RunAsync(ManagedIdentity(), Args(DefaultSeed.WestAccount));

            Assert.AreEqual("ok", Access(run).GetProperty("status").GetString(), run.Cli.Stdout);
            Assert.AreEqual(0, run.Cli.ExitCode);
        }
        finally
        {
            Emulator.State.RemoveGrants(DefaultSeed.ManagedIdentityObjectId, westId);
        }
    }

    [TestMethod]
    public async Task Doctor_ApiKeyOnResourceWithLocalAuthDisabled_WarnsThatKeysAreRefused()
    {
        var env = TestIdentity.ServicePrincipal(Emulator);
        env["ANTHROPIC_FOUNDRY_API_KEY"] = DefaultSeed.WestKey1;

        var run = await DoctorRun.RunAsync(env, Args(DefaultSeed.WestAccount));

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("ApiKey", run.Selected);
        var access = Access(run);
        Assert.AreEqual("missing", access.GetProperty("status").GetString());
        Assert.AreEqual("disableLocalAuth", access.GetProperty("warnings")[0].GetString());
        run.AssertNoSecret(DefaultSeed.WestKey1, DefaultSeed.ServicePrincipalSecret);
    }

    [TestMethod]
    public async Task Doctor_ResourceTheIdentityCannotRead_NotFoundSaysWhy()
    {
        var run = await DoctorRun.RunAsync(ManagedIdentity(), Args(DefaultSeed.WestAccount));

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("notFound", Access(run).GetProperty("status").GetString());
        StringAssert.Contains(Access(run).GetProperty("fix").GetString(), "Reader");
    }

    [TestMethod]
    public async Task Doctor_UnknownResource_NotFoundListingTheVisibleOnes()
    {
        var run = await DoctorRun.RunAsync(TestIdentity.ServicePrincipal(Emulator), Args("contoso-typo"));

        Assert.AreEqual(1, run.Cli.ExitCode, run.Cli.ToString());
        var access = Access(run);
        Assert.AreEqual("notFound", access.GetProperty("status").GetString());
        StringAssert.Contains(access.GetProperty("detail").GetString(), DefaultSeed.FoundryAccount);
    }
}
