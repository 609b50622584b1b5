using System.Text.Json;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>What one settings file contributes.</summary>
/// <param name="Variables">The `env` block (Claude Code's files) or the claudeCode.environmentVariables list (VS Code's);
/// null when the file is missing or unusable, or (VS Code) has no such list. Later duplicates win, as in JavaScript.</param>
/// <param name="Unusable">The file exists but could not be read or parsed: nothing in it applies.</param>
/// <param name="Line">Where the JSON breaks (1-based), when it does.</param>
public sealed record SettingsFileContent(
    SettingsFileLocation Location,
    SettingsFileStatus Status,
    IReadOnlyDictionary<string, string>? Variables,
    bool Unusable = false,
    long? Line = null,
    long? Column = null);

/// <summary>
/// Reads one settings file without ever throwing: Claude Code's files as strict JSON (as Claude Code parses them),
/// VS Code's as JSONC (comments and trailing commas allowed). Problems land in <see cref="SettingsFileStatus.Error"/>,
/// including a file that is not a regular file, is too large or is not UTF-8 (<see cref="BoundedTextFile"/>).
/// </summary>
public static class SettingsFileParser
{
    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 64 };

    private static readonly JsonDocumentOptions Jsonc = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static bool IsVsCode(SettingsFileLocation location) =>
        location.Source is ConfigSources.VsCodeUser or ConfigSources.VsCodeWorkspace;

    public static async Task<SettingsFileContent> ReadAsync(SettingsFileLocation location, CancellationToken cancellationToken)
    {
        var read = await BoundedTextFile.ReadAsync(location.Path, cancellationToken);
        if (read.Missing) return new(location, new(location.Source, location.Path, false, null), null);
        if (read.Problem is { } problem) return Unusable(location, problem);
        var text = read.Content!.Text;
        if (string.IsNullOrWhiteSpace(text)) return new(location, new(location.Source, location.Path, true, null), null);
        var vsCode = IsVsCode(location);
        try
        {
            using var document = JsonDocument.Parse(text, vsCode ? Jsonc : StrictJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Unusable(location, $"is a JSON {Kind(document.RootElement)}, not an object: nothing in it applies.");
            }

            var problems = new List<string>();
            var variables = vsCode
                ? ReadVsCodeList(document.RootElement, problems)
                : ReadEnvBlock(document.RootElement, problems);
            var error = problems.Count == 0 ? null : string.Join(" ", problems);
            return new(location, new(location.Source, location.Path, true, error), variables);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var strictness = vsCode ? "" : " (Claude Code reads it as strict JSON: no comments, no trailing commas)";
            return Unusable(location, $"is not valid JSON{strictness} at line {line}, column {column}: {Reason(e)}", line, column);
        }
    }

    /// <summary>Claude Code copies `env` into process.env, which turns numbers and booleans into their text.</summary>
    private static Dictionary<string, string>? ReadEnvBlock(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("env", out var env)) return null;
        if (env.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"`env` is a JSON {Kind(env)}, not an object: ignored.");
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in env.EnumerateObject())
        {
            if (Scalar(property.Value) is { } value) variables[property.Name] = value;
            else problems.Add($"`env.{property.Name}` is a JSON {Kind(property.Value)}, not a string: ignored.");
        }

        return variables;
    }

    /// <summary>The VS Code extension's setting: a list of {"name": "...", "value": "..."}.</summary>
    private static Dictionary<string, string>? ReadVsCodeList(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty(SettingsSourcePaths.VsCodeEnvironmentKey, out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"`{SettingsSourcePaths.VsCodeEnvironmentKey}` is a JSON {Kind(list)}, not a list of {{name, value}}: ignored.");
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } key
                && entry.TryGetProperty("value", out var value) && Scalar(value) is { } text)
            {
                variables[key] = text;
            }
            else
            {
                problems.Add($"`{SettingsSourcePaths.VsCodeEnvironmentKey}[{index}]` is not a {{\"name\": string, \"value\": string}}: ignored.");
            }

            index++;
        }

        return variables;
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };

    /// <summary>The reader's reason without its position suffix (we give line and column ourselves).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " LineNumber:", " Path:", " Change the reader options." })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }

        return message.Trim().TrimEnd('|').Trim();
    }

    private static SettingsFileContent Unusable(SettingsFileLocation location, string error, long? line = null, long? column = null) =>
        new(location, new(location.Source, location.Path, true, error), null, Unusable: true, Line: line, Column: column);
}
