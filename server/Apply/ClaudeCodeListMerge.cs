using System.Text.Json;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Apply;

/// <summary>
/// The Foundry variables merged into the Claude Code extension's <c>claudeCode.environmentVariables</c> (a list of
/// {name, value}), whatever the editor read there: everyone else's entries are kept, in order; every managed name is
/// replaced by the current value or removed; a secret is never put there (VS Code settings are plain files).
/// </summary>
public static class ClaudeCodeListMerge
{
    /// <summary>More entries than anyone sets by hand: such a list is left alone (a warning says so).</summary>
    public const int MaxEntries = 1000;

    /// <summary>A name or value longer than this is not an environment variable anyone means: dropped.</summary>
    public const int MaxLength = 32 * 1024;

    /// <returns>The new list, or null when the current value cannot be merged (then it is not to be written).</returns>
    public static IReadOnlyList<NameValue>? Merge(
        JsonElement? existing, IReadOnlyList<EnvVariable> variables, IReadOnlyList<string> managed, ICollection<string> warnings)
    {
        var ours = variables.Where(v => !v.Secret).Select(v => new NameValue(v.Name, v.Value)).ToArray();
        var replaced = new HashSet<string>(managed, StringComparer.Ordinal);
        replaced.UnionWith(ours.Select(v => v.Name));
        var kept = new List<NameValue>();
        if (existing is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                warnings.Add($"claudeCode.environmentVariables is {Describe(value.ValueKind)}, not a list of {{name, value}}: it is replaced by the Foundry variables.");
            }
            else if (value.GetArrayLength() > MaxEntries)
            {
                warnings.Add($"claudeCode.environmentVariables has {value.GetArrayLength()} entries (more than {MaxEntries}): it was left as it is. Clean it up, then run \"Foundry: Configure Claude Code\" again.");
                return null;
            }
            else
            {
                var dropped = 0;
                foreach (var entry in value.EnumerateArray())
                {
                    if (Entry(entry) is not { } e)
                    {
                        dropped++;
                        continue;
                    }

                    if (!replaced.Contains(e.Name)) kept.Add(e);
                }

                if (dropped > 0)
                {
                    warnings.Add($"claudeCode.environmentVariables had {dropped} entr{(dropped == 1 ? "y" : "ies")} that {(dropped == 1 ? "is" : "are")} not {{name, value}} with string values: removed.");
                }
            }
        }

        return [.. kept, .. ours];
    }

    private static NameValue? Entry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var n = name.GetString()!;
        var v = value.GetString()!;
        return n.Length is 0 or > MaxLength || v.Length > MaxLength ? null : new NameValue(n, v);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };
}
