using System.Net.Http;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>`resources` against a hostile Azure: every bad value is listed with its problem, named; nothing is sent for it.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileArmListingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DoNotParallelize] // its connection must not show in the other hostile-ARM classes, which assert the recorder saw none
    public async Task ForeignHostRecorder_ConnectionToEvilExample_IsRecorded()
    {
        // The recorder is what the other tests rely on: show that a connection to the foreign host does show up.
        _ = await HostileArm.EmulatorAsync();
        var before = ForeignHostRecorder.Shared.Connections.Count;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"https://{HostileSeed.ForeignHost}:8443/", TestContext.CancellationToken));
        // The accept loop records the connection on its own thread: wait for it (a few ms), not a fixed time.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ForeignHostRecorder.Shared.Connections.Count == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, TestContext.CancellationToken);
        }

        Assert.AreEqual(before + 1, ForeignHostRecorder.Shared.Connections.Count);
        ForeignHostRecorder.Shared.Forget(before);
    }

    [TestMethod]
    public async Task Resources_HostileEndpointsAndSubdomains_ListedWithTheProblemNamingTheValue()
    {
        var emulator = await HostileArm.EmulatorAsync();
        var cli = await HostileArm.RunAsync("resources --json --refresh");

        Assert.AreEqual(3, cli.ExitCode, cli.ToString()); // some scopes failed (the forbidden subscription, the foreign nextLink)
        var json = HostileArm.Json(cli);
        var resources = json.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        foreach (var name in HostileSeed.BadEndpointAccounts)
        {
            var resource = resources[name];
            Assert.AreEqual(System.Text.Json.JsonValueKind.Null, resource.GetProperty("endpoint").ValueKind, name);
            var problem = resource.GetProperty("problem").GetString()!;
            StringAssert.Contains(problem, "ARM reports values that break the rules", name);
        }

        StringAssert.Contains(resources[HostileSeed.SlashSubdomain].GetProperty("problem").GetString(), "\"evil.example/x?\"");
        StringAssert.Contains(resources[HostileSeed.AtSubdomain].GetProperty("problem").GetString(), "\"x@evil.example\"");
        StringAssert.Contains(resources[HostileSeed.ColonSubdomain].GetProperty("problem").GetString(), "\"evil.example:8443\"");
        StringAssert.Contains(resources[HostileSeed.HttpEndpoint].GetProperty("problem").GetString(), "is not https");
        StringAssert.Contains(resources[HostileSeed.ForeignEndpoint].GetProperty("problem").GetString(), "is on host evil.example");
        StringAssert.Contains(resources[HostileSeed.UserInfoEndpoint].GetProperty("problem").GetString(), "user information");
        StringAssert.Contains(resources[HostileSeed.PortEndpoint].GetProperty("problem").GetString(), "port 8443");
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, resources[DefaultSeed.FoundryAccount].GetProperty("problem").ValueKind);
        Assert.AreEqual($"https://{DefaultSeed.FoundrySubDomain}.services.ai.azure.com/", resources[DefaultSeed.FoundryAccount].GetProperty("endpoint").GetString());

        Assert.IsFalse(resources.ContainsKey(HostileSeed.AbsoluteId), "an account with an absolute id is not listed");
        var errors = json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToArray();
        Assert.IsTrue(errors.Any(e => e.Contains($"\"https://evil.example/subscriptions/", StringComparison.Ordinal) && e.Contains("is not a path under /subscriptions/", StringComparison.Ordinal)),
            string.Join("\n", errors));
        Assert.IsFalse(resources.ContainsKey(HostileSeed.ShellGroup), "an account whose id holds shell syntax is not listed");
        Assert.IsTrue(errors.Any(e => e.Contains(HostileSeed.ShellGroupName, StringComparison.Ordinal) && e.Contains("which no ARM name has", StringComparison.Ordinal)),
            string.Join("\n", errors));
        Assert.IsTrue(errors.Any(e => e.Contains("nextLink", StringComparison.Ordinal) && e.Contains("\"https://evil.example/subscriptions/", StringComparison.Ordinal)),
            string.Join("\n", errors));
        HostileArm.AssertNothingLeft(emulator, cli);
    }

    [TestMethod]
    public async Task Resources_HostileDeploymentNames_ListedFlaggedAndShownEscaped()
    {
        var emulator = await HostileArm.EmulatorAsync();
        var json = HostileArm.Json(await HostileArm.RunAsync("resources --json"));
        var names = json.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == HostileSeed.HostileNames);
        var deployments = names.GetProperty("deployments").EnumerateArray().ToArray();
        Assert.HasCount(HostileSeed.HostileDeploymentNames(HostileArm.Marker).Count + 1, deployments);
        foreach (var d in deployments)
        {
            var good = d.GetProperty("name").GetString() == HostileSeed.GoodOpus;
            Assert.AreEqual(good, d.GetProperty("problem").ValueKind == System.Text.Json.JsonValueKind.Null, d.ToString());
        }

        var text = await HostileArm.RunAsync("resources");
        Assert.AreEqual(3, text.ExitCode, text.ToString());
        Assert.DoesNotContain("\u2028", text.Stdout, "a line separator reached the terminal");
        StringAssert.Contains(text.Stdout, "\"opus\\ntouch ");
        StringAssert.Contains(text.Stdout, "NOT USABLE");
        HostileArm.AssertNothingLeft(emulator, text);
    }
}
