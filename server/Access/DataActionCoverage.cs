namespace FoundryIde.Server.Access;

/// <summary>
/// Whether a set of RBAC permissions covers calling Claude on a Foundry resource. ARM returns the caller's
/// effective permissions as wildcard patterns; the data action is <see cref="Required"/>, the one Azure names when it
/// refuses Claude's Messages ("The principal lacks the required data action
/// Microsoft.CognitiveServices/accounts/AIServices/providers/action to perform POST /anthropic/v1/* operation").
/// Built-in Azure AI User and Cognitive Services User grant `Microsoft.CognitiveServices/*`, which covers it; Cognitive
/// Services OpenAI User (`.../accounts/OpenAI/*`) does not, nor does `.../accounts/providers/*`, the custom role
/// Claude Code's guide suggests. Deny assignments and conditions are not visible here.
/// </summary>
public static class DataActionCoverage
{
    public const string Required = "Microsoft.CognitiveServices/accounts/AIServices/providers/action";

    public enum Verdict
    {
        Covered,
        PartlyDenied,
        Missing,
    }

    public static (Verdict Verdict, string? Denier) Evaluate(IEnumerable<string> dataActions, IEnumerable<string> notDataActions)
    {
        if (!dataActions.Any(a => Covers(a, Required))) return (Verdict.Missing, null);
        foreach (var denied in notDataActions)
        {
            if (Covers(denied, Required) || Overlaps(denied, Required)) return (Verdict.PartlyDenied, denied);
        }

        return (Verdict.Covered, null);
    }

    /// <summary>Whether every action that <paramref name="wanted"/> matches is matched by <paramref name="pattern"/>.</summary>
    public static bool Covers(string pattern, string wanted)
    {
        if (pattern == "*") return true;
        if (!pattern.EndsWith('*')) return string.Equals(pattern, wanted, StringComparison.OrdinalIgnoreCase);
        return Prefix(wanted).StartsWith(Prefix(pattern), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether some action matches both (the denied pattern takes away part of what is wanted).</summary>
    private static bool Overlaps(string pattern, string wanted) =>
        Prefix(pattern).StartsWith(Prefix(wanted), StringComparison.OrdinalIgnoreCase);

    private static string Prefix(string pattern) => pattern.EndsWith('*') ? pattern[..^1] : pattern;
}
