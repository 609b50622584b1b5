using System.Globalization;

namespace FoundryIde.Emulator;

/// <summary>
/// The deterministic big seed behind <see cref="EmulatorState.CreateLarge"/>, for benchmarks and fan-out tests.
/// Same tenant, service principal (app id, secret, object id) and managed identity as <see cref="DefaultSeed"/>.
/// Subscription <c>s</c> (0-based) is <see cref="SubscriptionId"/>(s), named "Contoso Load sss"; the service principal is
/// Cognitive Services User on each. Account <c>a</c> of subscription <c>s</c> is <see cref="AccountName"/>(s, a) in
/// resource group <see cref="ResourceGroupName"/>(a). With g = s × accountsPerSubscription + a (global index):
/// <list type="bullet">
/// <item>kind OpenAI when g % 4 == 3, else AIServices; OpenAI accounts get no Claude deployments, only the others;</item>
/// <item>custom subdomain <see cref="SubDomain"/> differs from the name when g % 4 == 1 (or when there is a single account);</item>
/// <item>location cycles eastus2, westus, swedencentral, eastus, francecentral;</item>
/// <item>Claude deployments are named not after their model: <see cref="ClaudeDeployments"/> in order, with "-2", "-3"...
/// appended on later rounds; other deployments cycle <see cref="OtherDeployments"/> the same way.</item>
/// </list>
/// The managed identity is Azure AI User on the first account only.
/// </summary>
public static class LargeSeed
{
    /// <summary>(deployment name, model name, model version) of the Claude deployments, in the order they are added.</summary>
    public static readonly IReadOnlyList<(string Name, string Model, string Version)> ClaudeDeployments =
    [
        ("opus-prod", "claude-opus-4-1", "20250805"),
        ("sonnet", "claude-sonnet-4-5", "20250929"),
        ("haiku-fast", "claude-haiku-4-5", "20251001"),
        ("opus-next", "claude-opus-4-5", "20251101"),
        ("sonnet-batch", "claude-sonnet-4-5", "20250929"),
        ("haiku", "claude-haiku-4-5", "20251001"),
    ];

    /// <summary>(deployment name, model name, model version, sku) of the non-Claude (OpenAI-format) deployments.</summary>
    public static readonly IReadOnlyList<(string Name, string Model, string Version, string Sku)> OtherDeployments =
    [
        ("gpt-4o", "gpt-4o", "2024-11-20", "GlobalStandard"),
        ("gpt-4o-mini", "gpt-4o-mini", "2024-07-18", "Standard"),
        ("text-embedding-3-large", "text-embedding-3-large", "1", "Standard"),
    ];

    private static readonly string[] Locations = ["eastus2", "westus", "swedencentral", "eastus", "francecentral"];

    /// <summary>5ab0xxxx-1a2b-4c3d-8e4f-xxxxxxxxxxxx with the 0-based index in hex.</summary>
    public static string SubscriptionId(int subscription) =>
        string.Create(CultureInfo.InvariantCulture, $"{0x5ab00000 + subscription:x8}-1a2b-4c3d-8e4f-{subscription:x12}");

    public static string SubscriptionName(int subscription) =>
        string.Create(CultureInfo.InvariantCulture, $"Contoso Load {subscription:D3}");

    public static string ResourceGroupName(int account) => string.Create(CultureInfo.InvariantCulture, $"rg-ai-{account % 3}");

    public static string AccountName(int subscription, int account) =>
        string.Create(CultureInfo.InvariantCulture, $"foundry-s{subscription:D3}-a{account:D3}");

    /// <summary>The custom subdomain of an account (differs from the name when <paramref name="differs"/>).</summary>
    public static string SubDomain(int subscription, int account, bool differs) => differs
        ? string.Create(CultureInfo.InvariantCulture, $"ai-s{subscription:D3}a{account:D3}-x7k")
        : AccountName(subscription, account);

    /// <summary>The k-th Claude deployment name: opus-prod, sonnet, haiku-fast, opus-next, sonnet-batch, haiku, opus-prod-2, ...</summary>
    public static string ClaudeDeploymentName(int k) => WithRound(ClaudeDeployments[k % ClaudeDeployments.Count].Name, k / ClaudeDeployments.Count);

    public static EmulatorState Create(int subscriptions, int accountsPerSubscription, int claudeDeploymentsPerAccount, int otherDeploymentsPerAccount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriptions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(accountsPerSubscription);
        ArgumentOutOfRangeException.ThrowIfNegative(claudeDeploymentsPerAccount);
        ArgumentOutOfRangeException.ThrowIfNegative(otherDeploymentsPerAccount);

        var template = DefaultSeed.Create();
        var state = new EmulatorState
        {
            Tenants = template.Tenants,
            ServicePrincipals = template.ServicePrincipals,
            ManagedIdentities = template.ManagedIdentities,
        };

        var total = subscriptions * accountsPerSubscription;
        for (var s = 0; s < subscriptions; s++)
        {
            var subId = SubscriptionId(s);
            state.Subscriptions.Add(new SubscriptionSeed { Id = subId, DisplayName = SubscriptionName(s), TenantId = DefaultSeed.TenantId });
            state.RoleGrants.Add(RolePermissions.CognitiveServicesUser(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{subId}"));
            for (var a = 0; a < accountsPerSubscription; a++)
            {
                var g = (s * accountsPerSubscription) + a;
                state.Accounts.Add(CreateAccount(s, a, g, total, claudeDeploymentsPerAccount, otherDeploymentsPerAccount));
            }
        }

        if (state.Accounts.Count > 0)
        {
            state.RoleGrants.Add(RolePermissions.AzureAIUser(DefaultSeed.ManagedIdentityObjectId, state.Accounts[0].Id));
        }

        return state;
    }

    private static AccountSeed CreateAccount(int s, int a, int g, int total, int claude, int other)
    {
        var isOpenAI = g % 4 == 3;
        var name = AccountName(s, a);
        var account = new AccountSeed
        {
            SubscriptionId = SubscriptionId(s),
            ResourceGroup = ResourceGroupName(a),
            Name = name,
            Kind = isOpenAI ? "OpenAI" : "AIServices",
            Location = Locations[g % Locations.Length],
            CustomSubDomainName = SubDomain(s, a, g % 4 == 1 || total == 1),
            Key1 = Key(1, s, a),
            Key2 = Key(2, s, a),
        };

        if (!isOpenAI)
        {
            for (var k = 0; k < claude; k++)
            {
                var (_, model, version) = ClaudeDeployments[k % ClaudeDeployments.Count];
                account.Deployments.Add(DefaultSeed.Claude(ClaudeDeploymentName(k), model, version, 50 + (k * 10)));
            }
        }

        for (var k = 0; k < other; k++)
        {
            var (baseName, model, version, sku) = OtherDeployments[k % OtherDeployments.Count];
            account.Deployments.Add(new DeploymentSeed
            {
                Name = WithRound(baseName, k / OtherDeployments.Count), ModelFormat = "OpenAI", ModelName = model,
                ModelVersion = version, SkuName = sku, Capacity = 30,
            });
        }

        return account;
    }

    private static string WithRound(string name, int round) =>
        round == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}-{round + 1}");

    private static string Key(int which, int s, int a) =>
        string.Create(CultureInfo.InvariantCulture, $"emukey{which}load{s:D4}x{a:D4}").PadRight(32, '0');
}
