using FoundryIde.Emulator;
using FoundryIde.Tests.Discovery;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// `git check-ignore` (run before a key is written into a work tree) in a stranger's repository: its .git/config
/// must not start a program, and a .gitignore that never answers must not hang the write.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class HostileWorkspaceGitTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AzureEmulator Emulator => TestAzure.Emulator;

    [TestMethod]
    public async Task Env_KeyIntoRepositoryWithFsmonitorProgram_CheckedButTheProgramNeverRuns()
    {
        var hostile = await HostileWorkspace.CreateAsync(Emulator);
        var before = hostile.Snapshot();

        var cli = await hostile.RunAsync(
            $"env --resource {DefaultSeed.FoundryAccount} --auth key --fetch-key --output out.env {Discover.CloudArguments(Emulator)}");

        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        StringAssert.Contains(File.ReadAllText(hostile["out.env"]), $"ANTHROPIC_FOUNDRY_API_KEY={DefaultSeed.FoundryKey1}");
        Assert.IsFalse(File.Exists(hostile.Marker), "core.fsmonitor from the repository's .git/config ran");
        HostileWorkspaceTree.AssertUnchangedExcept(before, hostile.Snapshot(), hostile.WriterFiles("out.env"));

        // The same check without the product's -c options runs the program: the repository is armed, the test can fail.
        Assert.AreEqual(0, await hostile.GitAsync("check-ignore", "-q", "--", "out.env"));
        Assert.IsTrue(File.Exists(hostile.Marker), "plain `git check-ignore` runs core.fsmonitor here");
    }
}
