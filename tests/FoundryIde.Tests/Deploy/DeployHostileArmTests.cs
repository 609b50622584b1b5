using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;
using static FoundryIde.Tests.Deploy.DeployRun;

namespace FoundryIde.Tests.Deploy;

/// <summary>`foundry-ide deploy` against ARM answers no honest Azure gives: names that are paths, names that drive a terminal.</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class DeployHostileArmTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Deploy_CatalogueModelNamedAsAPath_NoOfferAndEveryPutUnderTheAccountsDeployments()
    {
        // Newest by its numbers, so it would be chosen: its name would become a deployment name and the PUT's path.
        await using var emulator = await StartAsync(s => s.ModelCatalogue.Add(
            new CatalogueModelSeed { Location = "eastus2", Name = "claude-opus-9-9/../../../../x", Version = "1" }), TestContext.CancellationToken);

        var (cli, json) = await RunAsync(emulator, $"--subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual("claude-opus-4-5", Deployment(json, "opus").GetProperty("name").GetString());
        var puts = emulator.Requests.Snapshot().Where(r => r.Method == "PUT").ToArray();
        Assert.IsNotEmpty(puts);
        Assert.IsTrue(puts.All(p => p.Path.StartsWith($"{DefaultSeed.FoundryAccountId}/deployments/claude-opus-4-5?", StringComparison.Ordinal)),
            string.Join(", ", puts.Select(p => p.Path)));
        Assert.DoesNotContain("../", cli.Stdout);
    }

    [TestMethod]
    public async Task DryRunText_DeploymentNameWithTerminalControls_NotReusedAndNothingRaw()
    {
        await using var emulator = await StartAsync(s => s.Accounts.Single(a => a.Name == DefaultSeed.FoundryAccount).Deployments
            .Add(DefaultSeed.Claude("\u001b[2J\u001b]0;pwned\u0007op\nus  [pass] fake", "claude-opus-4-5", "20251101", 20)), TestContext.CancellationToken);

        var cli = await Sidecar.RunAsync($"deploy {Discover.CloudArguments(emulator)} --subscription {Sub} --resource {DefaultSeed.FoundryAccount} --models opus {Org} --dry-run",
            TestIdentity.ServicePrincipal(emulator), TimeSpan.FromSeconds(90));

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        Assert.IsFalse((cli.Stdout + cli.Stderr).Any(c => c is '\u001b' or '\u0007'), cli.ToString());
        Assert.IsFalse(cli.Stdout.Split('\n').Any(l => l.TrimStart().StartsWith("us  [pass]", StringComparison.Ordinal)), "no forged line");
        StringAssert.Contains(cli.Stdout, "opus: claude-opus-4-5 = claude-opus-4-5@20251101", "a deployment of its own name is planned instead");
    }
}
