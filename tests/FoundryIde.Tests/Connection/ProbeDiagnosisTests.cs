using FoundryIde.Server.Connection;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Connection;

/// <summary>The diagnosis of the cases the emulator does not produce, and the choice of what to probe.</summary>
[TestClass]
public sealed class ProbeDiagnosisTests
{
    private static readonly FoundryResource Resource = new("contoso", "sub", "rg", "eastus2", "https://contoso.services.ai.azure.com/",
        [
            new ClaudeDeployment("opus-next", "claude-opus-4-5", "20251101", "opus", "GlobalStandard", 10, "Creating"),
            new ClaudeDeployment("claude-opus-4-1", "claude-opus-4-1", "20250805", "opus", "GlobalStandard", 10, "Succeeded"),
            new ClaudeDeployment("sonnet", "claude-sonnet-4-5", "20250929", "sonnet", "GlobalStandard", 10, "Succeeded"),
        ],
        "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/contoso", "contoso", false);

    private static readonly string[] ExpectedTargets = ["opus:claude-opus-4-1", "sonnet:sonnet", "haiku:nope"];

    private static readonly Uri Uri = MessagesProbe.MessagesUri(Resource.Endpoint!);

    private static ProbeContext Entra => new(Resource, Uri, ProbeAuthKind.Entra, "AzureCliCredential", new IdentityInfo("tid", "oid-1", "alice@contoso.com"));

    private static ProbeOutcome Status(int status, string? code = null, string message = "no") =>
        new(false, status, 5, 6, new ServiceError(code, message), null, null);

    [TestMethod]
    public void MessagesUri_EndpointWithOrWithoutSlash_ClaudeCodesPath()
    {
        Assert.AreEqual("https://x.services.ai.azure.com/anthropic/v1/messages?beta=true", MessagesProbe.MessagesUri("https://x.services.ai.azure.com").ToString());
        Assert.AreEqual("https://127.0.0.1:9/accounts/x/anthropic/v1/messages?beta=true", MessagesProbe.MessagesUri("https://127.0.0.1:9/accounts/x/").ToString());
    }

    [TestMethod]
    public void Targets_ExplicitNameTheResourceLacks_StillProbedAndTheOthersChosen()
    {
        var (targets, warnings) = ConnectionTester.Targets(Resource, new ConnectionTestParams("contoso", Haiku: "nope"));

        CollectionAssert.AreEqual(ExpectedTargets,
            targets.Select(t => $"{t.Family}:{t.Deployment}").ToArray(), "the Creating opus is not healthy");
        Assert.IsFalse(warnings.Any(w => w.Contains("nope", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Diagnose_404ForADeploymentNotReady_SaysSoWithItsState()
    {
        var result = ProbeDiagnosis.Diagnose(new ProbeTarget("opus", "opus-next"), Status(404, "not_found_error"), Entra);

        Assert.AreEqual(ConnectionTestStatus.Failed, result.Status);
        StringAssert.Contains(result.Detail, "not ready (provisioningState Creating)");
        StringAssert.Contains(result.Fix, "claude-opus-4-1");
    }

    [TestMethod]
    public void Diagnose_403ThoughTheRolesCoverIt_PointsAtPropagationAndDenyAssignments()
    {
        var access = new AccessReport("contoso", Resource.Id, AccessStatus.Ok, "covered", null, []);

        var result = ProbeDiagnosis.Diagnose(new ProbeTarget("sonnet", "sonnet"), Status(403, "PermissionDenied"), Entra, access);

        StringAssert.Contains(result.Detail, "alice@contoso.com");
        StringAssert.Contains(result.Fix, "up to 10");
        StringAssert.Contains(result.Fix, "deny assignments");
    }

    [TestMethod]
    public void Diagnose_403FromTheFirewall_NetworkRulesNotRoles()
    {
        var result = ProbeDiagnosis.Diagnose(new ProbeTarget("sonnet", "sonnet"),
            Status(403, "403", "Access denied due to Virtual Network/Firewall rules."), Entra);

        StringAssert.Contains(result.Detail, "network rules");
        StringAssert.Contains(result.Fix, "Firewalls and virtual networks");
    }

    [TestMethod]
    public void Diagnose_NoAnswerInTime_Timeout()
    {
        var outcome = new ProbeOutcome(false, null, null, 30_000, null, null, new TimeoutException("late", new OperationCanceledException()));

        var result = ProbeDiagnosis.Diagnose(new ProbeTarget("sonnet", "sonnet"), outcome, Entra);

        StringAssert.Contains(result.Detail, "within 30 s");
        Assert.IsNull(result.HttpStatus);
    }

    [TestMethod]
    public void Diagnose_StreamEndedEarly_SaysAProxyMayBuffer()
    {
        var outcome = new ProbeOutcome(false, 200, 5, 6, new ServiceError("incomplete", "the event stream ended before the reply began"), null, null);

        var result = ProbeDiagnosis.Diagnose(new ProbeTarget("sonnet", "sonnet"), outcome, Entra);

        StringAssert.Contains(result.Detail, "ended before the reply began");
        StringAssert.Contains(result.Fix, "proxy");
    }

    [TestMethod]
    public void ParamsToString_NeverShowsTheKey()
    {
        var text = new ConnectionTestParams("contoso", ApiKey: "super-secret-key").ToString();

        Assert.DoesNotContain("super-secret-key", text);
        StringAssert.Contains(text, "ApiKey = ***");
    }
}
