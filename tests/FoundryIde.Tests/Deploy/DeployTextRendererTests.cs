using FoundryIde.Server.Cli;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Deploy;

[TestClass]
public sealed class DeployTextRendererTests
{
    private static DeployResult Plan(bool dryRun) => new(
        null,
        [new DeployedModel("claude-opus-4-5", "claude-opus-4-5", "20251101", "opus", "GlobalStandard", 50, dryRun ? "planned" : "Succeeded", !dryRun, "global")],
        null,
        new DeployPlan([], [],
        [
            new OfferedModel("opus", "claude-opus-4-5", "20251101", true, null, true, "opus=claude-opus-4-5@20251101"),
            new OfferedModel("opus", "claude-opus-4-1", "20250805", true, "Deprecating", false, "opus=claude-opus-4-1@20250805"),
        ], null),
        [], [], dryRun);

    [TestMethod]
    public void Render_DryRunWithOtherOffers_NamesEachWithItsOption()
    {
        var text = DeployTextRenderer.Render(Plan(dryRun: true));

        StringAssert.Contains(text, "Also offered here (choose one with --model):\n  --model opus=claude-opus-4-1@20250805  (Deprecating)".ReplaceLineEndings());
        Assert.DoesNotContain("--model opus=claude-opus-4-5@20251101", text, "the chosen one is in the plan already");
    }

    [TestMethod]
    public void Render_AfterApply_NoOffers()
    {
        Assert.DoesNotContain("Also offered", DeployTextRenderer.Render(Plan(dryRun: false)));
    }

    [TestMethod]
    public void Render_ArmTextWithControls_EscapedOnItsOwnLine()
    {
        var result = Plan(dryRun: false) with { Errors = [new DeployError("InsufficientQuota", "\u001b[31mno quota\nerror: forged", null, "claude-opus-4-5")] };

        var text = DeployTextRenderer.Render(result);

        Assert.DoesNotContain("\u001b", text);
        StringAssert.Contains(text, "error: InsufficientQuota: \\u001b[31mno quota\\u000aerror: forged");
    }

    [TestMethod]
    public void Render_ResourceWithoutGroupOrRegion_NoEmptyPlaces()
    {
        var result = Plan(dryRun: true) with { Resource = new DeployResourceInfo("new-ai", null, null, false, false, "s", null, null) };

        StringAssert.StartsWith(DeployTextRenderer.Render(result), "Resource new-ai (to be created)\n".ReplaceLineEndings());
    }
}
