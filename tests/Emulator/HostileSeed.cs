namespace FoundryIde.Emulator;

/// <summary>
/// A hostile Azure: the default seed plus accounts in subscription 1 (where the service principal is Cognitive
/// Services User, so it lists them, reads their keys and calls them) whose values from ARM try to steer a key, a
/// token or a shell: custom subdomains with '/', '?', '@', ':'; "AI Foundry API" endpoints that are http, on a
/// foreign host (<see cref="ForeignHost"/>), behind user information or on another port; an account whose id is an
/// absolute URL; an account with deployment names that would run <c>touch MARKER</c> if a shell ever read them as
/// code; and a nextLink to the foreign host in the accounts list of subscription 2.
/// </summary>
public static class HostileSeed
{
    /// <summary>The foreign host; the sandbox maps it to 127.0.0.2, where the tests record every connection.</summary>
    public const string ForeignHost = "evil.example";

    public const string SlashSubdomain = "hostile-slash";
    public const string QuerySubdomain = "hostile-query";
    public const string AtSubdomain = "hostile-at";
    public const string ColonSubdomain = "hostile-colon";
    public const string HttpEndpoint = "hostile-http";
    public const string ForeignEndpoint = "hostile-foreign";
    public const string UserInfoEndpoint = "hostile-userinfo";
    public const string PortEndpoint = "hostile-port";
    public const string AbsoluteId = "hostile-absid";
    public const string HostileNames = "hostile-names";

    /// <summary>An account in a resource group whose name holds shell syntax: its id is refused, the account not listed.</summary>
    public const string ShellGroup = "hostile-group";
    public const string ShellGroupName = "rg$(id)`id`";

    /// <summary>The healthy opus deployment of <see cref="HostileNames"/>, the only name there that may be written.</summary>
    public const string GoodOpus = "opus-good";

    /// <summary>Every account whose endpoint or subdomain breaks the host rules (the id one is not listed at all).</summary>
    public static readonly IReadOnlyList<string> BadEndpointAccounts =
        [SlashSubdomain, QuerySubdomain, AtSubdomain, ColonSubdomain, HttpEndpoint, ForeignEndpoint, UserInfoEndpoint, PortEndpoint];

    /// <summary>Deployment names that run <c>touch {marker}</c> if quoting fails: newline, $(…), backticks, Unicode quotes.</summary>
    public static IReadOnlyList<string> HostileDeploymentNames(string marker) =>
    [
        $"opus\ntouch {marker}",
        $"sonnet$(touch {marker})",
        $"haiku`touch {marker}`",
        $"haiku\u2019; touch {marker}; echo \u2018",
        $"opus'; touch {marker}; '",
        $"sonnet\u2028touch {marker}",
    ];

    public static EmulatorState Create(string marker)
    {
        var state = DefaultSeed.Create();
        var f = ForeignHost;
        state.Accounts.AddRange(
        [
            Account(SlashSubdomain, $"{f}/x?"),
            Account(QuerySubdomain, $"{f}?"),
            Account(AtSubdomain, $"x@{f}"),
            Account(ColonSubdomain, $"{f}:8443"),
            Account(HttpEndpoint, HttpEndpoint, $"http://{HttpEndpoint}.services.ai.azure.com/"),
            Account(ForeignEndpoint, ForeignEndpoint, $"https://{f}/"),
            Account(UserInfoEndpoint, UserInfoEndpoint, $"https://{UserInfoEndpoint}.services.ai.azure.com@{f}/"),
            Account(PortEndpoint, PortEndpoint, $"https://{PortEndpoint}.services.ai.azure.com:8443/"),
            Account(AbsoluteId, AbsoluteId,
                reportedId: $"https://{f}/subscriptions/{DefaultSeed.SubscriptionId}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/{AbsoluteId}"),
            NamesAccount(marker),
            Grouped(Account(ShellGroup, ShellGroup)),
        ]);
        state.AccountListNextLinks[DefaultSeed.SecondSubscriptionId] =
            $"https://{f}/subscriptions/{DefaultSeed.SecondSubscriptionId}/providers/Microsoft.CognitiveServices/accounts?api-version=2025-06-01&$skipToken=1";
        return state;
    }

    private static AccountSeed Account(string name, string subdomain, string? endpoint = null, string? reportedId = null) => new()
    {
        ReportedId = reportedId,
        SubscriptionId = DefaultSeed.SubscriptionId, ResourceGroup = DefaultSeed.ResourceGroup, Name = name,
        CustomSubDomainName = subdomain, FoundryEndpoint = endpoint, Key1 = $"emukey1{name}".PadRight(32, '0'), Key2 = $"emukey2{name}".PadRight(32, '0'),
        Deployments = [Claude("sonnet", "claude-sonnet-4-5", "20250929")],
    };

    /// <summary>The family a hostile deployment name serves (its first word): opus, sonnet or haiku.</summary>
    public static string FamilyOf(string name) =>
        name.StartsWith("opus", StringComparison.Ordinal) ? "opus" : name.StartsWith("sonnet", StringComparison.Ordinal) ? "sonnet" : "haiku";

    private static AccountSeed Grouped(AccountSeed account)
    {
        account.ResourceGroup = ShellGroupName;
        return account;
    }

    private static AccountSeed NamesAccount(string marker)
    {
        var account = Account(HostileNames, HostileNames);
        account.Deployments = [Claude(GoodOpus, "claude-opus-4-1", "20250805")];
        foreach (var name in HostileDeploymentNames(marker))
        {
            // Newer models than the good one: an auto-choice by generation would pick these first.
            account.Deployments.Add(Claude(name, $"claude-{FamilyOf(name)}-5-5", "20260101"));
        }

        return account;
    }

    private static DeploymentSeed Claude(string name, string model, string version) =>
        new() { Name = name, ModelName = model, ModelVersion = version, Capacity = 10 };
}
