using System.Text.Json.Nodes;
using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Deploy;

/// <summary>The emulator's write side: what `foundry-ide deploy` and the real az are tested against must behave as ARM does.</summary>
[TestClass]
public sealed class EmulatorWriteSideTests
{
    private const string Sub = DefaultSeed.SubscriptionId;

    public TestContext TestContext { get; set; } = null!;

    private static string AccountPath(string rg, string name) =>
        $"/subscriptions/{Sub}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name}";

    private static JsonObject DeploymentBody(string model, string version, int capacity, string industry = "technology", bool providerData = true)
    {
        var properties = new JsonObject { ["model"] = new JsonObject { ["format"] = "Anthropic", ["name"] = model, ["version"] = version } };
        if (providerData)
        {
            properties["modelProviderData"] = new JsonObject { ["organizationName"] = "Contoso", ["industry"] = industry, ["countryCode"] = "US" };
        }

        return new JsonObject { ["sku"] = new JsonObject { ["name"] = "GlobalStandard", ["capacity"] = capacity }, ["properties"] = properties };
    }

    private async Task<(AzureEmulator Emulator, EmulatorArmClient Arm)> StartAsync(Action<EmulatorState>? seed = null)
    {
        var state = EmulatorState.CreateDefault();
        state.RoleGrants.Add(RolePermissions.Owner(DefaultSeed.ServicePrincipalObjectId, $"/subscriptions/{Sub}"));
        seed?.Invoke(state);
        var emulator = await AzureEmulator.StartAsync(state, TestAzure.Ca, ct: TestContext.CancellationToken);
        return (emulator, new EmulatorArmClient(emulator));
    }

