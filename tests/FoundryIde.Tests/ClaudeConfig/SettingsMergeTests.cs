using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.ClaudeConfig;

[TestClass]
public sealed class SettingsMergeTests
{
    [TestMethod]
    public void EnvFileMerge_ExistingFile_ManagedLinesReplacedInPlaceEverythingElseKept()
    {
        const string existing = "# my settings\nexport FOO='bar'\nANTHROPIC_FOUNDRY_RESOURCE=old\n\n# tail comment\nANTHROPIC_FOUNDRY_BASE_URL=https://stale/anthropic\nZED=1\n";

        var merged = EnvFileMerge.Merge(existing, EnvFormat.Dotenv, Entra);

        Assert.AreEqual(
            "# my settings\nexport FOO='bar'\nANTHROPIC_FOUNDRY_RESOURCE=contoso\n\n# tail comment\nZED=1\nCLAUDE_CODE_USE_FOUNDRY=1\nANTHROPIC_DEFAULT_SONNET_MODEL=sonnet\n",
            merged, "BASE_URL removed (Claude Code refuses both), RESOURCE replaced where it stood, the rest appended");
    }

    [TestMethod]
    public void EnvFileMerge_SwitchFromKeyToEntra_RemovesTheKeyLine()
    {
        var withKey = EnvFileMerge.Merge("A=1\n", EnvFormat.Sh, Key);

        var entra = EnvFileMerge.Merge(withKey, EnvFormat.Sh, Entra);

        Assert.DoesNotContain("ANTHROPIC_FOUNDRY_API_KEY", entra);
        StringAssert.StartsWith(entra, "A=1\n");
    }

    [TestMethod]
    public void EnvFileMerge_SameVariablesTwice_SecondMergeChangesNothing()
    {
        var once = EnvFileMerge.Merge("X=1\r\nY=2\r\n", EnvFormat.Dotenv, Entra);

        Assert.AreEqual(once, EnvFileMerge.Merge(once, EnvFormat.Dotenv, Entra));
        Assert.DoesNotContain("\n", once.Replace("\r\n", "", StringComparison.Ordinal), "CRLF line endings kept");
    }

    [TestMethod]
    public void JsonSettingsMerge_ClaudeSettings_OtherKeysAndOrderSurvive()
    {
        const string existing = "{\"model\":\"x\",\"env\":{\"FOO\":\"1\",\"ANTHROPIC_FOUNDRY_BASE_URL\":\"old\"},\"permissions\":{\"allow\":[]}}";

        var merged = JsonSettingsMerge.Merge("s.json", existing, EnvFormat.ClaudeSettings, Entra);

        Assert.AreEqual("""
            {
              "model": "x",
              "env": {
                "FOO": "1",
                "CLAUDE_CODE_USE_FOUNDRY": "1",
                "ANTHROPIC_FOUNDRY_RESOURCE": "contoso",
                "ANTHROPIC_DEFAULT_SONNET_MODEL": "sonnet"
              },
              "permissions": {
                "allow": []
              }
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal), merged);
        Assert.AreEqual(merged, JsonSettingsMerge.Merge("s.json", merged, EnvFormat.ClaudeSettings, Entra));
    }

    [TestMethod]
    public void JsonSettingsMerge_VsCodeList_UpdatesEntriesKeepsOthers()
    {
        const string existing = "{\"editor.fontSize\":14,\"claudeCode.environmentVariables\":[{\"name\":\"MINE\",\"value\":\"v\"},{\"name\":\"ANTHROPIC_FOUNDRY_API_KEY\",\"value\":\"old\"}]}";

        var merged = JsonSettingsMerge.Merge("settings.json", existing, EnvFormat.VsCode, Entra);

        StringAssert.Contains(merged, "\"editor.fontSize\": 14");
        StringAssert.Contains(merged, "\"name\": \"MINE\"");
        Assert.DoesNotContain("ANTHROPIC_FOUNDRY_API_KEY", merged);
        StringAssert.Contains(merged, "\"value\": \"contoso\"");
    }

    [TestMethod]
    [DataRow("{\"a\": 1,, }", "line 1, column")]
    [DataRow("// mine\n{\"a\": 1}", "comments")]
    [DataRow("[1,2]", "not an object")]
    [DataRow("{\"env\": \"x\"}", "not an object")]
    public void JsonSettingsMerge_FileItCannotSafelyEdit_FileConflictSayingWhere(string existing, string expected)
    {
        var error = Assert.ThrowsExactly<FoundryException>(() => JsonSettingsMerge.Merge("f.json", existing, EnvFormat.ClaudeSettings, Entra));

        Assert.AreEqual(FoundryErrorCode.FileConflict, error.Code);
        StringAssert.Contains(error.Message, expected);
    }
}
