using System.Text.Json.Serialization;

namespace FoundryIde.Emulator;

/// <summary>
/// The emulator's seed data. Tests may change it while the emulator runs: mutate it inside
/// <see cref="Update"/> (or lock <see cref="SyncRoot"/>) so request handlers never see a half-made change.
/// Handlers read through the query helpers below, which take the same lock.
/// </summary>
public sealed partial class EmulatorState
{
    public List<TenantSeed> Tenants { get; set; } = [];
    public List<SubscriptionSeed> Subscriptions { get; set; } = [];
    public List<ServicePrincipalSeed> ServicePrincipals { get; set; } = [];
    public List<ManagedIdentitySeed> ManagedIdentities { get; set; } = [];
    public List<AccountSeed> Accounts { get; set; } = [];
    public List<RoleGrant> RoleGrants { get; set; } = [];
    public List<ResourceGroupSeed> ResourceGroups { get; set; } = [];
    public List<CatalogueModelSeed> ModelCatalogue { get; set; } = [];
    public List<QuotaSeed> Quotas { get; set; } = [];
    public List<AgreementSeed> Agreements { get; set; } = [];
    public List<RoleAssignmentSeed> RoleAssignments { get; set; } = [];
    public List<DeployFaultSeed> DeployFaults { get; set; } = [];
    public List<OperationSeed> Operations { get; set; } = [];

    /// <summary>Names of soft-deleted accounts (their subdomains stay taken and they hold quota for 48 h).</summary>
    public List<string> SoftDeletedAccounts { get; set; } = [];

    /// <summary>Subscription ids whose Marketplace purchases fail ("Marketplace Subscription purchase eligibility check failed").</summary>
    public List<string> PurchaseBlocked { get; set; } = [];

    /// <summary>
    /// Subscription ids where Microsoft.CognitiveServices is not registered (as in a new subscription): every call to
    /// it answers 409 MissingSubscriptionRegistration until POST .../register; the registration then reads
    /// "Registering" for <see cref="OperationPolls"/> GETs of the provider, then "Registered".
    /// </summary>
    public List<string> CognitiveServicesUnregistered { get; set; } = [];

