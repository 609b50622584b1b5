using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// Microsoft.Authorization role definitions (a few built-ins) and role assignments at a subscription, resource group or
/// account scope. A new assignment's permissions apply after <see cref="EmulatorState.RoleAssignmentDelayMs"/>, as
/// Azure's take minutes: until then the data plane answers 401/403.
/// </summary>
internal static class RoleAssignmentEndpoints
{
    public const string WriteAction = "Microsoft.Authorization/roleAssignments/write";
    private const string Suffix = "providers/Microsoft.Authorization";
    private const string Rg = "/subscriptions/{s}/resourceGroups/{rg}";
    private const string Account = Rg + "/providers/Microsoft.CognitiveServices/accounts/{a}";

    /// <summary>Built-in role definition ids and the permissions the emulator gives them.</summary>
    public static readonly (string Id, string Name, Func<string, string, RoleGrant> Grant)[] BuiltIns =
    [
        ("53ca6127-db72-4b80-b1b0-d745d6d5456d", "Azure AI User", RolePermissions.AzureAIUser),
        ("a97b65f3-24c7-4388-baec-2e87135dc908", "Cognitive Services User", RolePermissions.CognitiveServicesUser),
        ("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "Cognitive Services OpenAI User", RolePermissions.CognitiveServicesOpenAIUser),
        ("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", RolePermissions.Reader),
        ("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", RolePermissions.Contributor),
        ("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", RolePermissions.Owner),
        ("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", RolePermissions.UserAccessAdministrator),
    ];

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu, ArmAccess arm)
    {
        foreach (var scope in new[] { "/subscriptions/{s}", Rg, Account })
        {
            ArmEndpoints.MapArm(app, arm, "PUT", $"{scope}/{Suffix}/roleAssignments/{{name}}", (ctx, caller) => PutAsync(ctx, caller, emu, arm));
            ArmEndpoints.MapArm(app, arm, "GET", $"{scope}/{Suffix}/roleAssignments", (ctx, caller) => ListAsync(ctx, caller, emu, arm));
            ArmEndpoints.MapArm(app, arm, "GET", $"{scope}/{Suffix}/roleDefinitions", (ctx, caller) => DefinitionsAsync(ctx, caller, arm));
            ArmEndpoints.MapArm(app, arm, "GET", $"{scope}/{Suffix}/roleDefinitions/{{id}}", (ctx, caller) => DefinitionAsync(ctx, caller, arm));
        }
    }

    private static string ScopeOf(HttpContext ctx)
    {
        var scope = $"/subscriptions/{ctx.Route("s")}";
        if (ctx.Route("rg") is { } rg) scope += $"/resourceGroups/{rg}";
        if (ctx.Route("a") is { } a) scope += $"/providers/Microsoft.CognitiveServices/accounts/{a}";
        return scope;
    }

