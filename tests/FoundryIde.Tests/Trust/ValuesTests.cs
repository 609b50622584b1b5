using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Trust;

/// <summary>Values are validated before they are written (names, control characters), and pwsh quoting covers every single quote.</summary>
[TestClass]
public sealed class ValuesTests
{
    [TestMethod]
    [DataRow("claude-sonnet-4-5")]
    [DataRow("Sonnet_4.5")]
    [DataRow("a")]
    public void DeploymentNameProblem_AzureCharacters_None(string name) => Assert.IsNull(TrustedValues.DeploymentNameProblem(name));

    [TestMethod]
    [DataRow("opus\ntouch x")]
    [DataRow("sonnet$(touch x)")]
    [DataRow("haiku`touch x`")]
    [DataRow("haiku\u2019x")]
    [DataRow("a b")]
    [DataRow("a\u0000b")]
    [DataRow("a\u007fb")]
    [DataRow("a\u2028b")]
    [DataRow("a\u202eb")]
    [DataRow("")]
    [DataRow("..")]
    [DataRow("claude-opus-9-9/../../x")]
    [DataRow("opus.")]
    public void DeploymentNameProblem_HostileName_Named(string name) => Assert.IsNotNull(TrustedValues.DeploymentNameProblem(name));

    [TestMethod]
    public void DeploymentNameProblem_Quote_SaidInWords()
    {
        StringAssert.Contains(TrustedValues.DeploymentNameProblem("weird'q"), "it holds a quote (U+0027)");
    }

    [TestMethod]
    [DataRow("\n")]
    [DataRow("\r")]
    [DataRow("\u0000")]
    [DataRow("\u007f")]
    [DataRow("\u0085")]
    [DataRow("\u2028")]
    [DataRow("\u2029")]
    [DataRow("\u200b")]
    [DataRow("\u001b")]
    public void Line_ControlCharacterInAnyFormat_RefusedWithoutRepeatingTheValue(string c)
    {
        foreach (var format in new[] { EnvFormat.Dotenv, EnvFormat.Sh, EnvFormat.Fish, EnvFormat.Pwsh })
        {
            var error = Assert.ThrowsExactly<FoundryException>(() => EnvFormat.Line(format, "V", "secret" + c + "tail"));
            Assert.AreEqual(FoundryErrorCode.UntrustedValue, error.Code);
            Assert.DoesNotContain("secret", error.Message);
        }
    }

    [TestMethod]
    [DataRow("it's", "'it''s'")]
    [DataRow("a\u2018b", "'a\u2018\u2018b'")]
    [DataRow("a\u2019b", "'a\u2019\u2019b'")]
    [DataRow("a\u201ab", "'a\u201a\u201ab'")]
    [DataRow("a\u201bb", "'a\u201b\u201bb'")]
    [DataRow("\u2019; touch x; \u2018", "'\u2019\u2019; touch x; \u2018\u2018'")]
    [DataRow("$env:X `n", "'$env:X `n'")]
    public void Line_PwshEveryPowerShellSingleQuote_Doubled(string value, string quoted) =>
        Assert.AreEqual("$env:V = " + quoted, EnvFormat.Line(EnvFormat.Pwsh, "V", value));

    [TestMethod]
    public void PwshQuote_AnyValue_ReadsBackAsOneStringUnderPowerShellRules()
    {
        // PowerShell's tokenizer for '...': any of ' ‘ ’ ‚ ‛ ends the string unless the next character is also one.
        foreach (var value in new[] { "it's", "\u2018\u2019\u201a\u201b", "x\u2019\u2019y", "'; Remove-Item ~ -Recurse; '", "a\"b$c`d" })
        {
            Assert.AreEqual(value, ReadPwshSingleQuoted(ShellQuoting.Quote(ShellKind.Pwsh, value)!), value);
        }
    }

    [TestMethod]
    public void Build_HostileDeploymentName_Refused()
    {
        var resource = new FoundryResource("r", "s", "g", null, "https://r.services.ai.azure.com/",
            [new ClaudeDeployment("opus\nx", "claude-opus-4-1", "1", "opus", null, null, null)], "/subscriptions/s", "r", false);
        var error = Assert.ThrowsExactly<FoundryException>(() =>
            FoundryVariables.Build(resource, [new FamilyChoice("opus", resource.Deployments[0], true)], null));
        Assert.AreEqual(FoundryErrorCode.UntrustedValue, error.Code);
        StringAssert.Contains(error.Message, "\"opus\\nx\"");
    }

    [TestMethod]
    public void Choose_HostileNewerDeployment_NeverAutoChosenAndExplicitRefused()
    {
        var good = new ClaudeDeployment("opus-good", "claude-opus-4-1", "1", "opus", null, null, "Succeeded");
        var bad = new ClaudeDeployment("opus$(x)", "claude-opus-5-5", "2", "opus", null, null, "Succeeded", "bad name");
        var resource = new FoundryResource("r", "s", "g", null, "https://r.services.ai.azure.com/", [good, bad], "/subscriptions/s", "r", false);

        var (choices, warnings) = DeploymentChoice.Choose(resource, null, null, null);
        Assert.AreEqual("opus-good", choices.Single(c => c.Family == "opus").Deployment?.Name);
        Assert.Contains("bad name", warnings);
        var error = Assert.ThrowsExactly<FoundryException>(() => DeploymentChoice.Choose(resource, "opus$(x)", null, null));
        Assert.AreEqual(FoundryErrorCode.UntrustedValue, error.Code);
    }

    [TestMethod]
    public void Show_ControlCharacters_EscapedAndQuoted() =>
        Assert.AreEqual("\"a\\nb\\u001b[31m\\u2028\\\"\"", TrustedValues.Show("a\nb\u001b[31m\u2028\""));

    /// <summary>A single-quoted PowerShell string literal read as PowerShell's tokenizer reads it; fails if it ends early.</summary>
    private static string ReadPwshSingleQuoted(string literal)
    {
        Assert.IsTrue(ShellQuoting.PwshSingleQuotes.Contains(literal[0]), literal);
        var text = new System.Text.StringBuilder();
        for (var i = 1; i < literal.Length; i++)
        {
            var c = literal[i];
            if (!ShellQuoting.PwshSingleQuotes.Contains(c))
            {
                text.Append(c);
                continue;
            }

            if (i + 1 < literal.Length && ShellQuoting.PwshSingleQuotes.Contains(literal[i + 1]))
            {
                text.Append(c);
                i++;
                continue;
            }

            Assert.AreEqual(literal.Length - 1, i, $"the string ends early at {i} in {literal}");
            return text.ToString();
        }

        throw new AssertFailedException($"unterminated: {literal}");
    }
}
