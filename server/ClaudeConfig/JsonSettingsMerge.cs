using System.Text.Json;
using System.Text.Json.Nodes;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Puts the variables into a JSON settings document, keeping every other key and their order: the `env` block of a
/// Claude Code settings file, the Claude Code extension's `claudeCode.environmentVariables` list, or a flat object.
/// Managed variables that are no longer wanted (say the key after switching to Entra ID) are removed. A file with CRLF
/// line endings keeps them (its byte-order mark is kept by <see cref="SafeFileWriter"/>).
/// </summary>
public static class JsonSettingsMerge
{
    public const string VsCodeSetting = "claudeCode.environmentVariables";

    /// <param name="picker">For a Claude Code settings file: FoundryIde's <c>modelPicker</c> rows (see <see cref="Models.ModelPicker"/>).</param>
    public static string Merge(string path, string? existing, string format, IReadOnlyList<EnvVariable> variables, IReadOnlyList<ModelPickerRow>? picker = null)
    {
        var root = string.IsNullOrWhiteSpace(existing) ? new JsonObject() : Parse(path, existing);
        Apply(root, format, variables);
        if (format == EnvFormat.ClaudeSettings && picker is not null)
        {
            SetPicker(root, picker);
            RemoveOldOverrides(root);
        }

        var text = (root.ToJsonString(EnvFormat.JsonOptions) + "\n").Replace("\r\n", "\n", StringComparison.Ordinal);
        // The file's line endings survive (a JSON string cannot hold a raw line break, so every one is the layout's).
        if (string.IsNullOrWhiteSpace(existing)) return EnvFormat.ForNewFile(format, text, OperatingSystem.IsWindows());
        return existing.Contains("\r\n", StringComparison.Ordinal) ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    public static JsonObject Apply(JsonObject root, string format, IReadOnlyList<EnvVariable> variables)
    {
        switch (format)
        {
            case EnvFormat.ClaudeSettings:
                SetObject(Child(root, "env"), variables);
                break;
            case EnvFormat.Json:
                SetObject(root, variables);
                break;
            case EnvFormat.VsCode:
                SetList(root, variables);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a JSON format");
        }

        return root;
    }

    private static JsonObject Parse(string path, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException strict)
        {
            var hasComments = false;
            try
            {
                JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                hasComments = true;
            }
            catch (JsonException)
            {
                // Not JSON with comments either: report the strict error below.
            }

            throw new FoundryException(FoundryErrorCode.FileConflict, hasComments
                ? $"{path} has comments or trailing commas, which rewriting it would lose; it was left untouched. " +
                  "Remove them, or (for VS Code settings) let the FoundryIde extension edit it through VS Code."
                : $"{path} is not valid JSON (line {strict.LineNumber + 1}, column {strict.BytePositionInLine + 1}): {FirstSentence(strict.Message)} It was left untouched; fix it and run again.");
        }

        return node as JsonObject ?? throw new FoundryException(FoundryErrorCode.FileConflict,
            $"{path} holds JSON that is not an object ({node?.GetValueKind().ToString() ?? "null"}); it was left untouched.");
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing) return existing;
        if (parent[name] is not null)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict, $"\"{name}\" in that file is not an object; it was left untouched.");
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private static void SetObject(JsonObject target, IReadOnlyList<EnvVariable> variables)
    {
        foreach (var stale in FoundryVariables.Managed.Where(m => variables.All(v => v.Name != m)).ToArray())
        {
            target.Remove(stale);
        }

        foreach (var v in variables)
        {
            if (target[v.Name] is JsonValue current && current.GetValueKind() == JsonValueKind.String && current.GetValue<string>() == v.Value) continue;
            target[v.Name] = v.Value;
        }
    }

    /// <summary>FoundryIde's rows replaced by <paramref name="rows"/>, after the user's; the setting's other keys stay.</summary>
    internal static void SetPicker(JsonObject root, IReadOnlyList<ModelPickerRow> rows)
    {
        if (rows.Count == 0 && root[Models.ModelPicker.Setting] is null) return;
        var picker = Child(root, Models.ModelPicker.Setting);
        if (picker[Models.ModelPicker.OptionsKey] is not (null or JsonArray))
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"\"{Models.ModelPicker.Setting}.{Models.ModelPicker.OptionsKey}\" in that file is not a list; it was left untouched.");
        }

        var options = picker[Models.ModelPicker.OptionsKey] as JsonArray ?? [];
        var kept = options.Where(o => !Models.ModelPicker.IsManaged(o)).Select(o => o?.DeepClone()).ToList();
        var wanted = new JsonArray([.. kept, .. rows.Select(Row)]);
        if (!JsonNode.DeepEquals(options, wanted)) picker[Models.ModelPicker.OptionsKey] = wanted;
        if (rows.Count > 0 && picker[Models.ModelPicker.ReplaceBuiltInKey] is null)
        {
            picker[Models.ModelPicker.ReplaceBuiltInKey] = true; // the user's own value, true or false, stays
        }
        else if (wanted.Count == 0 && picker[Models.ModelPicker.ReplaceBuiltInKey] is JsonValue replace && replace.GetValueKind() == JsonValueKind.True)
        {
            picker.Remove(Models.ModelPicker.ReplaceBuiltInKey); // with no row left it would leave /model only "Default"
        }

        if (wanted.Count == 0 && picker.Count == 1) root.Remove(Models.ModelPicker.Setting);
    }

    private static JsonObject Row(ModelPickerRow row)
    {
        var o = new JsonObject { ["model"] = row.Model, ["label"] = row.Label, ["description"] = row.Description };
        if (row.BehavesAs is not null) o["behavesAs"] = row.BehavesAs;
        return o;
    }

    /// <summary>The <c>modelOverrides</c> entries earlier versions wrote (the table's Anthropic ids) go; other entries stay.</summary>
    private static void RemoveOldOverrides(JsonObject root)
    {
        if (root[Models.ModelPicker.OldOverridesSetting] is not JsonObject map) return;
        foreach (var old in map.Select(p => p.Key).Where(Models.ModelPicker.OldOverrideKeys.Contains).ToArray()) map.Remove(old);
        if (map.Count == 0) root.Remove(Models.ModelPicker.OldOverridesSetting);
    }

    private static void SetList(JsonObject root, IReadOnlyList<EnvVariable> variables)
    {
        if (root[VsCodeSetting] is not (null or JsonArray))
        {
            throw new FoundryException(FoundryErrorCode.FileConflict, $"\"{VsCodeSetting}\" in that file is not a list; it was left untouched.");
        }

        var list = root[VsCodeSetting] as JsonArray ?? [];
        root[VsCodeSetting] = list;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var name = (list[i] as JsonObject)?["name"]?.GetValue<string>();
            if (name is not null && FoundryVariables.Managed.Contains(name) && variables.All(v => v.Name != name)) list.RemoveAt(i);
        }

        foreach (var v in variables)
        {
            var entry = list.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.GetValue<string>() == v.Name);
            if (entry is null) list.Add((JsonNode)new JsonObject { ["name"] = v.Name, ["value"] = v.Value });
            else if (entry["value"]?.GetValue<string>() != v.Value) entry["value"] = v.Value;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
