namespace FoundryIde.Emulator;

/// <summary>
/// The well-known ids and secrets of <see cref="EmulatorState.CreateDefault"/>.
/// One tenant, three subscriptions, a service principal, a managed identity, four accounts:
/// <list type="bullet">
/// <item><see cref="FoundryAccount"/> (AIServices, sub 1): Claude opus/sonnet/haiku deployments plus one OpenAI gpt-4o.</item>
/// <item><see cref="WestAccount"/> (AIServices, sub 1): custom subdomain <see cref="WestSubDomain"/> differs from its name;
/// one Claude deployment named "sonnet" and one Claude deployment <see cref="FailedDeployment"/> whose provisioningState
/// is Failed; local (key) auth disabled.</item>
/// <item><see cref="OpenAIAccount"/> (kind OpenAI, sub 2): one gpt-4o-mini deployment.</item>
/// <item><see cref="FinanceAccount"/> (AIServices, <see cref="ForbiddenSubscriptionId"/>): one Claude deployment the
/// service principal cannot see.</item>
/// </list>
/// Grants: the service principal is Cognitive Services User (read, listKeys, data actions Microsoft.CognitiveServices/*)
/// on subscription 1, Reader on subscription 2, and holds only <see cref="SubscriptionViewerRole"/>
/// (Microsoft.Resources/subscriptions/read) on <see cref="ForbiddenSubscriptionId"/>: GET /subscriptions lists it, but
/// listing its accounts answers 403 AuthorizationFailed. The managed identity is Azure AI User on
/// <see cref="FoundryAccount"/> only.
/// </summary>
public static class DefaultSeed
{
    public const string TenantId = "8d2c1b7e-3f4a-4c5d-9e6f-0a1b2c3d4e5f";
    public const string TenantDisplayName = "Contoso Test";
    public const string TenantDomain = "contosotest.onmicrosoft.com";

    public const string SubscriptionId = "2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c";
    public const string SubscriptionName = "Contoso AI Dev";
    public const string SecondSubscriptionId = "5e8a3d2c-1b4f-4a6e-9c7d-8f0a1b2c3d4e";
    public const string SecondSubscriptionName = "Contoso AI Prod";

    /// <summary>Visible to the service principal (subscriptions/read only); its accounts list answers 403.</summary>
    public const string ForbiddenSubscriptionId = "7c4d9e2f-6a1b-4e8c-9d3f-2a5b8c1e4f7d";
    public const string ForbiddenSubscriptionName = "Contoso Finance";

    /// <summary>The custom role the service principal holds on <see cref="ForbiddenSubscriptionId"/>.</summary>
    public const string SubscriptionViewerRole = "Contoso Subscription Viewer";

    public const string ServicePrincipalAppId = "4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b";
    public const string ServicePrincipalSecret = "emu-secret-Xq7~pL3vN9rT2wZ5";
    public const string ServicePrincipalObjectId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public const string ServicePrincipalName = "foundryide-ci";

    /// <summary>The content of the workload identity token file (AZURE_FEDERATED_TOKEN_FILE) the SP trusts.</summary>
    public const string FederatedAssertion =
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL29pZGMuZW11bGF0b3IiLCJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpmb3VuZHJ5aWRlIn0.";

    public const string ManagedIdentityObjectId = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";
    public const string ManagedIdentityClientId = "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a";
    public const string ManagedIdentityName = "foundryide-mi";

    public const string ResourceGroup = "rg-foundry";
    public const string SecondResourceGroup = "rg-openai";
    public const string ForbiddenResourceGroup = "rg-finance";

    public const string FoundryAccount = "contoso-foundry";
    public const string FoundrySubDomain = "contoso-foundry";
    public const string FoundryKey1 = "emukey1contosofoundry00000000000";
    public const string FoundryKey2 = "emukey2contosofoundry00000000000";

    public const string WestAccount = "contoso-ai-west";
    public const string WestSubDomain = "contoso-west-7f3a";
    public const string WestKey1 = "emukey1contosowest000000000000000";
    public const string WestKey2 = "emukey2contosowest000000000000000";

