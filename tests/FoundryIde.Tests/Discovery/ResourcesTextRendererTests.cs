using FoundryIde.Server.Cli;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.Discovery;

[TestClass]
public sealed class ResourcesTextRendererTests
{
    [TestMethod]
    public void Render_SeveralPerFamilyAndALowerCaseState_MarksEachFamilysDefaultAndNoStateForSucceeded()
    {
        var resource = DeploymentChoice.MarkDefaults(Resource("https://x.services.ai.azure.com/",
            Deployment("old-sonnet", "claude-sonnet-4", "20250514"), Deployment("Sonnet45", "claude-sonnet-4-5", "20250929", "succeeded")));

        var lines = ResourcesTextRenderer.Render(new ResourcesResult([resource], [])).Split('\n');

        StringAssert.EndsWith(lines.Single(l => l.Contains("Sonnet45", StringComparison.Ordinal)).TrimEnd(), "GlobalStandard 10  (default)");
        StringAssert.EndsWith(lines.Single(l => l.Contains("old-sonnet", StringComparison.Ordinal)).TrimEnd(), "GlobalStandard 10");
    }
}
