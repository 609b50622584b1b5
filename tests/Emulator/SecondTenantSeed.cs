namespace FoundryIde.Emulator;

/// <summary>
/// The default seed plus a second tenant, <see cref="TenantDisplayName"/>, where the default service principal (a
/// multi-tenant app, consented there) is Cognitive Services User on <see cref="SubscriptionId"/>, which holds one
/// Foundry account, <see cref="Account"/>, with its own Claude deployments. A token from the default tenant lists
/// only the default tenant's subscriptions (as ARM does); `/tenants` lists both.
/// </summary>
public static class SecondTenantSeed
{
    public const string TenantId = "3f6e9a2b-8c1d-4e7f-a05b-6d2c9e8f1a3b";
    public const string TenantDisplayName = "Fabrikam Research";
    public const string TenantDomain = "fabrikamresearch.onmicrosoft.com";

    public const string SubscriptionId = "e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9";
    public const string SubscriptionName = "Fabrikam AI";
    public const string ResourceGroup = "rg-fabrikam";

    public const string Account = "fabrikam-foundry";
    public const string SubDomain = "fabrikam-ai-5c1e";
    public const string Key1 = "emukey1fabrikamfoundry00000000000";
    public const string Key2 = "emukey2fabrikamfoundry00000000000";

    public const string OpusDeployment = "fab-opus";
    public const string SonnetDeployment = "fab-sonnet";
    public const string HaikuDeployment = "fab-haiku";

    public static string AccountId =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{Account}";

    public static EmulatorState Create()
    {
        var state = DefaultSeed.Create();
        state.Tenants.Add(new TenantSeed { Id = TenantId, DisplayName = TenantDisplayName, DefaultDomain = TenantDomain });
        state.Subscriptions.Add(new SubscriptionSeed { Id = SubscriptionId, DisplayName = SubscriptionName, TenantId = TenantId });
        state.Accounts.Add(new AccountSeed
        {
            SubscriptionId = SubscriptionId, ResourceGroup = ResourceGroup, Name = Account, Kind = "AIServices",
            Location = "northeurope", CustomSubDomainName = SubDomain, Key1 = Key1, Key2 = Key2,
            Deployments =
            [
                DefaultSeed.Claude(OpusDeployment, "claude-opus-4-1", "20250805", 10),
                DefaultSeed.Claude(SonnetDeployment, "claude-sonnet-4-5", "20250929", 10),
                DefaultSeed.Claude(HaikuDeployment, "claude-haiku-4-5", "20251001", 10),
            ],
        });
        state.RoleGrants.Add(RolePermissions.CognitiveServicesUser(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{SubscriptionId}"));
        return state;
    }
}
