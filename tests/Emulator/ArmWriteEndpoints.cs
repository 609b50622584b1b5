using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// The write side of ARM for creating Claude deployments: resource groups, AIServices accounts (with
/// checkDomainAvailability) and deployments, both accounts and deployments as long-running operations
/// (201 + Azure-AsyncOperation, polled until Succeeded or Failed), plus the failures users meet (see README).
/// </summary>
internal static partial class ArmWriteEndpoints
{
    private const string Rg = "/subscriptions/{s}/resourceGroups/{rg}";
    private const string Accounts = "providers/Microsoft.CognitiveServices/accounts";
    public const string ResourceGroupWriteAction = "Microsoft.Resources/subscriptions/resourceGroups/write";
    public const string AccountWriteAction = "Microsoft.CognitiveServices/accounts/write";
    public const string DeploymentWriteAction = "Microsoft.CognitiveServices/accounts/deployments/write";
    public const string DeploymentDeleteAction = "Microsoft.CognitiveServices/accounts/deployments/delete";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu, ArmAccess arm)
    {
        ArmEndpoints.MapArm(app, arm, "PUT", Rg, (ctx, caller) => PutResourceGroupAsync(ctx, caller, emu, arm));
        ArmEndpoints.MapArm(app, arm, "POST", "/subscriptions/{s}/providers/Microsoft.CognitiveServices/checkDomainAvailability",
            (ctx, caller) => CheckDomainAsync(ctx, caller, emu, arm));
        ArmEndpoints.MapArm(app, arm, "PUT", $"{Rg}/{Accounts}/{{a}}", (ctx, caller) => PutAccountAsync(ctx, caller, emu, arm));
        ArmEndpoints.MapArm(app, arm, "PUT", $"{Rg}/{Accounts}/{{a}}/deployments/{{d}}", (ctx, caller) => PutDeploymentAsync(ctx, caller, emu, arm));
        ArmEndpoints.MapArm(app, arm, "DELETE", $"{Rg}/{Accounts}/{{a}}/deployments/{{d}}", (ctx, caller) => DeleteDeploymentAsync(ctx, caller, emu, arm));
        ArmEndpoints.MapArm(app, arm, "GET", "/subscriptions/{s}/providers/Microsoft.CognitiveServices/locations/{loc}/operationResults/{op}",
            (ctx, caller) => OperationAsync(ctx, caller, emu, arm));
    }

    private static async Task PutResourceGroupAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, ResourceGroupWriteAction);
        var rg = ctx.Route("rg")!;
        if (sub is null || !await arm.RequireActionAsync(ctx, caller, $"/subscriptions/{sub.Id}/resourceGroups/{rg}", ResourceGroupWriteAction))
        {
            return;
        }

        var location = (await ctx.ReadJsonOrNullAsync())?["location"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(location))
        {
            await ctx.WriteAzureErrorAsync(400, "LocationRequired", "The location property is required for this definition.");
            return;
        }

        var existing = emu.State.ResourceGroupLocation(sub.Id, rg);
        if (existing is null)
        {
            emu.State.Update(s => s.ResourceGroups.Add(new ResourceGroupSeed { SubscriptionId = sub.Id, Name = rg, Location = location }));
        }

        await ctx.WriteJsonAsync(ArmResources.ResourceGroup(sub.Id, rg, existing ?? location), existing is null ? 201 : 200);
    }

    private static async Task CheckDomainAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.CognitiveServices/checkDomainAvailability/action");
        if (sub is null)
        {
            return;
        }

        var body = await ctx.ReadJsonOrNullAsync();
        var name = body?["subdomainName"]?.GetValue<string>() ?? "";
        var type = body?["type"]?.GetValue<string>() ?? "Microsoft.CognitiveServices/accounts";
        string? reason = null;
        if (!IsValidAccountName(name))
        {
            reason = $"Subdomain name '{name}' is not valid: 2 to 64 letters, digits or hyphens, starting and ending with a letter or digit.";
        }
        else if (emu.State.FindAccountBySubDomain(name) is not null)
        {
            reason = $"Subdomain name '{name}' is already in use.";
        }
        else if (emu.State.IsSoftDeleted(name))
        {
            reason = $"Subdomain name '{name}' is held by a soft-deleted resource; purge it or restore it.";
        }

        await ctx.WriteJsonAsync(new JsonObject
        {
            ["subdomainName"] = name,
            ["isSubdomainAvailable"] = reason is null,
            ["reason"] = reason,
            ["type"] = type,
            ["kind"] = body?["kind"]?.GetValue<string>(),
        });
    }

    private static async Task PutAccountAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, AccountWriteAction);
        var rg = ctx.Route("rg")!;
        var name = ctx.Route("a")!;
        if (sub is null)
        {
            return;
        }

        var id = $"/subscriptions/{sub.Id}/resourceGroups/{rg}/{Accounts}/{name}";
        if (emu.State.ResourceGroupLocation(sub.Id, rg) is null)
        {
            await ctx.WriteAzureErrorAsync(404, "ResourceGroupNotFound", $"Resource group '{rg}' could not be found.");
            return;
        }

        if (!await arm.RequireActionAsync(ctx, caller, id, AccountWriteAction))
        {
            return;
        }

        var body = await ctx.ReadJsonOrNullAsync();
        var location = body?["location"]?.GetValue<string>();
        var kind = body?["kind"]?.GetValue<string>() ?? "";
        var subDomain = body?["properties"]?["customSubDomainName"]?.GetValue<string>() ?? name;
        if (!IsValidAccountName(name) || !IsValidAccountName(subDomain))
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidResourceName", $"Resource name '{name}' or subdomain '{subDomain}' is invalid.");
            return;
        }

        if (string.IsNullOrEmpty(location) || string.IsNullOrEmpty(kind) || body?["sku"]?["name"] is null)
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidRequestContent", "The request content must have location, kind and sku.name.");
            return;
        }

        var existing = emu.State.FindAccount(sub.Id, rg, name);
        if (existing is { ProvisioningState: "Failed" })
        {
            // A PUT again is how ARM retries a resource whose creation failed; its body is the resource's definition from then on.
            ctx.Note().Account = existing.Name;
            emu.State.Update(_ =>
            {
                existing.ProvisioningState = "Creating";
                existing.PublicNetworkAccess = body?["properties"]?["publicNetworkAccess"]?.GetValue<string>() ?? "Enabled";
                existing.DisableLocalAuth = body?["properties"]?["disableLocalAuth"]?.GetValue<bool>() ?? false;
                existing.NetworkDefaultAction = body?["properties"]?["networkAcls"]?["defaultAction"]?.GetValue<string>() ?? "Allow";
                existing.IdentityType = body?["identity"]?["type"]?.GetValue<string>() ?? "None";
                existing.Tags = body?["tags"] is JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value?.GetValue<string>() ?? "") : [];
            });
            var retry = NewOperation(emu, existing.Location, existing.Id, null, null, null);
            if (emu.State.AccountOperationHeader) SetOperationHeaders(ctx, emu, sub.Id, retry);
            await ctx.WriteJsonAsync(ArmResources.Account(existing, emu.FoundryEndpoint(existing)), 200);
            return;
        }

        if (existing is not null)
        {
            ctx.Note().Account = existing.Name;
            await ctx.WriteJsonAsync(ArmResources.Account(existing, emu.FoundryEndpoint(existing)));
            return;
        }

        if (emu.State.IsSoftDeleted(name))
        {
            await ctx.WriteAzureErrorAsync(409, "FlagMustBeSetForRestore",
                $"An existing resource with ID '{id}' has been soft-deleted. To restore the resource, you must specify 'restore' to be 'true' " +
                "in the property. If you don't want to restore existing resource, please purge it first.");
            return;
        }

        if (emu.State.FindAccountBySubDomain(subDomain) is not null)
        {
            await ctx.WriteAzureErrorAsync(400, "CustomDomainInUse", $"Custom domain name '{subDomain}' is already in use.");
            return;
        }

        var account = new AccountSeed
        {
            SubscriptionId = sub.Id, ResourceGroup = rg, Name = name, Kind = kind, Location = location, CustomSubDomainName = subDomain,
            ProvisioningState = "Creating", Key1 = "emukey1" + Guid.NewGuid().ToString("N"), Key2 = "emukey2" + Guid.NewGuid().ToString("N"),
        };
        var operation = NewOperation(emu, location, account.Id, null, null, null);
        emu.State.Update(s => s.Accounts.Add(account));
        ctx.Note().Account = account.Name;
        if (emu.State.AccountOperationHeader) SetOperationHeaders(ctx, emu, sub.Id, operation);
        await ctx.WriteJsonAsync(ArmResources.Account(account, emu.FoundryEndpoint(account)), 201);
    }

    private static async Task PutDeploymentAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var account = await ArmEndpoints.FindAccountAsync(ctx, caller, emu, arm, DeploymentWriteAction);
        if (account is null)
        {
            return;
        }

        var name = ctx.Route("d")!;
        ctx.Note().Deployment = name;
        var body = await ctx.ReadJsonOrNullAsync();
        var model = body?["properties"]?["model"];
        var format = model?["format"]?.GetValue<string>() ?? "";
        var modelName = model?["name"]?.GetValue<string>() ?? "";
        var version = model?["version"]?.GetValue<string>() ?? "";
        var skuName = body?["sku"]?["name"]?.GetValue<string>() ?? "";
        var capacity = body?["sku"]?["capacity"]?.GetValue<int>() ?? 0;
        if (!DeploymentNameRegex().IsMatch(name))
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidResourceName", $"Deployment name '{name}' is invalid.");
            return;
        }

        // api-versions before 2025-10-01-preview do not know modelProviderData: ARM drops it (what users report as
        // "older versions strip the field and return InvalidModelProviderData").
        var providerData = DeploymentPutRules.CarriesProviderData(ctx.Request.Query["api-version"].ToString()) ? body?["properties"]?["modelProviderData"] : null;
        var error = DeploymentPutRules.Check(emu, account, name, format, modelName, version, skuName, capacity, providerData);
        if (error is { } e)
        {
            await ctx.WriteAzureErrorAsync(e.Status, e.Code, e.Message);
            return;
        }

        var existing = emu.State.ListDeployments(account).FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var fault = emu.State.TakeDeployFault(name, modelName);
        if (fault is { AtPut: true })
        {
            await ctx.WriteAzureErrorAsync(fault.Status, fault.Code, fault.Message);
            return;
        }

        var deployment = existing ?? new DeploymentSeed { Name = name };
        emu.State.Update(_ =>
        {
            deployment.ModelFormat = format;
            deployment.ModelName = modelName;
            deployment.ModelVersion = version;
            deployment.SkuName = skuName;
            deployment.Capacity = capacity;
            deployment.ProvisioningState = existing is null ? "Creating" : "Updating";
            if (existing is null)
            {
                account.Deployments.Add(deployment);
            }

            // The resource provider subscribes to the model's Marketplace offer in the caller's name with the first
            // deployment, and so accepts its terms (publisher anthropic, offer anthropic-<model>-offer).
            if (format.Equals("Anthropic", StringComparison.OrdinalIgnoreCase))
            {
                var offer = $"anthropic-{modelName}-offer";
                var agreement = emu.State.Agreements.FirstOrDefault(a => a.SubscriptionId.Equals(account.SubscriptionId, StringComparison.OrdinalIgnoreCase)
                    && a.Publisher == "anthropic" && a.Offer.Equals(offer, StringComparison.OrdinalIgnoreCase));
                if (agreement is null)
                {
                    emu.State.Agreements.Add(new AgreementSeed { SubscriptionId = account.SubscriptionId, Publisher = "anthropic", Offer = offer, Plan = $"anthropic-{modelName}-plan-new", Accepted = true });
                }
                else
                {
                    agreement.Accepted = true;
                }
            }
        });
        var operation = NewOperation(emu, account.Location, account.Id, deployment.Name, fault?.Code, fault?.Message);
        var style = emu.State.DeploymentOperationStyle;
        operation.ByLocation = style == "Location";
        if (style != "None") SetOperationHeaders(ctx, emu, account.SubscriptionId, operation);
        var status = operation.ByLocation ? 202 : existing is null ? 201 : 200;
        if (emu.State.EmptyAcceptedBody)
        {
            ctx.Response.StatusCode = status;
            return;
        }

        await ctx.WriteJsonAsync(ArmResources.Deployment(account, deployment), status);
    }

    private static async Task DeleteDeploymentAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var account = await ArmEndpoints.FindAccountAsync(ctx, caller, emu, arm, DeploymentDeleteAction);
        if (account is null)
        {
            return;
        }

        var name = ctx.Route("d")!;
        var removed = 0;
        emu.State.Update(_ => removed = account.Deployments.RemoveAll(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)));
        ctx.Response.StatusCode = removed == 0 ? 204 : 200;
    }

    private static async Task OperationAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.CognitiveServices/locations/operationResults/read");
        if (sub is null)
        {
            return;
        }

        var operation = emu.State.AdvanceOperation(ctx.Route("op")!);
        if (operation is null)
        {
            await ctx.WriteAzureErrorAsync(404, "OperationNotFound", $"The operation '{ctx.Route("op")}' was not found.");
            return;
        }

        if (operation.ByLocation)
        {
            await LocationAnswerAsync(ctx, emu, operation);
            return;
        }

        var body = new JsonObject
        {
            ["id"] = ctx.Request.Path.Value,
            ["name"] = operation.Id,
            ["status"] = operation.Status,
            ["startTime"] = emu.Tokens.Now.ToString("o", CultureInfo.InvariantCulture),
        };
        if (operation.Status == "Failed")
        {
            body["error"] = new JsonObject
            {
                ["code"] = operation.FailureCode,
                ["message"] = operation.FailureMessage,
            };
        }

        if (operation.Status == "InProgress")
        {
            ctx.Response.Headers.RetryAfter = emu.State.OperationRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await ctx.WriteJsonAsync(body);
    }

    /// <summary>A Location poll: 202 while it runs, then the resource (200), or the failure as an error answer.</summary>
    private static async Task LocationAnswerAsync(HttpContext ctx, EmulatorContext emu, OperationSeed operation)
    {
        switch (operation.Status)
        {
            case "InProgress":
                ctx.Response.Headers.RetryAfter = emu.State.OperationRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                ctx.Response.StatusCode = 202;
                break;
            case "Failed":
                await ctx.WriteAzureErrorAsync(400, operation.FailureCode ?? "Failed", operation.FailureMessage ?? "The operation failed.");
                break;
            default:
                var account = emu.State.Accounts.FirstOrDefault(a => a.Id.Equals(operation.AccountId, StringComparison.OrdinalIgnoreCase));
                var deployment = account?.Deployments.FirstOrDefault(d => d.Name.Equals(operation.Deployment, StringComparison.OrdinalIgnoreCase));
                if (account is null || deployment is null) ctx.Response.StatusCode = 204;
                else await ctx.WriteJsonAsync(ArmResources.Deployment(account, deployment));
                break;
        }
    }

    private static OperationSeed NewOperation(EmulatorContext emu, string location, string accountId, string? deployment, string? code, string? message)
    {
        var operation = new OperationSeed
        {
            Id = Guid.NewGuid().ToString(), Location = location, AccountId = accountId, Deployment = deployment,
            FailureCode = code, FailureMessage = message,
        };
        emu.State.Update(s =>
        {
            operation.PollsLeft = s.OperationPolls;
            s.Operations.Add(operation);
        });
        return operation;
    }

    private static void SetOperationHeaders(HttpContext ctx, EmulatorContext emu, string subscriptionId, OperationSeed operation)
    {
        var url = $"{emu.State.OperationOrigin ?? ctx.Origin()}/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{operation.Location}" +
            $"/operationResults/{operation.Id}?api-version={ctx.Request.Query["api-version"]}";
        ctx.Response.Headers[operation.ByLocation ? "Location" : "Azure-AsyncOperation"] = url;
        ctx.Response.Headers.RetryAfter = emu.State.OperationRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public static bool IsValidAccountName(string name) => AccountNameRegex().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$")]
    private static partial Regex AccountNameRegex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")]
    private static partial Regex DeploymentNameRegex();
}