    [TestMethod]
    public async Task PutAccountAndDeployment_NewResourceGroup_RunAsLongRunningOperationsToSucceeded()
    {
        var (emulator, arm) = await StartAsync();
        await using var _ = emulator;
        using var __ = arm;

        var (rgStatus, _, _) = await arm.SendAsync(HttpMethod.Put, $"/subscriptions/{Sub}/resourceGroups/rg-new?api-version=2022-09-01",
            new JsonObject { ["location"] = "swedencentral" });
        Assert.AreEqual(201, rgStatus);

        var (available, availability, _) = await arm.SendAsync(HttpMethod.Post,
            $"/subscriptions/{Sub}/providers/Microsoft.CognitiveServices/checkDomainAvailability?api-version=2025-06-01",
            new JsonObject { ["subdomainName"] = DefaultSeed.FoundrySubDomain, ["type"] = "Microsoft.CognitiveServices/accounts" });
        Assert.AreEqual(200, available);
        Assert.IsFalse(availability!["isSubdomainAvailable"]!.GetValue<bool>(), "an existing account's subdomain is taken");

        var (created, account, response) = await arm.SendAsync(HttpMethod.Put, AccountPath("rg-new", "fresh-ai") + "?api-version=2025-06-01",
            new JsonObject
            {
                ["location"] = "swedencentral", ["kind"] = "AIServices", ["sku"] = new JsonObject { ["name"] = "S0" },
                ["properties"] = new JsonObject { ["customSubDomainName"] = "fresh-ai-x1" },
            });
        Assert.AreEqual(201, created);
        Assert.AreEqual("Creating", account!["properties"]!["provisioningState"]!.GetValue<string>());
        var (_, accountOp) = await arm.PollAsync(response.Headers.GetValues("Azure-AsyncOperation").Single() is var u ? new Uri(u) : null!);
        Assert.AreEqual("Succeeded", accountOp!["status"]!.GetValue<string>());

        var (put, deployment, putResponse) = await arm.SendAsync(HttpMethod.Put,
            AccountPath("rg-new", "fresh-ai") + "/deployments/claude-sonnet-4-5?api-version=2025-10-01-preview", DeploymentBody("claude-sonnet-4-5", "20250929", 10));
        Assert.AreEqual(201, put, deployment?.ToJsonString());
        Assert.AreEqual("Creating", deployment!["properties"]!["provisioningState"]!.GetValue<string>());
        var operation = new Uri(putResponse.Headers.GetValues("Azure-AsyncOperation").Single());

        var (parallel, conflict, _) = await arm.SendAsync(HttpMethod.Put,
            AccountPath("rg-new", "fresh-ai") + "/deployments/claude-haiku-4-5?api-version=2025-10-01-preview", DeploymentBody("claude-haiku-4-5", "20251001", 10));
        Assert.AreEqual(409, parallel, "a second PUT while one runs on the account");
        Assert.AreEqual("RequestConflict", conflict!["error"]!["code"]!.GetValue<string>());

        var (_, done) = await arm.PollAsync(operation);
        Assert.AreEqual("Succeeded", done!["status"]!.GetValue<string>());
        var (_, got, _) = await arm.SendAsync(HttpMethod.Get, AccountPath("rg-new", "fresh-ai") + "/deployments/claude-sonnet-4-5?api-version=2025-06-01");
        Assert.AreEqual("Succeeded", got!["properties"]!["provisioningState"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow("no-data", 400, "InvalidModelProviderData")]
    [DataRow("old-api", 400, "InvalidModelProviderData")]
    [DataRow("Technology", 400, "AnthropicOrganizationCreationException")]
    [DataRow("quota", 400, "InsufficientQuota")]
    [DataRow("failed-name", 409, "DeploymentInFailedState")]
    [DataRow("westus", 400, "DeploymentModelNotSupported")]
    public async Task PutDeployment_KnownMistake_AnswersAzuresError(string mistake, int status, string code)
    {
        var (emulator, arm) = await StartAsync();
        await using var _ = emulator;
        using var __ = arm;
        var foundry = AccountPath(DefaultSeed.ResourceGroup, DefaultSeed.FoundryAccount);
        var (path, body) = mistake switch
        {
            "no-data" => ($"{foundry}/deployments/s2", DeploymentBody("claude-sonnet-4-5", "20250929", 10, providerData: false)),
            "old-api" => ($"{foundry}/deployments/s2", DeploymentBody("claude-sonnet-4-5", "20250929", 10)),
            "Technology" => ($"{foundry}/deployments/s2", DeploymentBody("claude-sonnet-4-5", "20250929", 10, industry: "Technology")),
            "quota" => ($"{foundry}/deployments/h2", DeploymentBody("claude-haiku-4-5", "20251001", 51)),
            "failed-name" => ($"{AccountPath(DefaultSeed.ResourceGroup, DefaultSeed.WestAccount)}/deployments/{DefaultSeed.FailedDeployment}",
                DeploymentBody("claude-opus-4-5", "20251101", 10)),
            _ => ($"{AccountPath(DefaultSeed.ResourceGroup, DefaultSeed.WestAccount)}/deployments/s2", DeploymentBody("claude-sonnet-4-5", "20250929", 10)),
        };

        var (actual, error, _) = await arm.SendAsync(HttpMethod.Put, path + $"?api-version={(mistake == "old-api" ? "2025-06-01" : "2025-10-01-preview")}", body);

        Assert.AreEqual(status, actual, error?.ToJsonString());
        Assert.AreEqual(code, error!["error"]!["code"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task PutDeployment_FaultAtTheEnd_LeavesAFailedDeploymentAndAFailedOperation()
    {
        var (emulator, arm) = await StartAsync(s => s.DeployFaults.Add(new DeployFaultSeed
        {
            Match = "claude-opus-4-5", Code = "715-123420", Message = "An error occurred. Please reach out to support for additional assistance.", AtPut = false,
        }));
        await using var _ = emulator;
        using var __ = arm;
        var path = AccountPath(DefaultSeed.ResourceGroup, DefaultSeed.FoundryAccount) + "/deployments/opus45?api-version=2025-10-01-preview";

        var (put, _, response) = await arm.SendAsync(HttpMethod.Put, path, DeploymentBody("claude-opus-4-5", "20251101", 10));
        var (_, done) = await arm.PollAsync(new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single()));

        Assert.AreEqual(201, put);
        Assert.AreEqual("Failed", done!["status"]!.GetValue<string>());
        Assert.AreEqual("715-123420", done["error"]!["code"]!.GetValue<string>());
        var (_, got, _) = await arm.SendAsync(HttpMethod.Get, path);
        Assert.AreEqual("Failed", got!["properties"]!["provisioningState"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task CatalogueUsagesCapacities_DefaultSeed_DescribeWhatMayBeDeployed()
    {
        var (emulator, arm) = await StartAsync();
        await using var _ = emulator;
        using var __ = arm;
        var provider = $"/subscriptions/{Sub}/providers/Microsoft.CognitiveServices";

        var (_, models, _) = await arm.SendAsync(HttpMethod.Get, $"{provider}/locations/eastus2/models?api-version=2025-06-01");
        var (_, none, _) = await arm.SendAsync(HttpMethod.Get, $"{provider}/locations/westus/models?api-version=2025-06-01");
        var (_, usages, _) = await arm.SendAsync(HttpMethod.Get, $"{provider}/locations/eastus2/usages?api-version=2025-06-01");
        var (_, capacities, _) = await arm.SendAsync(HttpMethod.Get,
            $"{provider}/modelCapacities?api-version=2025-06-01&modelFormat=Anthropic&modelName=claude-haiku-4-5&modelVersion=20251001");

        var names = models!["value"]!.AsArray().Select(m => m!["model"]!["name"]!.GetValue<string>()).ToArray();
        CollectionAssert.Contains(names, "claude-sonnet-4-5");
        Assert.IsEmpty(none!["value"]!.AsArray());
        var haiku = usages!["value"]!.AsArray().Single(u => u!["name"]!["value"]!.GetValue<string>() == "AIServices.GlobalStandard.claude-haiku-4-5");
        Assert.AreEqual(200, haiku!["currentValue"]!.GetValue<int>());
        Assert.AreEqual(250, haiku["limit"]!.GetValue<int>());
        Assert.AreEqual(50, capacities!["value"]![0]!["properties"]!["availableCapacity"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task RoleAssignment_WithDelay_DataPlaneRefusesUntilItApplies()
    {
        var (emulator, arm) = await StartAsync(s => s.RoleAssignmentDelayMs = 1500);
        await using var _ = emulator;
        using var __ = arm;
        var account = AccountPath(DefaultSeed.ResourceGroup, DefaultSeed.FoundryAccount);
        var mi = DefaultSeed.ManagedIdentityObjectId;
        emulator.State.RemoveGrants(mi);
        var dataToken = emulator.IssueToken(DefaultSeed.ManagedIdentityClientId, "https://cognitiveservices.azure.com");
        var message = new JsonObject
        {
            ["model"] = DefaultSeed.SonnetDeployment, ["max_tokens"] = 1,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "ping" }),
        };

        var (put, assignment, _) = await arm.SendAsync(HttpMethod.Put,
            $"{account}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}?api-version=2022-04-01",
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = $"/subscriptions/{Sub}/providers/Microsoft.Authorization/roleDefinitions/53ca6127-db72-4b80-b1b0-d745d6d5456d",
                    ["principalId"] = mi, ["principalType"] = "ServicePrincipal",
                },
            });
        var (before, _, _) = await arm.SendAsync(HttpMethod.Post, $"accounts/{DefaultSeed.FoundrySubDomain}/anthropic/v1/messages", message, dataToken);
        await Task.Delay(2500, TestContext.CancellationToken);
        var (after, _, _) = await arm.SendAsync(HttpMethod.Post, $"accounts/{DefaultSeed.FoundrySubDomain}/anthropic/v1/messages", message, dataToken);
        var (_, listed, _) = await arm.SendAsync(HttpMethod.Get,
            $"/subscriptions/{Sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId eq '{mi}'");

        Assert.AreEqual(201, put, assignment?.ToJsonString());
        Assert.AreEqual(403, before);
        Assert.AreEqual(200, after);
        Assert.HasCount(1, listed!["value"]!.AsArray());
    }
}