    private static async Task PutAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, WriteAction);
        var scope = ScopeOf(ctx);
        if (sub is null || !await arm.RequireActionAsync(ctx, caller, scope, WriteAction))
        {
            return;
        }

        var properties = (await ctx.ReadJsonOrNullAsync())?["properties"];
        var definitionId = properties?["roleDefinitionId"]?.GetValue<string>() ?? "";
        var principalId = properties?["principalId"]?.GetValue<string>() ?? "";
        var builtIn = BuiltIns.FirstOrDefault(b => definitionId.EndsWith("/" + b.Id, StringComparison.OrdinalIgnoreCase));
        if (builtIn.Id is null || !Guid.TryParse(principalId, out _) || !Guid.TryParse(ctx.Route("name"), out _))
        {
            await ctx.WriteAzureErrorAsync(400, "InvalidRoleAssignmentRequest",
                "The role definition id, the principal id and the assignment name must name a known role definition and be GUIDs.");
            return;
        }

        RoleAssignmentSeed? existing;
        lock (emu.State.SyncRoot)
        {
            existing = emu.State.RoleAssignments.FirstOrDefault(r => Same(r.Scope, scope) && Same(r.PrincipalId, principalId)
                && r.RoleDefinitionId.EndsWith("/" + builtIn.Id, StringComparison.OrdinalIgnoreCase));
        }

        if (existing is not null)
        {
            await ctx.WriteAzureErrorAsync(409, "RoleAssignmentExists", "The role assignment already exists.");
            return;
        }

        var assignment = new RoleAssignmentSeed
        {
            Name = ctx.Route("name")!, Scope = scope, PrincipalId = principalId, CreatedOn = emu.Tokens.Now,
            RoleDefinitionId = $"/subscriptions/{sub.Id}/providers/Microsoft.Authorization/roleDefinitions/{builtIn.Id}",
            PrincipalType = properties?["principalType"]?.GetValue<string>() ?? "User",
        };
        emu.State.Update(s => s.RoleAssignments.Add(assignment));
        var grant = builtIn.Grant(principalId, scope);
        var delay = emu.State.RoleAssignmentDelayMs;
        if (delay <= 0)
        {
            emu.State.AddGrant(grant);
        }
        else
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(delay);
                emu.State.AddGrant(grant);
            });
        }

        await ctx.WriteJsonAsync(AssignmentJson(assignment), 201);
    }

    private static async Task ListAsync(HttpContext ctx, IssuedToken caller, EmulatorContext emu, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Authorization/roleAssignments/read");
        if (sub is null)
        {
            return;
        }

        var scope = ScopeOf(ctx);
        var filter = ctx.Request.Query["$filter"].ToString();
        var principal = Quoted(filter, "principalId eq '");
        var atScope = filter.Contains("atScope()", StringComparison.OrdinalIgnoreCase);
        List<RoleAssignmentSeed> all;
        lock (emu.State.SyncRoot)
        {
            all = [.. emu.State.RoleAssignments];
        }

        await arm.WritePageAsync(ctx, [.. all
            .Where(r => RolePermissions.IsAtOrBelow(scope, r.Scope) || (!atScope && RolePermissions.IsAtOrBelow(r.Scope, scope)))
            .Where(r => principal is null || Same(r.PrincipalId, principal))
            .Select(r => (JsonNode)AssignmentJson(r))]);
    }

    private static async Task DefinitionsAsync(HttpContext ctx, IssuedToken caller, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Authorization/roleDefinitions/read");
        if (sub is null)
        {
            return;
        }

        var filter = ctx.Request.Query["$filter"].ToString();
        var name = Quoted(filter, "roleName eq '");
        await arm.WritePageAsync(ctx, [.. BuiltIns.Where(b => name is null || Same(b.Name, name)).Select(b => (JsonNode)DefinitionJson(sub.Id, b))]);
    }

    private static async Task DefinitionAsync(HttpContext ctx, IssuedToken caller, ArmAccess arm)
    {
        var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.Authorization/roleDefinitions/read");
        if (sub is null)
        {
            return;
        }

        var builtIn = BuiltIns.FirstOrDefault(b => Same(b.Id, ctx.Route("id")!));
        await (builtIn.Id is null
            ? ctx.WriteAzureErrorAsync(404, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{ctx.Route("id")}' does not exist.")
            : ctx.WriteJsonAsync(DefinitionJson(sub.Id, builtIn)));
    }

    private static JsonObject AssignmentJson(RoleAssignmentSeed r) => new()
    {
        ["id"] = $"{r.Scope}/providers/Microsoft.Authorization/roleAssignments/{r.Name}",
        ["name"] = r.Name,
        ["type"] = "Microsoft.Authorization/roleAssignments",
        ["properties"] = new JsonObject
        {
            ["roleDefinitionId"] = r.RoleDefinitionId,
            ["principalId"] = r.PrincipalId,
            ["principalType"] = r.PrincipalType,
            ["scope"] = r.Scope,
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["createdOn"] = r.CreatedOn.ToString("o", CultureInfo.InvariantCulture),
            ["updatedOn"] = r.CreatedOn.ToString("o", CultureInfo.InvariantCulture),
            ["createdBy"] = null,
            ["updatedBy"] = null,
            ["delegatedManagedIdentityResourceId"] = null,
            ["description"] = null,
        },
    };

    private static JsonObject DefinitionJson(string subscriptionId, (string Id, string Name, Func<string, string, RoleGrant> Grant) b)
    {
        var g = b.Grant("", "/");
        return new JsonObject
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{b.Id}",
            ["name"] = b.Id,
            ["type"] = "Microsoft.Authorization/roleDefinitions",
            ["properties"] = new JsonObject
            {
                ["roleName"] = b.Name,
                ["type"] = "BuiltInRole",
                ["description"] = b.Name,
                ["assignableScopes"] = HttpHelpers.Strings("/"),
                ["permissions"] = new JsonArray(ArmResources.Permission(g)),
            },
        };
    }

    /// <summary>The quoted value after <paramref name="prefix"/> in an OData filter, or null.</summary>
    private static string? Quoted(string filter, string prefix)
    {
        var at = filter.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = filter[(at + prefix.Length)..];
        var end = rest.IndexOf('\'', StringComparison.Ordinal);
        return end < 0 ? null : rest[..end];
    }

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}
