using FoundryIde.Server.Hosting;

namespace FoundryIde.Tests.Hardening;

[TestClass]
public sealed class DeadlinesTests
{
    [TestMethod]
    public void Deadlines_NoVariable_AreTheDocumentedOnes()
    {
        Assert.IsNull(Environment.GetEnvironmentVariable(Deadlines.ArmVariable), "the test process runs with the defaults");

        Assert.AreEqual(TimeSpan.FromSeconds(60), Deadlines.Arm);
        Assert.AreEqual(TimeSpan.FromSeconds(30), Deadlines.Probe);
    }

    [TestMethod]
    [DataRow("8", 8.0)]
    [DataRow("0.5", 60.0)]
    [DataRow("-3", 60.0)]
    [DataRow("soon", 60.0)]
    [DataRow("99999", 60.0)]
    public void Read_VariableValue_ValidSecondsElseDefault(string value, double expectedSeconds)
    {
        const string variable = "FOUNDRYIDE_TEST_DEADLINE_SECONDS";
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), Deadlines.Read(variable, 60));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
