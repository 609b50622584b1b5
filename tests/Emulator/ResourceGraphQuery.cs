using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FoundryIde.Emulator;

/// <summary>
/// The tiny subset of KQL the Resource Graph emulation understands (no KQL engine):
/// <c>[Resources] | where C [and C]... | project F[, F]... | order by F [asc|desc] | limit N</c>, in any order, where a
/// condition C is <c>path OP value</c> with OP one of <c>=~ == != !~ in in~ !in !in~ contains startswith endswith has</c>
/// and value a quoted string, a bare literal (true, 12) or a parenthesised list. A query must filter
/// <c>type =~ 'microsoft.cognitiveservices/accounts'</c> (or ==, in, in~ with that value); anything else is rejected.
/// As in Azure, <c>type</c> is lower case and <c>==</c> is case-sensitive.
/// </summary>
internal sealed partial class ResourceGraphQuery
{
    public const string AccountsType = "microsoft.cognitiveservices/accounts";

    private readonly List<Func<List<JsonObject>, List<JsonObject>>> _steps = [];

    private ResourceGraphQuery()
    {
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns null and the reason.</summary>
    public static ResourceGraphQuery? Parse(string text, out string? error)
    {
        var query = new ResourceGraphQuery();
        var literals = new List<string>();
        var masked = QuotedRegex().Replace(text, m =>
        {
            literals.Add(m.Value[1..^1]);
            return $"\u0001{literals.Count - 1}\u0002";
        });
        string Unmask(string s) => LiteralRegex().Replace(s, m => literals[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);

        var targetsAccounts = false;
        var segments = masked.Split('|').Select(s => s.Trim()).ToList();
        if (segments.Count > 0 && segments[0].Equals("resources", StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(0);
        }

        foreach (var segment in segments)
        {
            var clause = ClauseRegex().Match(segment);
            if (!clause.Success)
            {
                error = $"unsupported query operator in '{Unmask(segment)}' (the emulator knows where, project, order by/sort by, limit/take)";
                return null;
            }

            var keyword = string.Join(' ', clause.Groups["k"].Value.ToLowerInvariant().Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
            var rest = clause.Groups["rest"].Value.Trim();
            switch (keyword)
            {
                case "where":
                    foreach (var part in AndRegex().Split(rest))
                    {
                        var c = ConditionRegex().Match(part.Trim());
                        if (!c.Success)
                        {
                            error = $"unsupported condition '{Unmask(part.Trim())}' (the emulator knows 'path OP value' joined by 'and')";
                            return null;
                        }

                        var path = c.Groups["f"].Value;
                        var op = c.Groups["op"].Value.ToLowerInvariant();
                        var values = ParseValues(c.Groups["v"].Value, Unmask);
                        if (path.Equals("type", StringComparison.OrdinalIgnoreCase))
                        {
                            if (op is not ("=~" or "==" or "in" or "in~")
                                || !values.All(v => v.Equals(AccountsType, StringComparison.OrdinalIgnoreCase)))
                            {
                                error = $"the emulator answers only queries filtering type =~ '{AccountsType}'";
                                return null;
                            }

                            targetsAccounts = true;
                        }

                        query._steps.Add(rows => [.. rows.Where(r => Test(Resolve(r, path), op, values))]);
                    }

                    break;
                case "project":
                    var columns = rest.Split(',').Select(c => c.Trim()).ToList();
                    if (columns.Any(c => !ProjectRegex().IsMatch(c)))
                    {
                        error = $"unsupported projection '{Unmask(rest)}' (the emulator knows 'name' and 'alias = path')";
                        return null;
                    }

                    query._steps.Add(rows => [.. rows.Select(r => Project(r, columns))]);
                    break;
                case "order by" or "sort by":
                    var order = OrderRegex().Match(rest);
                    if (!order.Success)
                    {
                        error = $"unsupported ordering '{Unmask(rest)}'";
                        return null;
                    }

                    var key = order.Groups["f"].Value;
                    var ascending = order.Groups["d"].Value.Equals("asc", StringComparison.OrdinalIgnoreCase);
                    query._steps.Add(rows => ascending
                        ? [.. rows.OrderBy(r => Text(Resolve(r, key)), StringComparer.Ordinal)]
                        : [.. rows.OrderByDescending(r => Text(Resolve(r, key)), StringComparer.Ordinal)]);
                    break;
                default:
                    if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
                    {
                        error = $"'{keyword}' needs a number";
                        return null;
                    }

                    query._steps.Add(rows => [.. rows.Take(limit)]);
                    break;
            }
        }

        if (!targetsAccounts)
        {
            error = $"the emulator answers only queries filtering type =~ '{AccountsType}'";
            return null;
        }

        error = null;
        return query;
    }

    /// <summary>Runs the pipeline over the rows (already sorted by id).</summary>
    public List<JsonObject> Apply(List<JsonObject> rows)
    {
        foreach (var step in _steps)
        {
            rows = step(rows);
        }

        return rows;
    }

    private static List<string> ParseValues(string raw, Func<string, string> unmask)
    {
        raw = raw.Trim();
        if (raw.StartsWith('(') && raw.EndsWith(')'))
        {
            return [.. raw[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(unmask)];
        }

        return [unmask(raw)];
    }

    private static JsonNode? Resolve(JsonObject row, string path)
    {
        JsonNode? node = row;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o.FirstOrDefault(kv => kv.Key.Equals(part, StringComparison.OrdinalIgnoreCase)).Value : null;
        }

        return node;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static bool Test(JsonNode? node, string op, List<string> values)
    {
        var text = Text(node);
        bool Eq(StringComparison c) => values.Any(v => text.Equals(v, c));
        return op switch
        {
            "==" or "in" => Eq(StringComparison.Ordinal),
            "=~" or "in~" => Eq(StringComparison.OrdinalIgnoreCase),
            "!=" or "!in" => !Eq(StringComparison.Ordinal),
            "!~" or "!in~" => !Eq(StringComparison.OrdinalIgnoreCase),
            "contains" or "has" => values.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)),
            "startswith" => values.Any(v => text.StartsWith(v, StringComparison.OrdinalIgnoreCase)),
            _ => values.Any(v => text.EndsWith(v, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static JsonObject Project(JsonObject row, List<string> columns)
    {
        var result = new JsonObject();
        foreach (var column in columns)
        {
            var eq = column.IndexOf('=', StringComparison.Ordinal);
            var (name, path) = eq < 0 ? (column.Replace('.', '_'), column) : (column[..eq].Trim(), column[(eq + 1)..].Trim());
            result[name] = Resolve(row, path)?.DeepClone();
        }

        return result;
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex LiteralRegex();

    [GeneratedRegex(@"^(?<k>where|project|order\s+by|sort\s+by|limit|take)\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndRegex();

    [GeneratedRegex(
        @"^(?<f>[A-Za-z_][\w.]*)\s*(?<op>=~|==|!=|!~|!in~|!in\b|in~|in\b|contains\b|startswith\b|endswith\b|has\b)\s*(?<v>\u0001\d+\u0002|\([^)]*\)|[\w.\-]+)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex ConditionRegex();

    [GeneratedRegex(@"^([A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*$")]
    private static partial Regex ProjectRegex();

    [GeneratedRegex(@"^(?<f>[A-Za-z_][\w.]*)(\s+(?<d>asc|desc))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderRegex();
}
