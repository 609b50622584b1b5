using System.Text.Json;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>
/// The REAL Azure CLI and FoundryIde list the same emulator as the same signed-in identity: the Foundry resources,
/// their endpoints and their Claude deployments must agree.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class AzureCliCrossCheckTests
{
    private static string _configDir = "";

    [ClassInitialize]
    public static async Task LoginAsync(TestContext context)
    {
        Assert.IsTrue(AzureCliLogin.IsInstalled, "the Azure CLI is not installed (.ci/run installs it)");
        _configDir = await AzureCliLogin.LoginAsync(TestAzure.Emulator,
            Path.Combine(TestAzure.Root, "az-x-" + Guid.NewGuid().ToString("N")[..8]), context.CancellationToken);
    }

    [TestMethod]
    public async Task Resources_AsTheAzureCliIdentity_AgreesWithAzCognitiveServicesListings()
    {
        var ct = CancellationToken.None;
        var fromAz = new Dictionary<string, (string? Endpoint, string[] Claude)>();
        var subscriptions = JsonDocument.Parse(await AzureCliLogin.RunAsync(_configDir, ct, "account", "list", "-o", "json"));
        foreach (var subscription in subscriptions.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!))
        {
            if (subscription == DefaultSeed.ForbiddenSubscriptionId) continue; // az fails there too (403)
            var accounts = JsonDocument.Parse(await AzureCliLogin.RunAsync(_configDir, ct,
                "cognitiveservices", "account", "list", "--subscription", subscription, "-o", "json"));
            foreach (var account in accounts.RootElement.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "AIServices"))
            {
                var name = account.GetProperty("name").GetString()!;
                var deployments = JsonDocument.Parse(await AzureCliLogin.RunAsync(_configDir, ct,
                    "cognitiveservices", "account", "deployment", "list", "-g", account.GetProperty("resourceGroup").GetString()!,
                    "-n", name, "--subscription", subscription, "-o", "json"));
                var claude = deployments.RootElement.EnumerateArray()
                    .Where(d => d.GetProperty("properties").GetProperty("model").GetProperty("format").GetString() == "Anthropic")
                    .Select(d => d.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
                var endpoints = account.GetProperty("properties").GetProperty("endpoints");
                fromAz[name] = (endpoints.GetProperty("AI Foundry API").GetString(), claude);
            }
        }

        var env = TestAzure.CleanEnvironment();
        env["AZURE_CONFIG_DIR"] = _configDir;
        var listing = await Discover.RunAsync(TestAzure.Emulator, env: env);

        Assert.IsNotEmpty(fromAz);
        CollectionAssert.AreEquivalent(fromAz.Keys.ToArray(), listing.Names, listing.Cli.ToString());
        foreach (var (name, (endpoint, claude)) in fromAz)
        {
            Assert.AreEqual(endpoint, listing.Resource(name).GetProperty("endpoint").GetString(), name);
            CollectionAssert.AreEqual(claude, listing.DeploymentNames(name), name);
        }
    }
}
