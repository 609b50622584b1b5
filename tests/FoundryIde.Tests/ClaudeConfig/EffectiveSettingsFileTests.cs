using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>Settings files as they are found: malformed, commented, oddly typed. Never a crash; always where.</summary>
[TestClass]
public sealed class EffectiveSettingsFileTests
{
    [TestMethod]
    public async Task Explain_UserSettingsNotJson_SettingsInvalidWithLineAndColumnAndTheRestStillRead()
    {
        using var machine = new EffectiveSettingsMachine().Shell("CLAUDE_CODE_USE_FOUNDRY", "1").Shell("ANTHROPIC_FOUNDRY_RESOURCE", "contoso");
        machine.Write(machine.UserSettings, "{\n  \"env\": {\n    \"ANTHROPIC_FOUNDRY_RESOURCE\": \"other\"\n    \"X\": \"y\"\n  }\n}\n");

        var config = await machine.ExplainAsync();

        var file = config.Files.Single(f => f.Source == ConfigSources.User);
        Assert.IsTrue(file.Exists);
        StringAssert.Contains(file.Error, "line 4, column 5");
        var conflict = config.Conflict(ConflictCodes.SettingsInvalid);
        Assert.AreEqual(ConflictSeverity.Error, conflict.Severity);
        Assert.AreEqual(machine.UserSettings, conflict.Path);
        StringAssert.Contains(conflict.Message, "ignores the whole file");
        StringAssert.Contains(conflict.Fix, "line 4, column 5");
        Assert.AreEqual("contoso", config.Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value, "the broken file contributes nothing");
    }

