using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// Microsoft.Authorization/permissions (the caller's effective permissions at a scope: one entry per grant at or above it)
/// and resource provider registrations (GET /providers/{ns}, /subscriptions/{s}/providers[/{ns}]).
/// </summary>
internal static class ArmPermissionsEndpoints
{
    private const string PermissionsSuffix = "providers/Microsoft.Authorization/permissions";

    public static void Map(
        IEndpointRouteBuilder app, EmulatorContext emu, ArmAccess arm,
        Action<IEndpointRouteBuilder, ArmAccess, string, string, Func<HttpContext, IssuedToken, Task>> mapArm)
    {
        mapArm(app, arm, "GET", $"/subscriptions/{{s}}/{PermissionsSuffix}", PermissionsAsync);
        mapArm(app, arm, "GET", $"/subscriptions/{{s}}/resourceGroups/{{rg}}/{PermissionsSuffix}", PermissionsAsync);
        mapArm(app, arm, "GET",
            $"/subscriptions/{{s}}/resourceGroups/{{rg}}/providers/Microsoft.CognitiveServices/accounts/{{a}}/{PermissionsSuffix}", PermissionsAsync);
        mapArm(app, arm, "GET", "/providers/{ns}", (ctx, _) => ProviderAsync(ctx, emu, null));
        mapArm(app, arm, "GET", "/subscriptions/{s}/providers/{ns}", async (ctx, caller) =>
        {
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Resources/subscriptions/providers/read");
            if (sub is not null)
            {
                await ProviderAsync(ctx, emu, sub.Id);
            }
        });
        mapArm(app, arm, "POST", "/subscriptions/{s}/providers/{ns}/register", async (ctx, caller) =>
        {
            var ns = ctx.Route("ns")!;
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, $"{ns}/register/action");
            if (sub is not null && await arm.RequireActionAsync(ctx, caller, $"/subscriptions/{sub.Id}", $"{ns}/register/action"))
            {
                if (ns.Equals("Microsoft.CognitiveServices", StringComparison.OrdinalIgnoreCase)) emu.State.RegisterCognitiveServices(sub.Id);
                await ProviderAsync(ctx, emu, sub.Id);
            }
        });
        mapArm(app, arm, "GET", "/subscriptions/{s}/providers", async (ctx, caller) =>
        {
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Resources/subscriptions/providers/read");
            if (sub is not null)
            {
                string[] all =
                [
                    "Microsoft.Authorization", "Microsoft.CognitiveServices", "Microsoft.ManagedIdentity", "Microsoft.ResourceGraph",
                    "Microsoft.Resources",
                ];
                await arm.WritePageAsync(ctx, [.. all.Select(ns => (JsonNode)ArmResources.Provider(ns, sub.Id, Locations(emu))!)]);
            }
        });

        async Task PermissionsAsync(HttpContext ctx, IssuedToken caller)
        {
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Authorization/permissions/read");
            if (sub is null)
            {
                return;
            }

            var scope = $"/subscriptions/{sub.Id}";
            if (ctx.Route("rg") is string rg)
            {
                scope += $"/resourceGroups/{rg}";
            }

            if (ctx.Route("a") is string name)
            {
                var account = emu.State.FindAccount(sub.Id, ctx.Route("rg")!, name);
                if (account is null)
                {
                    await ctx.WriteAzureErrorAsync(404, "ResourceNotFound",
                        $"The Resource 'Microsoft.CognitiveServices/accounts/{name}' under resource group '{ctx.Route("rg")}' was not found. " +
                        "For more details please go to https://aka.ms/ARMResourceNotFoundFix");
                    return;
                }

                ctx.Note().Account = account.Name;
                scope = account.Id;
            }

            await arm.WritePageAsync(ctx, [.. emu.State.GrantsCovering(caller.ObjectId, scope).Select(g => (JsonNode)ArmResources.Permission(g))]);
        }
    }

    private static Task ProviderAsync(HttpContext ctx, EmulatorContext emu, string? subscriptionId)
    {
        var ns = ctx.Route("ns")!;
        var body = ArmResources.Provider(ns, subscriptionId, Locations(emu));
        if (body is not null && subscriptionId is not null && ns.Equals("Microsoft.CognitiveServices", StringComparison.OrdinalIgnoreCase))
        {
            body["registrationState"] = emu.State.CognitiveServicesRegistration(subscriptionId, poll: ctx.Request.Method == "GET");
        }

        return body is null
            ? ctx.WriteAzureErrorAsync(404, "InvalidResourceNamespace", $"The resource namespace '{ns}' is invalid.")
            : ctx.WriteJsonAsync(body);
    }

    private static List<string> Locations(EmulatorContext emu)
    {
        lock (emu.State.SyncRoot)
        {
            return [.. emu.State.Accounts.Select(a => a.Location).Append("eastus").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
        }
    }
}