    public const string OpenAIAccount = "contoso-openai";
    public const string OpenAISubDomain = "contoso-openai";
    public const string OpenAIKey1 = "emukey1contosoopenai0000000000000";
    public const string OpenAIKey2 = "emukey2contosoopenai0000000000000";

    public const string FinanceAccount = "contoso-finance-ai";
    public const string FinanceSubDomain = "contoso-finance-ai";
    public const string FinanceKey1 = "emukey1contosofinance000000000000";
    public const string FinanceKey2 = "emukey2contosofinance000000000000";

    public const string OpusDeployment = "claude-opus-4-1";
    public const string SonnetDeployment = "claude-sonnet-4-5";
    public const string HaikuDeployment = "claude-haiku-4-5";
    public const string GptDeployment = "gpt-4o";
    public const string WestSonnetDeployment = "sonnet";

    /// <summary>Claude deployment on <see cref="WestAccount"/> with provisioningState Failed (messages to it answer 404).</summary>
    public const string FailedDeployment = "claude-opus-4-5-failed";
    public const string FailedDeploymentModel = "claude-opus-4-5";
    public const string FinanceDeployment = "claude-sonnet-4-5";
    public const string MiniDeployment = "gpt-4o-mini";

    public static string FoundryAccountId =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{FoundryAccount}";

    public static string ManagedIdentityResourceId =>
        $"/subscriptions/{SubscriptionId}/resourcegroups/{ResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{ManagedIdentityName}";

    public static EmulatorState Create()
    {
        var state = new EmulatorState
        {
            Tenants = [new TenantSeed { Id = TenantId, DisplayName = TenantDisplayName, DefaultDomain = TenantDomain }],
            Subscriptions =
            [
                new SubscriptionSeed { Id = SubscriptionId, DisplayName = SubscriptionName, TenantId = TenantId },
                new SubscriptionSeed { Id = SecondSubscriptionId, DisplayName = SecondSubscriptionName, TenantId = TenantId },
                new SubscriptionSeed { Id = ForbiddenSubscriptionId, DisplayName = ForbiddenSubscriptionName, TenantId = TenantId },
            ],
            ServicePrincipals =
            [
                new ServicePrincipalSeed
                {
                    AppId = ServicePrincipalAppId, Secret = ServicePrincipalSecret, TenantId = TenantId,
                    ObjectId = ServicePrincipalObjectId, DisplayName = ServicePrincipalName, FederatedAssertion = FederatedAssertion,
                },
            ],
            ManagedIdentities =
            [
                new ManagedIdentitySeed
                {
                    ObjectId = ManagedIdentityObjectId, ClientId = ManagedIdentityClientId, TenantId = TenantId,
                    Name = ManagedIdentityName, ResourceId = ManagedIdentityResourceId,
                },
            ],
            Accounts = [CreateFoundryAccount(), CreateWestAccount(), CreateOpenAIAccount(), CreateFinanceAccount()],
        };

        state.RoleGrants.Add(RolePermissions.CognitiveServicesUser(ServicePrincipalObjectId, $"/subscriptions/{SubscriptionId}"));
        state.RoleGrants.Add(RolePermissions.Reader(ServicePrincipalObjectId, $"/subscriptions/{SecondSubscriptionId}"));
        state.RoleGrants.Add(RolePermissions.Grant(
            ServicePrincipalObjectId, $"/subscriptions/{ForbiddenSubscriptionId}", SubscriptionViewerRole, [RolePermissions.SubscriptionReadAction]));
        state.RoleGrants.Add(RolePermissions.AzureAIUser(ManagedIdentityObjectId, FoundryAccountId));
        state.ModelCatalogue.AddRange(Catalogue("eastus2").Concat(Catalogue("swedencentral")));
        state.Quotas.AddRange(Quotas.Select(q => new QuotaSeed { SubscriptionId = SubscriptionId, UsageName = $"AIServices.GlobalStandard.{q.Model}", Limit = q.Limit }));
        return state;
    }

