using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// Claude Code's rules, as a pure function of what was found. Precedence: ANTHROPIC_FOUNDRY_AUTH_TOKEN, then
/// ANTHROPIC_FOUNDRY_API_KEY, then the Azure chain, where the first link that returns a token wins and a link that
/// fails outright (not merely "unavailable") ends the chain with its error.
/// </summary>
public static class DoctorVerdict
{
    public const string ApiKey = "ApiKey";
    public const string AuthToken = "AuthToken";

    public const string SeedError =
        "Failed to get token from azureADTokenProvider: ChainedTokenCredential authentication failed";

    public static DoctorReport Decide(bool apiKeySet, string? authToken, ChainPlan plan, IReadOnlyList<LinkOutcome> outcomes)
    {
        var links = outcomes.Select(o => o.ToReport()).ToArray();
        var problems = new List<string>();
        if (plan.BlockingProblem is not null)
        {
            problems.Add(plan.BlockingProblem);
        }

        if (authToken is not null)
        {
            var identity = TokenClaims.Identity(authToken);
            return new DoctorReport(new(apiKeySet), new(true), links, AuthToken, identity,
                "Claude Code will send ANTHROPIC_FOUNDRY_AUTH_TOKEN as a bearer token" + As(identity) +
                ". It does not ask Entra ID for tokens while that variable is set, and the token will not be refreshed when it expires." +
                (apiKeySet ? " ANTHROPIC_FOUNDRY_API_KEY is set too and is ignored." : ""),
                problems);
        }

        if (apiKeySet)
        {
            return new DoctorReport(new(true), new(false), links, ApiKey, null,
                "Claude Code will send ANTHROPIC_FOUNDRY_API_KEY (as the x-api-key header). It does not use Entra ID " +
                "while that variable is set.", problems);
        }

        if (plan.BlockingProblem is not null)
        {
            return new DoctorReport(new(false), new(false), links, null, null,
                "Claude Code cannot authenticate: " + plan.BlockingProblem, problems);
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Status == LinkStatus.Ok)
            {
                var later = outcomes.SkipWhile(o => o != outcome).Skip(1).Where(o => o.Status == LinkStatus.Ok)
                    .Select(o => o.Name).ToArray();
                var shadow = later.Length == 0 ? "" :
                    $" It comes first in Claude Code's chain, so {string.Join(" and ", later)} will not be used.";
                return new DoctorReport(new(false), new(false), links, outcome.Name, outcome.Identity,
                    $"Claude Code will authenticate with {outcome.Name}{As(outcome.Identity)}.{shadow}", problems);
            }

            if (outcome.Status == LinkStatus.Failed)
            {
                problems.Add($"{outcome.Name} failed, and a failed link ends Claude Code's chain: {outcome.Detail}");
                return new DoctorReport(new(false), new(false), links, null, null,
                    $"Claude Code cannot authenticate: its chain stops at {outcome.Name}, which failed " +
                    $"({outcome.Detail}). Fix: {outcome.Fix}", problems);
            }
        }

        return new DoctorReport(new(false), new(false), links, null, null, NothingWorks(outcomes.Count), problems);
    }

    private static string As(IdentityInfo? identity) => identity is null ? "" :
        $" as {identity.Name ?? identity.ObjectId ?? "an unnamed identity"}" +
        (identity.TenantId is null ? "" : $" (tenant {identity.TenantId}" +
            (identity.ObjectId is null ? ")" : $", object id {identity.ObjectId})"));

    private static string NothingWorks(int tried) =>
        $"Claude Code cannot authenticate. It would print \"{SeedError}\", which means: no API key is set " +
        $"(ANTHROPIC_FOUNDRY_API_KEY), so it asked Entra ID for a token in each of the {tried} ways listed, " +
        "and none of them works on this machine. Fix one of them (on a workstation the quickest is `az login`), " +
        "or set ANTHROPIC_FOUNDRY_API_KEY to a key of your Foundry resource.";
}
