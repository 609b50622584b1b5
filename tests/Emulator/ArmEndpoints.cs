using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// ARM: tenants, subscriptions, resource groups, Microsoft.CognitiveServices accounts/deployments/listKeys, providers,
/// Resource Graph. Every route waits <see cref="EmulatorOptions.ArmLatency"/> first.
/// </summary>
internal static class ArmEndpoints
{
    private const string Rg = "/subscriptions/{s}/resourceGroups/{rg}";
    private const string Accounts = "providers/Microsoft.CognitiveServices/accounts";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        var arm = new ArmAccess(emu);
        void Get(string pattern, Func<HttpContext, IssuedToken, Task> handler) => MapArm(app, arm, "GET", pattern, handler);

        Get("/tenants", (ctx, caller) => arm.WritePageAsync(ctx, Tenants(emu, caller)));
        Get("/subscriptions", (ctx, caller) => arm.WritePageAsync(ctx, Subscriptions(emu, caller), body =>
            body["count"] = new JsonObject { ["type"] = "Total", ["value"] = ((JsonArray)body["value"]!).Count }));
        Get("/subscriptions/{s}", async (ctx, caller) =>
        {
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, RolePermissions.SubscriptionReadAction);
            if (sub is not null)
            {
                await ctx.WriteJsonAsync(ArmResources.Subscription(sub));
            }
        });
        Get("/subscriptions/{s}/resourceGroups", (ctx, caller) => ListResourceGroupsAsync(ctx, caller, emu, arm));
        Get(Rg, (ctx, caller) => GetResourceGroupAsync(ctx, caller, emu, arm));
        Get($"/subscriptions/{{s}}/{Accounts}", (ctx, caller) => ListAccountsAsync(ctx, caller, emu, arm, null));
        Get($"{Rg}/{Accounts}", (ctx, caller) => ListAccountsAsync(ctx, caller, emu, arm, ctx.Route("rg")));
        Get($"{Rg}/{Accounts}/{{a}}", async (ctx, caller) =>
        {
            var account = await FindAccountAsync(ctx, caller, emu, arm, RolePermissions.AccountsReadAction);
            if (account is not null)
            {
                if (!emu.State.AccountOperationHeader) emu.State.AdvanceByGet(account.Id);
                await ctx.WriteJsonAsync(ArmResources.Account(account, emu.FoundryEndpoint(account)));
            }
        });
        Get($"{Rg}/{Accounts}/{{a}}/deployments", async (ctx, caller) =>
        {
            var account = await FindAccountAsync(ctx, caller, emu, arm, RolePermissions.DeploymentsReadAction);
            if (account is not null)
            {
                await arm.WritePageAsync(ctx, [.. emu.State.ListDeployments(account).Select(d => (JsonNode)ArmResources.Deployment(account, d))]);
            }
        });
        Get($"{Rg}/{Accounts}/{{a}}/deployments/{{d}}", GetDeploymentAsync);
        MapArm(app, arm, "POST", $"{Rg}/{Accounts}/{{a}}/listKeys", ListKeysAsync);
        ArmPermissionsEndpoints.Map(app, emu, arm, MapArm);
        ResourceGraphEndpoints.Map(app, emu, arm);
        ArmWriteEndpoints.Map(app, emu, arm);
        ArmCatalogueEndpoints.Map(app, emu, arm);
        RoleAssignmentEndpoints.Map(app, emu, arm);

        async Task GetDeploymentAsync(HttpContext ctx, IssuedToken caller)
        {
            var account = await FindAccountAsync(ctx, caller, emu, arm, RolePermissions.DeploymentsReadAction);
            if (account is null)
            {
                return;
            }

            var name = ctx.Route("d")!;
            if (emu.State.DeploymentOperationStyle == "None") emu.State.AdvanceByGet(account.Id, name);
            var deployment = emu.State.ListDeployments(account).FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            await (deployment is null
                ? ctx.WriteAzureErrorAsync(404, "DeploymentNotFound", $"The deployment '{name}' was not found under account '{account.Name}'.")
                : ctx.WriteJsonAsync(ArmResources.Deployment(account, deployment)));
        }

        async Task ListKeysAsync(HttpContext ctx, IssuedToken caller)
        {
            var account = await FindAccountAsync(ctx, caller, emu, arm, RolePermissions.ListKeysAction);
            if (account is null)
            {
                return;
            }

            await (account.DisableLocalAuth
                ? ctx.WriteAzureErrorAsync(400, "BadRequest", "Failed to list key. disableLocalAuth is set to be true")
                : ctx.WriteJsonAsync(new JsonObject { ["key1"] = account.Key1, ["key2"] = account.Key2 }));
        }
    }

    /// <summary>Maps an ARM route: authenticates (bearer + api-version) before calling the handler.</summary>
    internal static void MapArm(
        IEndpointRouteBuilder app, ArmAccess arm, string method, string pattern, Func<HttpContext, IssuedToken, Task> handler)
    {
        app.MapMethods(pattern, [method], (RequestDelegate)(async ctx =>
        {
            await arm.DelayAsync(ctx);
            if (arm.LowerCaseStates) ctx.Items[HttpHelpers.LowerCaseStates] = true;
            var caller = await arm.AuthenticateAsync(ctx);
            if (caller is not null && !await arm.RefuseUnregisteredAsync(ctx))
            {
                await handler(ctx, caller);
            }
        }));
    }

    private static List<JsonNode> Tenants(EmulatorContext emu, IssuedToken caller)
    {
        // Every tenant the identity has access to, whichever tenant the token is from (as ARM's GET /tenants).
        return [.. emu.State.TenantsOf(caller.ObjectId, caller.TenantId).Select(t => (JsonNode)ArmResources.Tenant(t))];
    }

    private static List<JsonNode> Subscriptions(EmulatorContext emu, IssuedToken caller)
    {
        List<SubscriptionSeed> subs;
        lock (emu.State.SyncRoot)
        {
            subs = [.. emu.State.Subscriptions];
        }

        return [.. subs
            .Where(s => s.TenantId.Equals(caller.TenantId, StringComparison.OrdinalIgnoreCase)
                && emu.State.HasAnyGrantTouching(caller.ObjectId, $"/subscriptions/{s.Id}"))
            .Select(s => (JsonNode)ArmResources.Subscription(s))];
    }

    private static async Task ListResourceGroupsAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, RolePermissions.ResourceGroupReadAction);
        if (sub is null)
        {
            return;
        }

        var groups = emu.State.ListResourceGroups(sub.Id)
            .Where(g => emu.State.HasAnyGrantTouching(caller.ObjectId, $"/subscriptions/{sub.Id}/resourceGroups/{g.Name}"))
            .Select(g => (JsonNode)ArmResources.ResourceGroup(sub.Id, g.Name, g.Location));
        await arm.WritePageAsync(ctx, [.. groups]);
    }

    private static async Task GetResourceGroupAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, RolePermissions.ResourceGroupReadAction);
        if (sub is null)
        {
            return;
        }

        var rg = ctx.Route("rg")!;
        var location = emu.State.ResourceGroupLocation(sub.Id, rg);
        var scope = $"/subscriptions/{sub.Id}/resourceGroups/{rg}";
        if (location is null)
        {
            await ctx.WriteAzureErrorAsync(404, "ResourceGroupNotFound", $"Resource group '{rg}' could not be found.");
        }
        else if (!emu.State.HasAnyGrantTouching(caller.ObjectId, scope))
        {
            await ArmAccess.ForbiddenAsync(ctx, caller, RolePermissions.ResourceGroupReadAction, scope);
        }
        else
        {
            var name = emu.State.ListResourceGroups(sub.Id).First(g => g.Name.Equals(rg, StringComparison.OrdinalIgnoreCase)).Name;
            await ctx.WriteJsonAsync(ArmResources.ResourceGroup(sub.Id, name, location));
        }
    }

    /// <summary>
    /// Lists the accounts the caller may read (ARM filters collection GETs by RBAC); 403 when no grant at, above or
    /// below the scope allows reading accounts (e.g. a subscription the caller sees only through subscriptions/read).
    /// </summary>
    private static async Task ListAccountsAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm, string? rg)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, RolePermissions.AccountsReadAction);
        if (sub is null)
        {
            return;
        }

        var scope = rg is null ? $"/subscriptions/{sub.Id}" : $"/subscriptions/{sub.Id}/resourceGroups/{rg}";
        if (!arm.CanListUnder(caller, scope, RolePermissions.AccountsReadAction))
        {
            await ArmAccess.ForbiddenAsync(ctx, caller, RolePermissions.AccountsReadAction, scope);
            return;
        }

        var accounts = emu.State.ListAccounts(sub.Id, rg);
        if (rg is not null && emu.State.ResourceGroupLocation(sub.Id, rg) is null)
        {
            await ctx.WriteAzureErrorAsync(404, "ResourceGroupNotFound", $"Resource group '{rg}' could not be found.");
            return;
        }

        var hostileLink = emu.State.AccountListNextLinks.GetValueOrDefault(sub.Id);
        await arm.WritePageAsync(ctx, [.. accounts
            .Where(a => arm.CanDo(caller, a.Id, RolePermissions.AccountsReadAction))
            .Select(a => (JsonNode)ArmResources.Account(a, emu.FoundryEndpoint(a)))],
            hostileLink is null ? null : body => body["nextLink"] = hostileLink);
    }

    /// <summary>Resolves {s}/{rg}/{a}; writes 404/403 and returns null when missing or not allowed.</summary>
    internal static async Task<AccountSeed?> FindAccountAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm, string action)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, action);
        if (sub is null)
        {
            return null;
        }

        var rg = ctx.Route("rg")!;
        var name = ctx.Route("a")!;
        var account = emu.State.FindAccount(sub.Id, rg, name);
        if (account is null)
        {
            var noGroup = emu.State.ResourceGroupLocation(sub.Id, rg) is null;
            await ctx.WriteAzureErrorAsync(404, noGroup ? "ResourceGroupNotFound" : "ResourceNotFound",
                noGroup
                    ? $"Resource group '{rg}' could not be found."
                    : $"The Resource 'Microsoft.CognitiveServices/accounts/{name}' under resource group '{rg}' was not found. " +
                      "For more details please go to https://aka.ms/ARMResourceNotFoundFix");
            return null;
        }

        ctx.Note().Account = account.Name;
        return await arm.RequireActionAsync(ctx, caller, account.Id, action) ? account : null;
    }
}
