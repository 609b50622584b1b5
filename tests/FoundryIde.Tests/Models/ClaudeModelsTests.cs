using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Models;
using FoundryIde.Server.Rpc;
using static FoundryIde.Tests.ClaudeConfig.EnvTestData;

namespace FoundryIde.Tests.Models;

[TestClass]
public sealed class ClaudeModelsTests
{
    private static readonly string[] Families = ["fable", "opus", "sonnet", "haiku"];

    [TestMethod]
    public void All_PinnedClaudeCodeRegistry_TwentyOneFoundryModelsByFamilyNewestFirst()
    {
        Assert.HasCount(21, ClaudeModels.All);
        CollectionAssert.AreEqual(Families, ClaudeModels.FamilyOrder.ToArray());
        CollectionAssert.AreEqual(ClaudeModels.All.OrderBy(m => ClaudeModels.FamilyRank(m.Family)).ToArray(), ClaudeModels.All.ToArray(), "families in order");
        foreach (var family in ClaudeModels.FamilyOrder)
        {
            var generations = ClaudeModels.All.Where(m => m.Family == family).Select(m => m.Generation[0] * 100 + m.Generation[1]).ToArray();
            CollectionAssert.AreEqual(generations.OrderDescending().ToArray(), generations, $"{family} newest first");
            Assert.AreEqual(generations.Length, generations.Distinct().Count(), $"{family}: one model per generation");
        }

        Assert.IsTrue(ClaudeModels.All.All(m => m.Capabilities.All(ClaudeCapability.All.Contains)), "only words Claude Code reads");
        Assert.AreEqual(ClaudeModels.All.Count, ClaudeModels.All.Select(m => m.FoundryModel).Distinct().Count());
    }