    [TestMethod]
    public async Task Explain_CommentInClaudeSettings_InvalidBecauseClaudeCodeReadsStrictJson()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.LocalSettings, "{\n  // mine\n  \"env\": {\"CLAUDE_CODE_USE_FOUNDRY\": \"1\"}\n}");

        var config = await machine.ExplainAsync();

        var conflict = config.Conflict(ConflictCodes.SettingsInvalid);
        Assert.AreEqual(ConfigSources.Local, conflict.Source);
        StringAssert.Contains(conflict.Message, "line 2, column 3");
        StringAssert.Contains(conflict.Message, "strict JSON");
    }

    [TestMethod]
    public async Task Explain_VsCodeSettingsWithCommentsAndTrailingCommas_ReadAsJsonc()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.VsCodeUserSettings, """
            {
              // the extension's variables
              "editor.fontSize": 14, /* block */
              "claudeCode.environmentVariables": [
                { "name": "CLAUDE_CODE_USE_FOUNDRY", "value": "1", },
                { "name": "ANTHROPIC_FOUNDRY_RESOURCE", "value": "contoso" },
              ],
            }
            """);

        var config = await machine.ExplainAsync();

        Assert.IsNull(config.Files.Single(f => f.Path == machine.VsCodeUserSettings).Error);
        Assert.AreEqual("contoso", config.Extension("ANTHROPIC_FOUNDRY_RESOURCE").Value);
        Assert.AreEqual(ConfigSources.VsCodeUser, config.Extension("CLAUDE_CODE_USE_FOUNDRY").Source);
    }

    [TestMethod]
    public async Task Explain_VsCodeSettingsBroken_SettingsInvalidWithLine()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.VsCodeWorkspaceSettings, "{\n  \"claudeCode.environmentVariables\": [\n    {\"name\": \"A\" \"value\": \"b\"}\n  ]\n}");

        var config = await machine.ExplainAsync();

        var conflict = config.Conflict(ConflictCodes.SettingsInvalid);
        Assert.AreEqual(ConfigSources.VsCodeWorkspace, conflict.Source);
        StringAssert.Contains(conflict.Message, "line 3");
        StringAssert.Contains(conflict.Message, "VS Code ignores the whole file");
    }

    [TestMethod]
    [DataRow("[1, 2]", "not an object")]
    [DataRow("{\"env\": [\"CLAUDE_CODE_USE_FOUNDRY=1\"]}", "`env` is a JSON list")]
    [DataRow("{\"env\": {\"CLAUDE_CODE_USE_FOUNDRY\": {\"on\": true}}}", "`env.CLAUDE_CODE_USE_FOUNDRY` is a JSON object")]
    [DataRow("\"text\"", "not an object")]
    [DataRow("{\"env\": {}", "line 1")]
    public async Task Explain_OddlyShapedClaudeSettings_ReportedNeverThrown(string text, string expected)
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.ProjectSettings, text);

        var config = await machine.ExplainAsync();

        StringAssert.Contains(config.Files.Single(f => f.Source == ConfigSources.Project).Error, expected);
        Assert.AreEqual(machine.ProjectSettings, config.Conflict(ConflictCodes.SettingsInvalid).Path);
    }

    [TestMethod]
    public async Task Explain_NumberAndBooleanEnvValues_ReadAsTheirTextLikeProcessEnv()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.UserSettings, "{\"env\": {\"CLAUDE_CODE_USE_FOUNDRY\": 1, \"CLAUDE_CODE_SKIP_FOUNDRY_AUTH\": false}}");

        var config = await machine.ExplainAsync();

        Assert.AreEqual("1", config.Terminal("CLAUDE_CODE_USE_FOUNDRY").Value);
        Assert.AreEqual("false", config.Terminal("CLAUDE_CODE_SKIP_FOUNDRY_AUTH").Value);
        Assert.AreEqual(ClaudeProviders.Foundry, config.Provider);
        Assert.IsEmpty(config.Conflicts(ConflictCodes.SettingsInvalid));
    }

    [TestMethod]
    public async Task Explain_EmptyFileAndFileWithoutEnv_NoErrors()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.UserSettings, "  \n").Write(machine.LocalSettings, "{\"model\": \"opus\"}");

        var config = await machine.ExplainAsync();

        Assert.IsTrue(config.Files.All(f => f.Error is null));
        Assert.IsEmpty(config.Conflicts(ConflictCodes.SettingsInvalid));
    }

    [TestMethod]
    public async Task Explain_BadEntryInVsCodeList_ReportedAndTheOthersKept()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.VsCodeUserSettings,
            "{\"claudeCode.environmentVariables\": [{\"name\": \"ANTHROPIC_FOUNDRY_RESOURCE\", \"value\": \"contoso\"}, {\"value\": \"x\"}, 3]}");

        var config = await machine.ExplainAsync();

        var file = config.Files.Single(f => f.Path == machine.VsCodeUserSettings);
        StringAssert.Contains(file.Error, "claudeCode.environmentVariables[1]");
        StringAssert.Contains(file.Error, "claudeCode.environmentVariables[2]");
        Assert.AreEqual(ConflictSeverity.Warning, config.Conflict(ConflictCodes.SettingsInvalid).Severity);
        Assert.AreEqual("contoso", config.Extension("ANTHROPIC_FOUNDRY_RESOURCE").Value);
    }

    [TestMethod]
    public async Task Explain_SettingsPathIsADirectory_TreatedAsMissing()
    {
        using var machine = new EffectiveSettingsMachine();
        Directory.CreateDirectory(machine.UserSettings);

        var config = await machine.ExplainAsync();

        Assert.IsFalse(config.Files.Single(f => f.Source == ConfigSources.User).Exists);
    }

    [TestMethod]
    public async Task Explain_DuplicateKeys_LastWinsAsInJavaScript()
    {
        using var machine = new EffectiveSettingsMachine();
        machine.Write(machine.UserSettings, "{\"env\": {\"ANTHROPIC_FOUNDRY_RESOURCE\": \"first\", \"ANTHROPIC_FOUNDRY_RESOURCE\": \"second\"}}");

        Assert.AreEqual("second", (await machine.ExplainAsync()).Terminal("ANTHROPIC_FOUNDRY_RESOURCE").Value);
    }
}