    private static AccountSeed CreateFoundryAccount() => new()
    {
        SubscriptionId = SubscriptionId, ResourceGroup = ResourceGroup, Name = FoundryAccount, Kind = "AIServices",
        Location = "eastus2", CustomSubDomainName = FoundrySubDomain, Key1 = FoundryKey1, Key2 = FoundryKey2,
        Deployments =
        [
            Claude(OpusDeployment, "claude-opus-4-1", "20250805", 50),
            Claude(SonnetDeployment, "claude-sonnet-4-5", "20250929", 100),
            Claude(HaikuDeployment, "claude-haiku-4-5", "20251001", 200),
            new DeploymentSeed { Name = GptDeployment, ModelFormat = "OpenAI", ModelName = "gpt-4o", ModelVersion = "2024-11-20", Capacity = 50 },
        ],
    };

    private static AccountSeed CreateWestAccount() => new()
    {
        SubscriptionId = SubscriptionId, ResourceGroup = ResourceGroup, Name = WestAccount, Kind = "AIServices",
        Location = "westus", CustomSubDomainName = WestSubDomain, Key1 = WestKey1, Key2 = WestKey2, DisableLocalAuth = true,
        Deployments =
        [
            Claude(WestSonnetDeployment, "claude-sonnet-4-5", "20250929", 20),
            Claude(FailedDeployment, FailedDeploymentModel, "20251101", 10, "Failed"),
        ],
    };

    private static AccountSeed CreateFinanceAccount() => new()
    {
        SubscriptionId = ForbiddenSubscriptionId, ResourceGroup = ForbiddenResourceGroup, Name = FinanceAccount, Kind = "AIServices",
        Location = "eastus2", CustomSubDomainName = FinanceSubDomain, Key1 = FinanceKey1, Key2 = FinanceKey2,
        Deployments = [Claude(FinanceDeployment, "claude-sonnet-4-5", "20250929", 10)],
    };

    private static AccountSeed CreateOpenAIAccount() => new()
    {
        SubscriptionId = SecondSubscriptionId, ResourceGroup = SecondResourceGroup, Name = OpenAIAccount, Kind = "OpenAI",
        Location = "swedencentral", CustomSubDomainName = OpenAISubDomain, Key1 = OpenAIKey1, Key2 = OpenAIKey2,
        Deployments =
        [
            new DeploymentSeed { Name = MiniDeployment, ModelFormat = "OpenAI", ModelName = "gpt-4o-mini", ModelVersion = "2024-07-18", SkuName = "Standard", Capacity = 30 },
        ],
    };

    /// <summary>
    /// The Anthropic models of a location's catalogue (Global Standard) in the default seed: eastus2 and swedencentral
    /// offer them, westus offers none. claude-sonnet-4-5 has an older, non-default version too.
    /// </summary>
    public static IEnumerable<CatalogueModelSeed> Catalogue(string location) =>
    [
        new() { Location = location, Name = "claude-opus-4-1", Version = "20250805" },
        new() { Location = location, Name = "claude-opus-4-5", Version = "20251101" },
        new() { Location = location, Name = "claude-sonnet-4-5", Version = "20250929" },
        new() { Location = location, Name = "claude-sonnet-4-5", Version = "20250801", IsDefaultVersion = false, LifecycleStatus = "Deprecating" },
        new() { Location = location, Name = "claude-haiku-4-5", Version = "20251001", HostedOn = "anthropic" },
    ];

    /// <summary>Global Standard quota limits of <see cref="SubscriptionId"/> (thousands of tokens per minute) per model.</summary>
    public static readonly (string Model, int Limit)[] Quotas =
    [
        ("claude-opus-4-1", 100), ("claude-opus-4-5", 300), ("claude-sonnet-4-5", 400), ("claude-haiku-4-5", 250),
    ];

    public static DeploymentSeed Claude(string name, string model, string version, int capacity, string provisioningState = "Succeeded") => new()
    {
        Name = name, ModelFormat = "Anthropic", ModelName = model, ModelVersion = version, SkuName = "GlobalStandard", Capacity = capacity,
        ProvisioningState = provisioningState,
    };
}
