using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>`test` (key and Entra ID) and `doctor --resource` against a hostile Azure: a clear error, and no key or token sent.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileArmSendTests
{
    private const string CanaryKey = "canarykey0000hostilearm0000000000";

    [TestMethod]
    [DataRow("key")]
    [DataRow("entra")]
    public async Task Test_EveryBadEndpointAccount_SendsNothingAndNamesTheValue(string auth)
    {
        var emulator = await HostileArm.EmulatorAsync();
        var env = TestIdentity.ServicePrincipal(emulator);
        env["ANTHROPIC_FOUNDRY_API_KEY"] = CanaryKey;
        foreach (var account in HostileSeed.BadEndpointAccounts)
        {
            var cli = await HostileArm.RunAsync($"test --resource {account} --auth {auth} --json", env);

            Assert.AreEqual(1, cli.ExitCode, cli.ToString());
            StringAssert.Contains(cli.Stderr, $"{account} cannot be used", cli.ToString());
            StringAssert.Contains(cli.Stderr, "ARM reports values that break the rules", cli.ToString());
            Assert.DoesNotContain(CanaryKey, cli.Stdout + cli.Stderr);
            HostileArm.AssertNothingLeft(emulator, cli);
        }
    }

    [TestMethod]
    public async Task Doctor_BadEndpointAccount_AccessReportNamesTheProblem()
    {
        var emulator = await HostileArm.EmulatorAsync();
        foreach (var account in new[] { HostileSeed.ForeignEndpoint, HostileSeed.SlashSubdomain })
        {
            var cli = await HostileArm.RunAsync($"doctor --resource {account} --json --timeout 5");

            Assert.AreEqual(1, cli.ExitCode, cli.ToString());
            var access = HostileArm.Json(cli).GetProperty("access");
            Assert.AreEqual("unknown", access.GetProperty("status").GetString(), cli.ToString());
            StringAssert.Contains(access.GetProperty("detail").GetString(), "evil.example", cli.ToString());
            Assert.AreEqual(System.Text.Json.JsonValueKind.Null, access.GetProperty("run").ValueKind);
            HostileArm.AssertNothingLeft(emulator, cli);
        }
    }

    [TestMethod]
    public async Task Doctor_AbsoluteAccountId_NotFoundAndNothingSent()
    {
        var emulator = await HostileArm.EmulatorAsync();
        var cli = await HostileArm.RunAsync($"doctor --resource {HostileSeed.AbsoluteId} --json --timeout 5");

        Assert.AreEqual(1, cli.ExitCode, cli.ToString());
        var access = HostileArm.Json(cli).GetProperty("access");
        Assert.AreEqual("notFound", access.GetProperty("status").GetString(), cli.ToString());
        StringAssert.Contains(access.GetProperty("detail").GetString(), "https://evil.example/subscriptions/", "the skipped scope is named");
        HostileArm.AssertNothingLeft(emulator, cli);
    }
}
