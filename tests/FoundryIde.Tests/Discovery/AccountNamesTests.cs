using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Discovery;

/// <summary>Account names as ARM allows them (letters, digits, '-', '_' and '.'), apart from the subdomain that makes the host.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class AccountNamesTests
{
    private const string Name = "team_ai.models";
    private const string Subdomain = "team-ai-models";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ResourcesAndEnv_AccountNameWithUnderscoreAndPeriod_UsableThroughItsSubdomain()
    {
        var state = EmulatorState.CreateDefault();
        state.Accounts.Add(new AccountSeed
        {
            SubscriptionId = DefaultSeed.SubscriptionId, ResourceGroup = DefaultSeed.ResourceGroup, Name = Name, Kind = "AIServices",
            Location = "eastus2", CustomSubDomainName = Subdomain, Key1 = "team-key-1", Key2 = "team-key-2",
            Deployments = [DefaultSeed.Claude("claude-sonnet-4-5", "claude-sonnet-4-5", "20250929", 10)],
        });
        await using var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, new EmulatorOptions { LoopbackEndpoints = true }, TestContext.CancellationToken);

        var listing = await Discover.RunAsync(emulator, "--refresh");
        var resource = listing.Resource(Name);
        var env = await Sidecar.RunAsync($"env --resource {Name} --format dotenv {Discover.CloudArguments(emulator)}", TestIdentity.ServicePrincipal(emulator));

        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, resource.GetProperty("problem").ValueKind, listing.Cli.Stdout);
        StringAssert.EndsWith(resource.GetProperty("endpoint").GetString(), $"/accounts/{Subdomain}/");
        Assert.AreEqual(0, env.ExitCode, env.ToString());
        StringAssert.Contains(env.Stdout, $"/accounts/{Subdomain}/anthropic", "the host is the subdomain's, never the account name");
    }
}
