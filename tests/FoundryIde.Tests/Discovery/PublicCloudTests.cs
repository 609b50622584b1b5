using FoundryIde.Emulator;
using FoundryIde.Tests.Doctor;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>
/// No cloud options at all: the standard public endpoints (login.microsoftonline.com with MSAL's instance
/// discovery, management.azure.com), reached through the private hosts file at the emulator on 443.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class PublicCloudTests
{
    /// <summary>The service principal on the public authority (login.microsoftonline.com).</summary>
    private static Dictionary<string, string> ServicePrincipal() => TestIdentity.ServicePrincipal(authority: null);

    [TestMethod]
    public async Task Resources_DefaultCloud_ListsThroughManagementAzureCom()
    {
        var emulator = TestAzure.PublicCloud;
        var cli = await Sidecar.RunAsync("resources --json", ServicePrincipal());

        Assert.AreEqual(3, cli.ExitCode, cli.ToString());
        StringAssert.Contains(cli.Stdout, $"\"endpoint\": \"https://{DefaultSeed.WestSubDomain}.services.ai.azure.com/\"");
        var hosts = emulator.Requests.Snapshot().Select(r => r.Host).Distinct().ToArray();
        CollectionAssert.Contains(hosts, "management.azure.com");
        CollectionAssert.Contains(hosts, "login.microsoftonline.com");
    }

    [TestMethod]
    public async Task Doctor_EnvironmentCredentialOnThePublicAuthority_SelectedWithItsIdentity()
    {
        _ = TestAzure.PublicCloud;
        var run = await DoctorRun.RunAsync(ServicePrincipal(), $"--resource {DefaultSeed.FoundryAccount}");

        Assert.AreEqual(0, run.Cli.ExitCode, run.Cli.ToString());
        Assert.AreEqual("EnvironmentCredential", run.Selected);
        Assert.AreEqual(DefaultSeed.ServicePrincipalObjectId, run.Identity("objectId"));
        Assert.AreEqual("ok", run.Json.GetProperty("access").GetProperty("status").GetString());
    }
}