    [TestMethod]
    public void DeployParamsModels_AllowedValues_TheTablesFamiliesInOrder()
    {
        // The editor's family picker is generated from this list (rpc.generated.ts deployFamilies).
        var allowed = typeof(DeployParams).GetProperty(nameof(DeployParams.Models))!
            .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.AllowedValuesAttribute), true)
            .Cast<System.ComponentModel.DataAnnotations.AllowedValuesAttribute>().Single().Values;
        CollectionAssert.AreEqual(ClaudeModels.FamilyOrder.ToArray(), allowed);
    }

    [TestMethod]
    [DataRow("claude-fable-5-2", "fable")]
    [DataRow("claude-opus-4", "opus")]
    [DataRow("claude-3-7-sonnet", "sonnet")]
    [DataRow("claude-haiku-5-5", "haiku")]
    [DataRow("claude-fable-6", "fable")]
    [DataRow("claude-nova-1", "other")]
    [DataRow(null, "other")]
    public void Of_ModelName_FamilyFromTheTableElseTheName(string? model, string family) =>
        Assert.AreEqual(family, DeploymentFamily.Of(model));

    [TestMethod]
    public void Find_DatedOrAnthropicId_TheSameModel()
    {
        Assert.AreEqual("claude-sonnet-4-5", ClaudeModels.Find("claude-sonnet-4-5-20250929")?.Id);
        Assert.AreEqual("claude-opus-4-0", ClaudeModels.Find("claude-opus-4-20250514")?.Id);
        Assert.AreEqual("claude-opus-4-0", ClaudeModels.Find("claude-opus-4")?.Id);
        Assert.IsNull(ClaudeModels.Find("claude-nova-1"));
    }

    [TestMethod]
    public void Choose_VersionsSayWhereNotWhen_TheNewestGenerationWins()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("quill", "claude-fable-5-1", "2"),
            Deployment("ink", "claude-fable-5-2", "1"),
            Deployment("big-opus", "claude-opus-4-1", "20250805"),
            Deployment("Opus55", "claude-opus-5-5", "1"),
            Deployment("opus4", "claude-opus-4", "20250514"));

        var (choices, _) = DeploymentChoice.Choose(resource, null, null, null);

        Assert.AreEqual("ink", choices.Single(c => c.Family == "fable").Deployment?.Name, "5.2 beats 5.1 though \"2\" > \"1\"");
        Assert.AreEqual("Opus55", choices.Single(c => c.Family == "opus").Deployment?.Name, "5.5 beats 4.1 though \"20250805\" > \"1\"");
        CollectionAssert.AreEqual(Families, choices.Select(c => c.Family).ToArray());
    }

    [TestMethod]
    public void Choose_SameGeneration_MoreCapacityWinsThenName()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("a-small", "claude-sonnet-5-5", "2") with { Capacity = 20 },
            Deployment("b-big", "claude-sonnet-5-5", "1") with { Capacity = 200 },
            Deployment("c-big", "claude-sonnet-5-5", "1") with { Capacity = 200 });

        var (choices, _) = DeploymentChoice.Choose(resource, null, null, null);

        Assert.AreEqual("b-big", choices.Single(c => c.Family == "sonnet").Deployment?.Name);
    }

    [TestMethod]
    public void Build_FableAndUnknownModel_NameDescriptionAndCapabilitiesOnlyWhenKnown()
    {
        var fable = new FamilyChoice("fable", Deployment("ink", "claude-fable-5-2", "1"), false);
        var haiku = new FamilyChoice("haiku", Deployment("nova", "claude-haiku-9", "1"), true);

        var variables = FoundryVariables.Build(Resource("https://res.services.ai.azure.com/"), [fable, haiku], null).ToDictionary(v => v.Name, v => v.Value);

        Assert.AreEqual("ink", variables["ANTHROPIC_DEFAULT_FABLE_MODEL"]);
        Assert.AreEqual("Fable 5.2 · ink", variables["ANTHROPIC_DEFAULT_FABLE_MODEL_NAME"]);
        Assert.AreEqual("claude-fable-5-2 (1) on Foundry resource res (eastus)", variables["ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION"]);
        Assert.AreEqual("effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking", variables["ANTHROPIC_DEFAULT_FABLE_MODEL_SUPPORTED_CAPABILITIES"]);
        Assert.AreEqual("Haiku · nova", variables["ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME"]);
        Assert.IsFalse(variables.ContainsKey("ANTHROPIC_DEFAULT_HAIKU_MODEL_SUPPORTED_CAPABILITIES"), "a model the table lacks: Claude Code decides");
        Assert.IsTrue(variables.Keys.All(FoundryVariables.Managed.Contains));
    }

    [TestMethod]
    public void Build_HostileLocationAndModel_NotWrittenIntoTheDescription()
    {
        var choice = new FamilyChoice("opus", Deployment("o", "claude-opus-x'$(id)", "1'"), false);
        var resource = Resource("https://res.services.ai.azure.com/") with { Location = "east us; rm" };

        var description = FoundryVariables.Build(resource, [choice], null).Single(v => v.Name == "ANTHROPIC_DEFAULT_OPUS_MODEL_DESCRIPTION").Value;

        Assert.AreEqual("an unknown Claude model on Foundry resource res", description);
    }
}

