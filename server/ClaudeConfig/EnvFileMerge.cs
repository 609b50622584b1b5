using System.Text.RegularExpressions;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Puts the variables into an existing dotenv / sh / fish / pwsh file line by line: a managed variable's line is
/// replaced where it stands, managed variables no longer wanted are removed, new ones are appended under one
/// comment; every other line (comments, other variables, blank lines) and the line endings stay as they were.
/// </summary>
public static partial class EnvFileMerge
{
    public const string Header = "# Claude Code on Microsoft Foundry (written by foundry-ide; it edits only these variables)";

    public static string Merge(string? existing, string format, IReadOnlyList<EnvVariable> variables)
    {
        if (string.IsNullOrEmpty(existing)) return EnvFormat.ForNewFile(format, EnvFormat.Render(format, variables), OperatingSystem.IsWindows());

        var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = existing.Split(newline).ToList();
        var trailing = lines.Count > 0 && lines[^1].Length == 0;
        if (trailing) lines.RemoveAt(lines.Count - 1);

        var written = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(lines.Count + variables.Count + 2);
        foreach (var line in lines)
        {
            var name = AssignedName(line);
            if (name is null || !FoundryVariables.Managed.Contains(name))
            {
                result.Add(line);
                continue;
            }

            var wanted = variables.FirstOrDefault(v => v.Name == name);
            if (wanted is not null && written.Add(name)) result.Add(EnvFormat.Line(format, name, wanted.Value));
        }

        var missing = variables.Where(v => !written.Contains(v.Name)).ToArray();
        if (missing.Length > 0)
        {
            if (written.Count == 0)
            {
                if (result.Count > 0 && result[^1].Length > 0) result.Add("");
                result.Add(Header);
            }

            result.AddRange(missing.Select(v => EnvFormat.Line(format, v.Name, v.Value)));
        }

        return string.Join(newline, result) + newline;
    }

    /// <summary>The variable a line assigns, in any of the four syntaxes, or null.</summary>
    public static string? AssignedName(string line)
    {
        var match = Assignment().Match(line);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"^\s*(?:(?:export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=|set\s+(?:-[A-Za-z]+\s+)*(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s|$)|\$env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=)")]
    private static partial Regex Assignment();
}