    /// <summary>Subscription ids whose registration was asked for, with the provider GETs left before it is Registered.</summary>
    public Dictionary<string, int> CognitiveServicesRegistering { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many polls a long-running operation answers InProgress before it ends.</summary>
    public int OperationPolls { get; set; } = 2;

    /// <summary>
    /// Whether an account PUT names its operation (Azure-AsyncOperation). Without, the account's provisioningState is the
    /// only progress: Creating until its GETs have used up <see cref="OperationPolls"/>.
    /// </summary>
    public bool AccountOperationHeader { get; set; } = true;

    /// <summary>
    /// How a deployment PUT says it runs on: <c>AsyncOperation</c> (201 + Azure-AsyncOperation, the default),
    /// <c>Location</c> (202 + Location: polled for 202 until 200 with the resource, or the failure as an error), or
    /// <c>None</c> (only the deployment's own provisioningState, advanced by its GETs as an account's is).
    /// </summary>
    public string DeploymentOperationStyle { get; set; } = "AsyncOperation";

    /// <summary>A hostile ARM: the origin its operation URLs name instead of its own (e.g. another host), or null.</summary>
    public string? OperationOrigin { get; set; }

    /// <summary>Whether a write that runs on answers with an empty body (201/202 without the resource).</summary>
    public bool EmptyAcceptedBody { get; set; }

    /// <summary>Whether ARM's answers spell states in lower case (provisioningState, an operation's status).</summary>
    public bool LowerCaseStates { get; set; }

    /// <summary>The Retry-After (seconds) sent with a long-running operation's answers.</summary>
    public int OperationRetryAfterSeconds { get; set; }

    /// <summary>
    /// The status of the data plane's PermissionDenied (the data action missing): 403 here by default; Azure OpenAI's
    /// data plane answers such a refusal with 401 and code PermissionDenied, which clients must tell from a bad token.
    /// </summary>
    public int DataActionDeniedStatus { get; set; } = 403;

    /// <summary>How long a new role assignment takes to apply (data plane 401/403 until then).</summary>
    public int RoleAssignmentDelayMs { get; set; }

    /// <summary>Object ids of principals that Resource Graph answers 403 AuthorizationFailed (case-insensitive).</summary>
    public HashSet<string> ResourceGraphDenied { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resource Graph answers its first page only, with resultTruncated "true" and no $skipToken (its limits hit).</summary>
    public bool ResourceGraphTruncates { get; set; }

    /// <summary>
    /// A hostile Azure: the accounts list of these subscriptions (by id) answers with this nextLink (e.g. to another
    /// host), whatever the page size.
    /// </summary>
    public Dictionary<string, string> AccountListNextLinks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text every Anthropic reply carries (unless a deployment overrides it).</summary>
    public string ReplyText { get; set; } = "pong";

    /// <summary>Lock this while mutating the lists from a test.</summary>
    [JsonIgnore]
    public object SyncRoot { get; } = new();

    public static EmulatorState CreateDefault() => DefaultSeed.Create();

    /// <summary>
    /// A big deterministic seed for benchmarks and fan-out tests: one tenant (<see cref="DefaultSeed.TenantId"/>), the
    /// default service principal (Cognitive Services User on every subscription) and managed identity, and
    /// <paramref name="subscriptions"/> × <paramref name="accountsPerSubscription"/> accounts. See <see cref="LargeSeed"/>.
    /// </summary>
    public static EmulatorState CreateLarge(
        int subscriptions, int accountsPerSubscription, int claudeDeploymentsPerAccount = 3, int otherDeploymentsPerAccount = 1) =>
        LargeSeed.Create(subscriptions, accountsPerSubscription, claudeDeploymentsPerAccount, otherDeploymentsPerAccount);

    /// <summary>The default seed plus today's models under custom names: see <see cref="ModelsSeed"/>.</summary>
    public static EmulatorState CreateModels() => ModelsSeed.Create();

    /// <summary>Runs <paramref name="change"/> under the state lock.</summary>
    public void Update(Action<EmulatorState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (SyncRoot)
        {
            change(this);
        }
    }

    /// <summary>Replaces every list with the other state's (used by PUT /_emulator/state).</summary>
    public void ReplaceWith(EmulatorState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        lock (SyncRoot)
        {
            Tenants = [.. other.Tenants];
            Subscriptions = [.. other.Subscriptions];
            ServicePrincipals = [.. other.ServicePrincipals];
            ManagedIdentities = [.. other.ManagedIdentities];
            Accounts = [.. other.Accounts];
            RoleGrants = [.. other.RoleGrants];
            ResourceGroups = [.. other.ResourceGroups];
            ModelCatalogue = [.. other.ModelCatalogue];
            Quotas = [.. other.Quotas];
            Agreements = [.. other.Agreements];
            RoleAssignments = [.. other.RoleAssignments];
            DeployFaults = [.. other.DeployFaults];
            Operations = [.. other.Operations];
            SoftDeletedAccounts = [.. other.SoftDeletedAccounts];
            PurchaseBlocked = [.. other.PurchaseBlocked];
            CognitiveServicesUnregistered = [.. other.CognitiveServicesUnregistered];
            CognitiveServicesRegistering = new(other.CognitiveServicesRegistering, StringComparer.OrdinalIgnoreCase);
            OperationPolls = other.OperationPolls;
            AccountOperationHeader = other.AccountOperationHeader;
            DeploymentOperationStyle = other.DeploymentOperationStyle;
            EmptyAcceptedBody = other.EmptyAcceptedBody;
            OperationOrigin = other.OperationOrigin;
            LowerCaseStates = other.LowerCaseStates;
            DataActionDeniedStatus = other.DataActionDeniedStatus;
            OperationRetryAfterSeconds = other.OperationRetryAfterSeconds;
            RoleAssignmentDelayMs = other.RoleAssignmentDelayMs;
            ResourceGraphDenied = new(other.ResourceGraphDenied, StringComparer.OrdinalIgnoreCase);
            ResourceGraphTruncates = other.ResourceGraphTruncates;
            ReplyText = other.ReplyText;
            AccountListNextLinks = new(other.AccountListNextLinks, StringComparer.OrdinalIgnoreCase);
        }
    }

    public TenantSeed? FindTenant(string idOrDomain)
    {
        lock (SyncRoot)
        {
            return Tenants.FirstOrDefault(t =>
                t.Id.Equals(idOrDomain, StringComparison.OrdinalIgnoreCase)
                || t.DefaultDomain.Equals(idOrDomain, StringComparison.OrdinalIgnoreCase));
        }
    }

    public SubscriptionSeed? FindSubscription(string id)
    {
        lock (SyncRoot)
        {
            return Subscriptions.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        }
    }

    public ServicePrincipalSeed? FindServicePrincipal(string appId)
    {
        lock (SyncRoot)
        {
            return ServicePrincipals.FirstOrDefault(s => s.AppId.Equals(appId, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Finds a managed identity by client id, object id or resource id; with no selector, the first one.</summary>
    public ManagedIdentitySeed? FindManagedIdentity(string? clientId, string? objectId, string? resourceId)
    {
        lock (SyncRoot)
        {
            if (clientId is null && objectId is null && resourceId is null)
            {
                return ManagedIdentities.FirstOrDefault();
            }

            return ManagedIdentities.FirstOrDefault(m =>
                (clientId is not null && m.ClientId.Equals(clientId, StringComparison.OrdinalIgnoreCase))
                || (objectId is not null && m.ObjectId.Equals(objectId, StringComparison.OrdinalIgnoreCase))
                || (resourceId is not null && m.ResourceId.Equals(resourceId, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>Accounts, optionally filtered by subscription and resource group (case-insensitive).</summary>
    public List<AccountSeed> ListAccounts(string? subscriptionId = null, string? resourceGroup = null)
    {
        lock (SyncRoot)
        {
            return [.. Accounts.Where(a =>
                (subscriptionId is null || a.SubscriptionId.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase))
                && (resourceGroup is null || a.ResourceGroup.Equals(resourceGroup, StringComparison.OrdinalIgnoreCase)))];
        }
    }

    public AccountSeed? FindAccount(string subscriptionId, string resourceGroup, string name) =>
        ListAccounts(subscriptionId, resourceGroup).FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public AccountSeed? FindAccountByName(string name)
    {
        lock (SyncRoot)
        {
            return Accounts.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        }
    }

    public AccountSeed? FindAccountBySubDomain(string customSubDomainName)
    {
        lock (SyncRoot)
        {
            return Accounts.FirstOrDefault(a => a.CustomSubDomainName.Equals(customSubDomainName, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The deployments of an account, copied under the lock.</summary>
    public List<DeploymentSeed> ListDeployments(AccountSeed account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (SyncRoot)
        {
            return [.. account.Deployments];
        }
    }

    /// <summary>The principal's grants whose scope is at or above <paramref name="scope"/> (they apply to it).</summary>
    public List<RoleGrant> GrantsCovering(string principalId, string scope)
    {
        lock (SyncRoot)
        {
            return [.. RoleGrants.Where(g =>
                g.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase) && RolePermissions.IsAtOrBelow(scope, g.Scope))];
        }
    }

    /// <summary>The principal's grants at, above or below <paramref name="scope"/>.</summary>
    public List<RoleGrant> GrantsTouching(string principalId, string scope)
    {
        lock (SyncRoot)
        {
            return [.. RoleGrants.Where(g =>
                g.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase)
                && (RolePermissions.IsAtOrBelow(scope, g.Scope) || RolePermissions.IsAtOrBelow(g.Scope, scope)))];
        }
    }

    /// <summary>Whether the principal is in <see cref="ResourceGraphDenied"/>.</summary>
    public bool IsResourceGraphDenied(string principalId)
    {
        lock (SyncRoot)
        {
            return ResourceGraphDenied.Any(id => id.Equals(principalId, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Whether the principal holds any grant at, above or below <paramref name="scope"/>.</summary>
    public bool HasAnyGrantTouching(string principalId, string scope)
    {
        lock (SyncRoot)
        {
            return RoleGrants.Any(g =>
                g.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase)
                && (RolePermissions.IsAtOrBelow(scope, g.Scope) || RolePermissions.IsAtOrBelow(g.Scope, scope)));
        }
    }

    /// <summary>
    /// The tenants a principal may sign in to and list: its home tenant and every tenant with a subscription where it
    /// holds a grant (a multi-tenant app consented there, a guest user).
    /// </summary>
    public List<TenantSeed> TenantsOf(string principalId, string homeTenantId)
    {
        lock (SyncRoot)
        {
            return [.. Tenants.Where(t => t.Id.Equals(homeTenantId, StringComparison.OrdinalIgnoreCase)
                || Subscriptions.Any(s => s.TenantId.Equals(t.Id, StringComparison.OrdinalIgnoreCase)
                    && HasAnyGrantTouching(principalId, $"/subscriptions/{s.Id}")))];
        }
    }

    /// <summary>Adds a grant under the lock.</summary>
    public void AddGrant(RoleGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        lock (SyncRoot)
        {
            RoleGrants.Add(grant);
        }
    }

    /// <summary>Removes every grant of the principal (optionally only at one exact scope).</summary>
    public int RemoveGrants(string principalId, string? scope = null)
    {
        lock (SyncRoot)
        {
            return RoleGrants.RemoveAll(g =>
                g.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase)
                && (scope is null || g.Scope.TrimEnd('/').Equals(scope.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)));
        }
    }
}
