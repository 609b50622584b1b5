using FoundryIde.Server.Access;

namespace FoundryIde.Tests.Access;

[TestClass]
public sealed class DataActionCoverageTests
{
    [TestMethod]
    [DataRow("Microsoft.CognitiveServices/*", "Covered")]                        // Azure AI User, Cognitive Services User
    [DataRow("Microsoft.CognitiveServices/accounts/AIServices/providers/action", "Covered")] // the action Azure names
    [DataRow("Microsoft.CognitiveServices/accounts/AIServices/*", "Covered")]
    [DataRow("microsoft.cognitiveservices/accounts/*", "Covered")]
    [DataRow("*", "Covered")]
    [DataRow("Microsoft.CognitiveServices/accounts/OpenAI/*", "Missing")]        // Cognitive Services OpenAI User
    [DataRow("Microsoft.CognitiveServices/accounts/providers/*", "Missing")]     // Claude Code's guide: not the action Azure checks
    [DataRow("Microsoft.CognitiveServices/accounts/AIServices/agents/*", "Missing")]
    public void Evaluate_OneGrant_Verdict(string dataAction, string expected) =>
        Assert.AreEqual(expected, DataActionCoverage.Evaluate([dataAction], []).Verdict.ToString());

    [TestMethod]
    public void Evaluate_NoDataActions_Missing() =>
        Assert.AreEqual(DataActionCoverage.Verdict.Missing, DataActionCoverage.Evaluate([], []).Verdict);

    [TestMethod]
    [DataRow("Microsoft.CognitiveServices/accounts/AIServices/providers/action")]
    [DataRow("Microsoft.CognitiveServices/accounts/AIServices/*")]
    [DataRow("Microsoft.CognitiveServices/*")]
    public void Evaluate_NotDataActionsOverlapping_PartlyDeniedNamingIt(string denied)
    {
        var (verdict, denier) = DataActionCoverage.Evaluate(["Microsoft.CognitiveServices/*"], [denied]);

        Assert.AreEqual(DataActionCoverage.Verdict.PartlyDenied, verdict);
        Assert.AreEqual(denied, denier);
    }

    [TestMethod]
    public void Evaluate_NotDataActionsElsewhere_StillCovered() =>
        Assert.AreEqual(DataActionCoverage.Verdict.Covered,
            DataActionCoverage.Evaluate(["Microsoft.CognitiveServices/*"], ["Microsoft.CognitiveServices/accounts/OpenAI/*"]).Verdict);
}
