using System.Text.Json.Nodes;

namespace FoundryIde.Emulator;

/// <summary>ARM JSON shapes of the seeded resources, as Azure returns them.</summary>
internal static class ArmResources
{
    private const string Created = "2025-01-15T10:00:00.0000000Z";

    public static readonly string[] CognitiveServicesApiVersions =
    [
        "2026-03-01", "2025-12-01", "2025-10-01-preview", "2025-09-01", "2025-07-01-preview", "2025-06-01", "2025-04-01-preview",
        "2024-10-01", "2024-06-01-preview", "2023-10-01-preview", "2023-05-01", "2022-12-01", "2022-10-01", "2021-10-01", "2021-04-30",
        "2017-04-18", "2016-02-01-preview",
    ];

    public static JsonObject Tenant(TenantSeed t) => new()
    {
        ["id"] = $"/tenants/{t.Id}",
        ["tenantId"] = t.Id,
        ["countryCode"] = "US",
        ["displayName"] = t.DisplayName,
        ["domains"] = HttpHelpers.Strings(t.DefaultDomain),
        ["tenantCategory"] = "Home",
        ["defaultDomain"] = t.DefaultDomain,
        ["tenantType"] = "AAD",
    };

    public static JsonObject Subscription(SubscriptionSeed s) => new()
    {
        ["id"] = $"/subscriptions/{s.Id}",
        ["authorizationSource"] = "RoleBased",
        ["managedByTenants"] = new JsonArray(),
        ["subscriptionId"] = s.Id,
        ["tenantId"] = s.TenantId,
        ["displayName"] = s.DisplayName,
        ["state"] = s.State,
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = s.QuotaId,
            ["spendingLimit"] = s.SpendingLimit,
        },
    };

    public static JsonObject ResourceGroup(string subscriptionId, string name, string location) => new()
    {
        ["id"] = $"/subscriptions/{subscriptionId}/resourceGroups/{name}",
        ["name"] = name,
        ["type"] = "Microsoft.Resources/resourceGroups",
        ["location"] = location,
        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
    };

    public static JsonObject Account(AccountSeed a, string foundryEndpoint)
    {
        var sub = a.CustomSubDomainName;
        var isOpenAI = a.Kind.Equals("OpenAI", StringComparison.OrdinalIgnoreCase);
        var endpoints = new JsonObject();
        if (sub.Length == 0)
        {
            // Without a custom subdomain an account has only its region's shared endpoint, and no Foundry one.
            return Shape(a, new JsonObject
            {
                ["endpoint"] = $"https://{a.Location}.api.cognitive.microsoft.com/",
                ["endpoints"] = new JsonObject { ["Content Safety"] = $"https://{a.Location}.api.cognitive.microsoft.com/" },
                ["publicNetworkAccess"] = a.PublicNetworkAccess,
                ["provisioningState"] = a.ProvisioningState,
                ["disableLocalAuth"] = a.DisableLocalAuth,
            });
        }

        if (!isOpenAI)
        {
            endpoints["AI Foundry API"] = foundryEndpoint;
            endpoints["Azure AI Model Inference API"] = $"https://{sub}.services.ai.azure.com/";
            endpoints["Content Safety"] = $"https://{sub}.cognitiveservices.azure.com/";
        }

        endpoints["OpenAI Language Model Instance API"] = $"https://{sub}.openai.azure.com/";
        endpoints["OpenAI Dall-E API"] = $"https://{sub}.openai.azure.com/";
        endpoints["OpenAI Whisper API"] = $"https://{sub}.openai.azure.com/";
        endpoints["OpenAI Realtime API"] = $"https://{sub}.openai.azure.com/";

        var properties = new JsonObject
        {
            ["endpoint"] = isOpenAI ? $"https://{sub}.openai.azure.com/" : $"https://{sub}.cognitiveservices.azure.com/",
            ["internalId"] = Guid.NewGuid().ToString("N"),
            ["dateCreated"] = Created,
            ["isMigrated"] = false,
            ["customSubDomainName"] = sub,
            ["networkAcls"] = new JsonObject
            {
                ["defaultAction"] = a.NetworkDefaultAction,
                ["virtualNetworkRules"] = new JsonArray(),
                ["ipRules"] = new JsonArray(),
            },
            ["privateEndpointConnections"] = new JsonArray(),
            ["publicNetworkAccess"] = a.PublicNetworkAccess,
            ["endpoints"] = endpoints,
            ["provisioningState"] = a.ProvisioningState,
            ["disableLocalAuth"] = a.DisableLocalAuth,
        };
        if (!isOpenAI)
        {
            properties["allowProjectManagement"] = true;
        }

        return Shape(a, properties);
    }

    private static JsonObject Shape(AccountSeed a, JsonObject properties) =>
        new()
        {
            ["id"] = a.ReportedId ?? a.Id,
            ["name"] = a.Name,
            ["type"] = "Microsoft.CognitiveServices/accounts",
            ["etag"] = $"\"{Guid.NewGuid()}\"",
            ["location"] = a.Location,
            ["sku"] = new JsonObject { ["name"] = "S0" },
            ["kind"] = a.Kind,
            ["tags"] = new JsonObject([.. a.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]),
            ["identity"] = a.IdentityType == "None" ? new JsonObject { ["type"] = "None" }
                : new JsonObject { ["type"] = a.IdentityType, ["principalId"] = "7c1e5d2a-0b3f-4e6a-9d8c-1f2e3a4b5c6d", ["tenantId"] = DefaultSeed.TenantId },
            ["systemData"] = SystemData(),
            ["properties"] = properties,
        };

    public static JsonObject Deployment(AccountSeed a, DeploymentSeed d) => new()
    {
        ["id"] = $"{a.Id}/deployments/{d.Name}",
        ["type"] = "Microsoft.CognitiveServices/accounts/deployments",
        ["name"] = d.Name,
        ["sku"] = new JsonObject { ["name"] = d.SkuName, ["capacity"] = d.Capacity },
        ["systemData"] = SystemData(),
        ["etag"] = $"\"{Guid.NewGuid()}\"",
        ["properties"] = new JsonObject
        {
            ["model"] = new JsonObject { ["format"] = d.ModelFormat, ["name"] = d.ModelName, ["version"] = d.ModelVersion },
            ["versionUpgradeOption"] = "OnceNewDefaultVersionAvailable",
            ["currentCapacity"] = d.Capacity,
            ["capabilities"] = new JsonObject { ["chatCompletion"] = "true" },
            ["provisioningState"] = d.ProvisioningState,
            ["rateLimits"] = new JsonArray(
                new JsonObject { ["key"] = "request", ["renewalPeriod"] = 60, ["count"] = d.Capacity },
                new JsonObject { ["key"] = "token", ["renewalPeriod"] = 60, ["count"] = d.Capacity * 1000 }),
            ["raiPolicyName"] = "Microsoft.DefaultV2",
        },
    };

    public static JsonObject Permission(RoleGrant g) => new()
    {
        ["actions"] = g.Actions.ToJsonArray(),
        ["notActions"] = g.NotActions.ToJsonArray(),
        ["dataActions"] = g.DataActions.ToJsonArray(),
        ["notDataActions"] = g.NotDataActions.ToJsonArray(),
    };

    /// <summary>A resource provider registration; null for an unknown namespace.</summary>
    public static JsonObject? Provider(string ns, string? subscriptionId, IEnumerable<string> locations)
    {
        string[] types = ns.ToUpperInvariant() switch
        {
            "MICROSOFT.COGNITIVESERVICES" => ["accounts", "accounts/deployments", "accounts/projects", "locations", "operations", "deletedAccounts"],
            "MICROSOFT.AUTHORIZATION" => ["permissions", "roleAssignments", "roleDefinitions"],
            "MICROSOFT.RESOURCES" => ["subscriptions", "resourceGroups", "tenants", "providers"],
            "MICROSOFT.MANAGEDIDENTITY" => ["userAssignedIdentities"],
            "MICROSOFT.RESOURCEGRAPH" => ["resources", "operations", "queries"],
            _ => [],
        };
        if (types.Length == 0)
        {
            return null;
        }

        var canonical = ns.ToUpperInvariant() switch
        {
            "MICROSOFT.COGNITIVESERVICES" => "Microsoft.CognitiveServices",
            "MICROSOFT.AUTHORIZATION" => "Microsoft.Authorization",
            "MICROSOFT.RESOURCES" => "Microsoft.Resources",
            "MICROSOFT.RESOURCEGRAPH" => "Microsoft.ResourceGraph",
            _ => "Microsoft.ManagedIdentity",
        };
        string[] versions = canonical switch
        {
            "Microsoft.CognitiveServices" => CognitiveServicesApiVersions,
            "Microsoft.Authorization" => ["2022-04-01", "2020-10-01", "2018-07-01", "2015-07-01"],
            "Microsoft.Resources" => ["2022-12-01", "2022-09-01", "2021-04-01", "2020-01-01"],
            "Microsoft.ResourceGraph" => ["2024-04-01", "2022-10-01", "2021-03-01"],
            _ => ["2023-01-31", "2018-11-30"],
        };
        var locationArray = locations.ToJsonArray();
        var body = new JsonObject
        {
            ["id"] = subscriptionId is null ? $"/providers/{canonical}" : $"/subscriptions/{subscriptionId}/providers/{canonical}",
            ["namespace"] = canonical,
            ["resourceTypes"] = new JsonArray([.. types.Select(t => (JsonNode)new JsonObject
            {
                ["resourceType"] = t,
                ["locations"] = locationArray.DeepClone(),
                ["apiVersions"] = versions.ToJsonArray(),
                ["defaultApiVersion"] = versions.Length > 5 ? versions[5] : versions[0],
                ["capabilities"] = "None",
            })]),
        };
        if (subscriptionId is not null)
        {
            body["registrationState"] = "Registered";
            body["registrationPolicy"] = "RegistrationRequired";
        }

        return body;
    }

    private static JsonObject SystemData() => new()
    {
        ["createdBy"] = "admin@contosotest.onmicrosoft.com",
        ["createdByType"] = "User",
        ["createdAt"] = Created,
        ["lastModifiedBy"] = "admin@contosotest.onmicrosoft.com",
        ["lastModifiedByType"] = "User",
        ["lastModifiedAt"] = Created,
    };
}
