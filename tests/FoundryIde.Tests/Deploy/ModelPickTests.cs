using FoundryIde.Server.Deploy;
using FoundryIde.Server.Discovery;

namespace FoundryIde.Tests.Deploy;

[TestClass]
public sealed class ModelPickTests
{
    private static CatalogueEntry Entry(string version, bool isDefault, string? hostedOn, string lifecycle = "GenerallyAvailable") => new("AIServices", new CatalogueModel(
        "Anthropic", "claude-haiku-4-5", version, isDefault, lifecycle, 1000,
        [new CatalogueSku("GlobalStandard", $"AIServices.GlobalStandard.claude-haiku-4-5{(hostedOn == "azure" ? ".Azure" : "")}", new CatalogueCapacity(1000, 1, 50))],
        hostedOn is null ? null : new Dictionary<string, string> { ["chatCompletion"] = "true", ["hostedOn"] = hostedOn }));

    [TestMethod]
    public void Choose_NoDefaultVersion_TheCataloguesFirstNotTheLargestVersionString()
    {
        // "20251001" sorts above "2" as a string; on Foundry neither is newer: they say where the model is hosted.
        var offers = ModelPick.Offers([Entry("2", false, "azure"), Entry("20251001", false, "anthropic")]);

        var (offer, _) = ModelPick.Choose(offers, "haiku", null, null);

        Assert.AreEqual("2", offer!.Version);
        Assert.AreEqual("azure", offer.HostedOn);
        Assert.AreEqual("AIServices.GlobalStandard.claude-haiku-4-5.Azure", offer.UsageName, "an Azure-hosted version has its own quota pool");
        StringAssert.Contains(ModelPick.Reason(offer, pinned: false, DeployWords.Cli, offers), "the first version the catalogue lists (none is marked default), hosted on Azure");
    }

    [TestMethod]
    public void Offers_SameModelListedForTwoAccountKinds_OnceAsTheAIServicesEntry()
    {
        var aiServices = Entry("1", true, null);
        var other = aiServices with { Kind = "OpenAI", Model = aiServices.Model! with { MaxCapacity = 7, Skus = [new CatalogueSku("GlobalStandard", "OpenAI.GlobalStandard.claude-haiku-4-5", new CatalogueCapacity(7, 1, 5))] } };

        var offers = ModelPick.Offers([other, aiServices]);

        Assert.AreEqual("AIServices.GlobalStandard.claude-haiku-4-5", offers.Single().UsageName);
    }

    [TestMethod]
    public void Choose_DefaultVersion_WinsWhereverItIsListed()
    {
        var offers = ModelPick.Offers([Entry("20251001", false, "anthropic"), Entry("2", true, "azure")]);

        Assert.AreEqual("2", ModelPick.Choose(offers, "haiku", null, null).Offer!.Version);
    }

    [TestMethod]
    public void Choose_DefaultVersionRetiring_TheOtherVersionSayingWhy()
    {
        var offers = ModelPick.Offers([Entry("1", true, null, "Deprecating"), Entry("2", false, null)]);

        var (offer, _) = ModelPick.Choose(offers, "haiku", null, null);

        Assert.AreEqual("2", offer!.Version);
        StringAssert.Contains(ModelPick.Reason(offer, pinned: false, DeployWords.Cli, offers), "not its default version 1, which is Deprecating");
    }

    [TestMethod]
    [DataRow("claude-haiku-9", null, "The region's catalogue does not offer claude-haiku-9 (GlobalStandard).")]
    [DataRow(null, null, "The region's catalogue offers no opus model (GlobalStandard). opus models offered: none.")]
    public void Choose_NothingMatches_SaysWhatIsNotOffered(string? model, string? version, string expected)
    {
        var offers = ModelPick.Offers([Entry("1", true, null)]);

        var (offer, why) = ModelPick.Choose(offers, model is null ? "opus" : "haiku", model, version);

        Assert.IsNull(offer);
        StringAssert.StartsWith(why, expected);
    }

    [TestMethod]
    public void ParsePin_EmptyVersion_SaysAVersionFollowsTheAt()
    {
        var e = Assert.ThrowsExactly<FoundryIde.Server.Rpc.FoundryException>(() => ModelPick.ParsePin("sonnet=claude-sonnet-4-5@"));

        StringAssert.Contains(e.Message, "a version follows '@'");
    }

    [TestMethod]
    public void Offers_UnknownHostedOnValue_NotTrusted()
    {
        var offers = ModelPick.Offers([Entry("1", true, "elsewhere\u0007")]);

        Assert.IsNull(offers.Single().HostedOn);
        Assert.IsNull(ModelPick.HostedOnText(offers.Single()));
    }
}
