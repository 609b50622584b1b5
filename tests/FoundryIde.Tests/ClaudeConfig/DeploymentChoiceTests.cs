using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class DeploymentChoiceTests
{
    private static ClaudeDeployment? Chosen(IReadOnlyList<FamilyChoice> choices, string family) => choices.Single(c => c.Family == family).Deployment;

    [TestMethod]
    public void Choose_SeveralOpus_NewestGenerationNotTheLastCreated()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("opus-new-but-old-model", "claude-opus-4", "20250514"),
            Deployment("opus41", "claude-opus-4-1", "20250805"),
            Deployment("opus45-failed", "claude-opus-4-5", "20251101", "Failed"),
            Deployment("sonnet-a", "claude-sonnet-4-5", "20250929"),
            Deployment("sonnet-b", "claude-3-7-sonnet", "20250219"),
            Deployment("haiku-old", "claude-haiku-4-5", "20251001"),
            Deployment("haiku-new", "claude-haiku-4-5", "20251101"));

        var (choices, warnings) = DeploymentChoice.Choose(resource, null, null, null);

        Assert.AreEqual("opus41", Chosen(choices, "opus")?.Name, "the failed 4.5 is skipped");
        Assert.AreEqual("sonnet-a", Chosen(choices, "sonnet")?.Name);
        Assert.AreEqual("haiku-new", Chosen(choices, "haiku")?.Name, "same generation and capacity: the first name");
        Assert.AreEqual("fable", Assert.ContainsSingle(choices.Where(c => c.Deployment is null)).Family);
        StringAssert.Contains(Assert.ContainsSingle(warnings), "No healthy fable deployment");
    }

    [TestMethod]
    public void MarkDefaults_NamesSortingAgainstModelAge_MarksTheNewestModelOnly()
    {
        // The name order (Sonnet-old < Sonnet45) is the opposite of the model order: the editor once picked by name.
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("Sonnet-old", "claude-sonnet-4", "20250514"),
            Deployment("Sonnet45", "claude-sonnet-4-5", "20250929"),
            Deployment("a-haiku", "claude-haiku-4-5", "20251001", "Failed"));

        var marked = DeploymentChoice.MarkDefaults(resource);

        Assert.AreEqual("Sonnet45", string.Join(",", marked.Deployments.Where(d => d.IsDefault).Select(d => d.Name)),
            "one default per family, healthy, newest model; the failed haiku is no default");
        Assert.HasCount(3, marked.Deployments);
    }

    [TestMethod]
    public void Choose_ExplicitChoice_WinsEvenAcrossFamiliesWithAWarning()
    {
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("s", "claude-sonnet-4-5", "1"), Deployment("h", "claude-haiku-4-5", "1"));

        var (choices, warnings) = DeploymentChoice.Choose(resource, null, null, "s");

        Assert.AreEqual("s", Chosen(choices, "haiku")?.Name);
        Assert.IsTrue(choices.Single(c => c.Family == "haiku").Explicit);
        StringAssert.Contains(warnings.Single(w => w.Contains("--haiku", StringComparison.Ordinal)), "sonnet model");
    }

    [TestMethod]
    public void Choose_ExplicitChoiceThatDoesNotExist_NotFoundListingWhatExists()
    {
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("s", "claude-sonnet-4-5", "1"));

        var error = Assert.ThrowsExactly<FoundryException>(() => DeploymentChoice.Choose(resource, "nope", null, null));

        Assert.AreEqual(FoundryErrorCode.NotFound, error.Code);
        StringAssert.Contains(error.Message, "s (claude-sonnet-4-5)");
    }

    [TestMethod]
    public void Choose_FamilyWithoutHealthyDeployment_NoneAndAWarningThatTheAliasWillFail()
    {
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("s", "claude-sonnet-4-5", "1"), Deployment("o", "claude-opus-4-1", "1", "Creating"));

        var (choices, warnings) = DeploymentChoice.Choose(resource, null, null, null);

        Assert.IsNull(Chosen(choices, "opus"));
        Assert.IsNull(Chosen(choices, "haiku"));
        StringAssert.Contains(warnings.Single(w => w.Contains("opus", StringComparison.Ordinal)), "o (Creating) not ready");
        StringAssert.Contains(warnings.Single(w => w.Contains("haiku", StringComparison.Ordinal)), "--haiku");
    }

    [TestMethod]
    public void Choose_FamilyMissing_NamesTheDeployCommandForThisResource()
    {
        const string sub = "00000000-0000-0000-0000-0000000000aa";
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("s", "claude-sonnet-4-5", "1")) with { Name = "contoso-ai", SubscriptionId = sub };

        var (_, warnings) = DeploymentChoice.Choose(resource, null, null, null);

        StringAssert.Contains(warnings.Single(w => w.Contains("No healthy haiku", StringComparison.Ordinal)),
            $"`foundry-ide deploy --subscription {sub} --resource contoso-ai --models haiku` (in VS Code: Foundry: Deploy Claude Models)");
    }

    [TestMethod]
    public void DeployHint_NameAzureWouldNotAllow_NoNameInTheCommand()
    {
        var resource = Resource("https://x.services.ai.azure.com/") with { Name = "x; rm -rf ~", SubscriptionId = "00000000-0000-0000-0000-0000000000aa" };

        var hint = FoundryIde.Server.Deploy.DeployHint.For(resource, "opus");

        Assert.StartsWith("`foundry-ide deploy` (in VS Code", hint);
        Assert.DoesNotContain("rm -rf", hint);
    }

    [TestMethod]
    public void Choose_DeploymentNamedAsAnotherModelsId_TheOtherPreferredAndAWarningWhenItIsTheOnlyOne()
    {
        // claude-haiku-5-5 is Haiku 5.5's id: Claude Code would send Haiku 5.5's requests to a Haiku 4.5 deployment.
        var both = Resource("https://x.services.ai.azure.com/",
            Deployment("claude-haiku-5-5", "claude-haiku-4-5", "20251001"), Deployment("quick", "claude-haiku-4-5", "20251001"));
        var only = Resource("https://x.services.ai.azure.com/", Deployment("claude-haiku-5-5", "claude-haiku-4-5", "20251001"));

        var (choices, warnings) = DeploymentChoice.Choose(both, null, null, null);
        var (onlyChoices, onlyWarnings) = DeploymentChoice.Choose(only, null, null, null);

        Assert.AreEqual("quick", Chosen(choices, "haiku")?.Name);
        Assert.IsFalse(warnings.Any(w => w.Contains("Haiku 5.5", StringComparison.Ordinal)), string.Join("\n", warnings));
        Assert.AreEqual("claude-haiku-5-5", Chosen(onlyChoices, "haiku")?.Name);
        StringAssert.Contains(onlyWarnings.Single(w => w.StartsWith("claude-haiku-5-5", StringComparison.Ordinal)),
            "is Haiku 5.5's id in Claude Code but serves claude-haiku-4-5");
    }

    [TestMethod]
    public void Choose_NameInAnotherCase_TheDeploymentAsAzureSpellsIt()
    {
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("Sonnet45", "claude-sonnet-4-5", "20250929"));

        var (choices, _) = DeploymentChoice.Choose(resource, null, "sonnet45", null);

        Assert.AreEqual("Sonnet45", Chosen(choices, "sonnet")?.Name);
    }
}
