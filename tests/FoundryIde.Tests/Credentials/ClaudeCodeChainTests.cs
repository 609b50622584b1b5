using FoundryIde.Server.Credentials;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Credentials;

[TestClass]
public sealed class ClaudeCodeChainTests
{
    [TestMethod]
    public void Plan_Unset_AllSixLinksInClaudeCodeOrder()
    {
        var plan = ClaudeCodeChain.Plan(new TestEnvironment());

        Assert.AreEqual(
            "EnvironmentCredential,WorkloadIdentityCredential,ManagedIdentityCredential," +
            "AzureCliCredential,AzurePowerShellCredential,AzureDeveloperCliCredential",
            string.Join(',', plan.Links));
        Assert.IsNull(plan.BlockingProblem);
    }

    [TestMethod]
    [DataRow("dev", "AzureCliCredential,AzurePowerShellCredential,AzureDeveloperCliCredential")]
    [DataRow(" DEV ", "AzureCliCredential,AzurePowerShellCredential,AzureDeveloperCliCredential")]
    [DataRow("prod", "EnvironmentCredential,WorkloadIdentityCredential,ManagedIdentityCredential")]
    public void Plan_DevOrProd_KeepsThatHalf(string setting, string expected)
    {
        var plan = ClaudeCodeChain.Plan(new TestEnvironment(("AZURE_TOKEN_CREDENTIALS", setting)));

        Assert.AreEqual(expected, string.Join(',', plan.Links));
        Assert.IsNull(plan.BlockingProblem);
    }

    [TestMethod]
    [DataRow("AzureCliCredential")]
    [DataRow("managedidentitycredential")]
    [DataRow("development")]
    public void Plan_OtherValue_BlocksLikeClaudeCode(string setting)
    {
        var plan = ClaudeCodeChain.Plan(new TestEnvironment(("AZURE_TOKEN_CREDENTIALS", setting)));

        Assert.IsNotNull(plan.BlockingProblem);
        StringAssert.Contains(plan.BlockingProblem, setting);
        StringAssert.Contains(plan.BlockingProblem, "'prod' or 'dev'");
    }
}