[TestClass]
public sealed class ModelPickerTests
{
    [TestMethod]
    public void For_EveryHealthyDeploymentTheFamilysOwnToo_ARowEachNewestModelFirst()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("small-opus", "claude-opus-4-1", "20250805"),
            Deployment("big-opus", "claude-opus-4-1", "20250805") with { Capacity = 300 },
            Deployment("ink", "claude-fable-5-2", "1"),
            Deployment("quill", "claude-fable-5-1", "2"),
            Deployment("broken", "claude-sonnet-4-5", "1", "Failed"),
            Deployment("mystery", "claude-nova-1", "1") with { Family = "other" });

        var rows = ModelPicker.For(resource);

        // ink is the Fable family's deployment: its row only tells Claude Code which model the name serves.
        Assert.AreEqual("ink quill big-opus small-opus mystery", string.Join(' ', rows.Select(r => r.Model)));
        Assert.AreEqual(new ModelPickerRow("ink", "Fable 5.2 · ink", "claude-fable-5-2 (1) on Foundry resource res (eastus)", "claude-fable-5-2"), rows[0]);
        Assert.AreEqual(new ModelPickerRow("big-opus", "Opus 4.1 · big-opus", "claude-opus-4-1 (20250805) on Foundry resource res (eastus)", "claude-opus-4-1"), rows[2]);
        Assert.AreEqual(new ModelPickerRow("mystery", "claude-nova-1 · mystery", "claude-nova-1 (1) on Foundry resource res (eastus)", null), rows[4]);
    }

    [TestMethod]
    public void UnknownFromVariablesAlone_200kModelsUnderCustomNames_NamedWithTheirWindowOthersNot()
    {
        var quick = Deployment("quick", "claude-haiku-4-5", "20251001");
        var main = Deployment("sonnet-main", "claude-sonnet-5-5", "1");
        var byId = Deployment("claude-opus-4-1", "claude-opus-4-1", "20250805");
        FamilyChoice[] choices = [new("opus", byId, false), new("sonnet", main, false), new("haiku", quick, true)];

        var warning = ModelPicker.UnknownFromVariablesAlone(choices, "FIX");

        Assert.AreEqual("From the variables alone Claude Code does not know which model quick (Haiku 4.5, 200k) serves: it says it \"doesn't recognize the model\" " +
            "and assumes a 1M-token context window, so it compacts the conversation too late for that model. The modelPicker rows of Claude Code's user settings tell it: FIX", warning);
        Assert.IsNull(ModelPicker.UnknownFromVariablesAlone(choices[..2], "FIX"), "Sonnet 5.5 has the 1M window Claude Code assumes; claude-opus-4-1 is a name it knows");
    }

    [TestMethod]
    public void For_DeploymentsNamedLikeClaudeCodeAliases_NoRow()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("Sonnet", "claude-sonnet-4-5", "1"), Deployment("best", "claude-opus-4-1", "1"), Deployment("side", "claude-haiku-4-5", "1"));

        Assert.AreEqual("side", string.Join(' ', ModelPicker.For(resource).Select(r => r.Model)));
        var left = ModelPicker.Left(resource, []).ToArray();
        Assert.HasCount(2, left);
        StringAssert.StartsWith(left[0], "Sonnet is not offered in /model: Claude Code reads \"Sonnet\" as its own alias. Point a family at it (--sonnet Sonnet)");
    }

    [TestMethod]
    public void For_DeploymentNamedAsAnotherModelsId_NoRowAndSaidWhy()
    {
        // Measured with Claude Code 2.1.332: --model claude-sonnet-5-5 sent Sonnet 5.5's adaptive thinking whatever behavesAs said.
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("claude-sonnet-5-5", "claude-sonnet-4-5", "20250929"), Deployment("claude-sonnet-4-5", "claude-sonnet-4-5", "20250929"));

        Assert.AreEqual("claude-sonnet-4-5", string.Join(' ', ModelPicker.For(resource).Select(r => r.Model)));
        StringAssert.Contains(Assert.ContainsSingle(ModelPicker.Left(resource, [])),
            "claude-sonnet-5-5 is not offered in /model: it is Sonnet 5.5's id in Claude Code");
    }

    [TestMethod]
    public void Render_ClaudeSettingsWithRows_PrintsTheModelPickerAsAWrittenFileHasIt()
    {
        var resource = Resource("https://x.services.ai.azure.com/", Deployment("side", "claude-haiku-4-5", "1"));
        var rows = ModelPicker.For(resource);
        EnvVariable[] variables = [new("CLAUDE_CODE_USE_FOUNDRY", "1", false)];

        var printed = EnvFormat.Render(EnvFormat.ClaudeSettings, variables, rows);

        Assert.AreEqual(JsonSettingsMerge.Merge("settings.json", "{}", EnvFormat.ClaudeSettings, variables, rows), printed);
        StringAssert.Contains(printed, "\"modelPicker\"");
    }

    [TestMethod]
    public void For_HostileNamesFromArm_NoRowForABadNameAndNoUnsafeTextInAnother()
    {
        var resource = Resource("https://x.services.ai.azure.com/",
            Deployment("bad\u0007name", "claude-opus-4-1", "1"),
            Deployment("../etc", "claude-opus-4-1", "1"),
            Deployment("odd", "claude-x'$(id)\n", "1\r") with { Family = "other" });

        var rows = ModelPicker.For(resource);

        var row = Assert.ContainsSingle(rows);
        Assert.AreEqual(new ModelPickerRow("odd", "Claude · odd", "an unknown Claude model on Foundry resource res (eastus)", null), row);
    }

    [TestMethod]
    public void Merge_UserRowsOldOverridesAndStaleRows_UserKeptOursReplacedOldOverridesRemoved()
    {
        const string existing = """
            {"modelOverrides":{"claude-opus-4-1-20250805":"old-opus","my-gateway-id":"arn:x"},
             "modelPicker":{"replaceBuiltInOptions":false,"options":[
               {"model":"old-opus","label":"Opus 4.1 · old-opus","description":"claude-opus-4-1 (1) on Foundry resource old"},
               {"model":"claude-opus-4-6","label":"mine"}]},
             "theme":"dark"}
            """;
        ModelPickerRow[] rows = [new("quill", "Fable 5.1 · quill", "claude-fable-5-1 (2) on Foundry resource x", "claude-fable-5-1")];

        var text = JsonSettingsMerge.Merge("/x/settings.json", existing, EnvFormat.ClaudeSettings, Entra, rows);
        var merged = System.Text.Json.Nodes.JsonNode.Parse(text)!;

        Assert.AreEqual("""{"my-gateway-id":"arn:x"}""", merged["modelOverrides"]!.ToJsonString());
        Assert.AreEqual(
            """{"replaceBuiltInOptions":false,"options":[{"model":"claude-opus-4-6","label":"mine"},{"model":"quill","label":"Fable 5.1 · quill","description":"claude-fable-5-1 (2) on Foundry resource x","behavesAs":"claude-fable-5-1"}]}""",
            merged["modelPicker"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.AreEqual("dark", merged["theme"]!.GetValue<string>());
        Assert.AreEqual(text, JsonSettingsMerge.Merge("/x/settings.json", text, EnvFormat.ClaudeSettings, Entra, rows), "a second write changes nothing");
    }

    [TestMethod]
    public void Merge_RowsIntoAFileWithoutThem_OnlyTheDeployedModelsInModelThenNoneLeftRemovesIt()
    {
        ModelPickerRow[] rows = [new("quill", "Fable 5.1 · quill", "claude-fable-5-1 (2) on Foundry resource x", "claude-fable-5-1")];

        var written = JsonSettingsMerge.Merge("/x/settings.json", "{}", EnvFormat.ClaudeSettings, Entra, rows);
        var emptied = JsonSettingsMerge.Merge("/x/settings.json", written, EnvFormat.ClaudeSettings, Entra, []);

        Assert.IsTrue(System.Text.Json.Nodes.JsonNode.Parse(written)!["modelPicker"]!["replaceBuiltInOptions"]!.GetValue<bool>(),
            "/model lists the resource's deployments, not Claude Code's built-in lineup of models it may not serve");
        Assert.IsFalse(System.Text.Json.Nodes.JsonNode.Parse(emptied)!.AsObject().ContainsKey("modelPicker"),
            "with no row left, replaceBuiltInOptions would leave /model only \"Default\"");
    }

    [TestMethod]
    public void Merge_NoRowsLeft_SettingsWithoutPickerOrOverrides()
    {
        const string existing = """{"modelOverrides":{"claude-fable-5-2":"ink"},"modelPicker":{"options":[{"model":"q","label":"Q","description":"c (1) on Foundry resource x"}]}}""";

        var merged = System.Text.Json.Nodes.JsonNode.Parse(JsonSettingsMerge.Merge("/x/settings.json", existing, EnvFormat.ClaudeSettings, Entra, []))!.AsObject();

        Assert.IsFalse(merged.ContainsKey("modelOverrides"));
        Assert.IsFalse(merged.ContainsKey("modelPicker"));
    }

    [TestMethod]
    public void Merge_OptionsNotAList_FileConflictAndNothingWritten()
    {
        var error = Assert.ThrowsExactly<FoundryException>(() =>
            JsonSettingsMerge.Merge("/x/settings.json", """{"modelPicker":{"options":"x"}}""", EnvFormat.ClaudeSettings, Entra, []));

        Assert.AreEqual(FoundryErrorCode.FileConflict, error.Code);
    }
}
