using FoundryIde.Server.Deploy;
using FoundryIde.Server.Discovery;

namespace FoundryIde.Tests.Deploy;

[TestClass]
public sealed class ModelPickTests
{
    private static CatalogueEntry Entry(string version, bool isDefault, string? hostedOn) => new("AIServices", new CatalogueModel(
        "Anthropic", "claude-haiku-4-5", version, isDefault, "GenerallyAvailable", 1000,
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
        StringAssert.Contains(ModelPick.Reason(offer, pinned: false, DeployWords.Cli), "the first version the catalogue lists (none is marked default), hosted on Azure");
    }

    [TestMethod]
    public void Choose_DefaultVersion_WinsWhereverItIsListed()
    {
        var offers = ModelPick.Offers([Entry("20251001", false, "anthropic"), Entry("2", true, "azure")]);

        Assert.AreEqual("2", ModelPick.Choose(offers, "haiku", null, null).Offer!.Version);
    }

    [TestMethod]
    public void Offers_UnknownHostedOnValue_NotTrusted()
    {
        var offers = ModelPick.Offers([Entry("1", true, "elsewhere\u0007")]);

        Assert.IsNull(offers.Single().HostedOn);
        Assert.IsNull(ModelPick.HostedOnText(offers.Single()));
    }
}
