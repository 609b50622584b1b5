using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FoundryIde.Emulator;

/// <summary>ARM authentication (bearer token with an ARM audience, api-version), RBAC checks and paging.</summary>
internal sealed class ArmAccess(EmulatorContext emu)
{
    public bool LowerCaseStates => emu.State.LowerCaseStates;

    private static readonly string[] PublicArmAudiences =
    [
        "https://management.azure.com",
        "https://management.core.windows.net",
    ];

    /// <summary>
    /// A call to Microsoft.CognitiveServices (below /providers/Microsoft.CognitiveServices/) in a subscription where it
    /// is not registered yet: ARM's 409, written here (true). Reading the provider and registering it pass.
    /// </summary>
    public async Task<bool> RefuseUnregisteredAsync(HttpContext ctx)
    {
        const string Namespace = "/providers/Microsoft.CognitiveServices/";
        var path = ctx.Request.Path.Value ?? "";
        var at = path.IndexOf(Namespace, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || !path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(Namespace + "register", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var subscriptionId = path.Split('/')[2];
        if (emu.State.CognitiveServicesRegistration(subscriptionId, poll: false) == "Registered") return false;
        const string message = "The subscription is not registered to use namespace 'Microsoft.CognitiveServices'. See https://aka.ms/rps-not-found for how to register subscriptions.";
        await ctx.WriteAzureErrorAsync(409, "MissingSubscriptionRegistration", message);
        return true;
    }

    /// <summary>Validates the caller; on failure writes the ARM error and returns null.</summary>
    public async Task<IssuedToken?> AuthenticateAsync(HttpContext ctx)
    {
        var note = ctx.Note();
        var raw = ctx.BearerToken();
        if (raw is null)
        {
            await UnauthorizedAsync(ctx, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
            return null;
        }

        note.AuthKind = "bearer";
        var token = emu.Tokens.Find(raw);
        if (token is null)
        {
            await UnauthorizedAsync(ctx, "InvalidAuthenticationToken", "The access token is invalid.");
            return null;
        }

        note.PrincipalId = token.ObjectId;
        note.Audience = token.Audience;
        if (emu.Tokens.IsExpired(token))
        {
            await UnauthorizedAsync(ctx, "ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{token.ExpiresOn.UtcDateTime.ToString(CultureInfo.InvariantCulture)}' is earlier than " +
                $"current UTC time '{emu.Tokens.Now.UtcDateTime.ToString(CultureInfo.InvariantCulture)}'.");
            return null;
        }

        if (!IsArmAudience(ctx, token.Audience))
        {
            await UnauthorizedAsync(ctx, "InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{token.Audience}'. It should exactly match with one of the " +
                "allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.");
            return null;
        }

        if (string.IsNullOrEmpty(ctx.Request.Query["api-version"]))
        {
            await ctx.WriteAzureErrorAsync(400, "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
            return null;
        }

        return token;
    }

    /// <summary>404 when the subscription does not exist, 403 when the caller has no grant at, above or below it.</summary>
    public async Task<SubscriptionSeed?> RequireSubscriptionAsync(HttpContext ctx, IssuedToken caller, string subscriptionId, string action)
    {
        var sub = emu.State.FindSubscription(subscriptionId);
        if (sub is null)
        {
            await ctx.WriteAzureErrorAsync(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");
            return null;
        }

        if (!sub.TenantId.Equals(caller.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            await UnauthorizedAsync(ctx, "InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer. It must match the tenant '{sub.TenantId}' associated with this subscription.");
            return null;
        }

        if (!emu.State.HasAnyGrantTouching(caller.ObjectId, $"/subscriptions/{sub.Id}"))
        {
            await ForbiddenAsync(ctx, caller, action, $"/subscriptions/{subscriptionId}");
            return null;
        }

        return sub;
    }

    /// <summary>Writes 403 AuthorizationFailed and returns false unless the caller's grants at or above scope allow the action.</summary>
    public async Task<bool> RequireActionAsync(HttpContext ctx, IssuedToken caller, string scope, string action)
    {
        if (CanDo(caller, scope, action))
        {
            return true;
        }

        await ForbiddenAsync(ctx, caller, action, scope);
        return false;
    }

    public bool CanDo(IssuedToken caller, string scope, string action) =>
        RolePermissions.AllowsAction(emu.State.GrantsCovering(caller.ObjectId, scope), action);

    /// <summary>
    /// ARM's rule for a collection GET at <paramref name="scope"/>: a grant at or above it allowing the action gives the
    /// whole list, one below it gives a filtered list; with neither the call is a 403 (not an empty list).
    /// </summary>
    public bool CanListUnder(IssuedToken caller, string scope, string action) =>
        RolePermissions.AllowsAction(emu.State.GrantsTouching(caller.ObjectId, scope), action);

    /// <summary>Waits <see cref="EmulatorOptions.ArmLatency"/> without holding any lock (requests wait side by side).</summary>
    public Task DelayAsync(HttpContext ctx)
    {
        var latency = emu.Options.ArmLatency;
        return latency > TimeSpan.Zero ? Task.Delay(latency, ctx.RequestAborted) : Task.CompletedTask;
    }

    public static Task ForbiddenAsync(HttpContext ctx, IssuedToken caller, string action, string scope) =>
        ctx.WriteAzureErrorAsync(403, "AuthorizationFailed",
            $"The client '{caller.AppId}' with object id '{caller.ObjectId}' does not have authorization to perform action '{action}' " +
            $"over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    /// <summary>Writes {"value":[page], "nextLink": absolute URL with $skipToken} honouring <see cref="EmulatorOptions.PageSize"/>.</summary>
    public Task WritePageAsync(HttpContext ctx, IReadOnlyList<JsonNode> items, Action<JsonObject>? decorate = null)
    {
        var skip = int.TryParse(ctx.Request.Query["$skipToken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var size = Math.Max(1, emu.Options.PageSize);
        var page = new JsonArray([.. items.Skip(skip).Take(size).Select(i => i.DeepClone())]);
        var body = new JsonObject { ["value"] = page };
        if (skip + size < items.Count)
        {
            var query = ctx.Request.Query
                .Where(kv => !kv.Key.Equals("$skipToken", StringComparison.OrdinalIgnoreCase))
                .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString()))
                .Append(new KeyValuePair<string, string?>("$skipToken", (skip + size).ToString(CultureInfo.InvariantCulture)));
            body["nextLink"] = ctx.Origin() + ctx.Request.PathBase + ctx.Request.Path + QueryString.Create(query);
        }

        decorate?.Invoke(body);
        return ctx.WriteJsonAsync(body);
    }

    private bool IsArmAudience(HttpContext ctx, string audience) =>
        PublicArmAudiences.Any(a => TokenIssuer.SameAudience(a, audience))
        || TokenIssuer.SameAudience(emu.BaseUri.ToString(), audience)
        || TokenIssuer.SameAudience(ctx.Origin(), audience);

    private Task UnauthorizedAsync(HttpContext ctx, string code, string message)
    {
        ctx.Response.Headers.WWWAuthenticate =
            $"Bearer authorization_uri=\"{emu.BaseUri}{DefaultTenant()}\", error=\"invalid_token\", error_description=\"{message.Replace('"', '\'')}\"";
        return ctx.WriteAzureErrorAsync(401, code, message);
    }

    private string DefaultTenant()
    {
        lock (emu.State.SyncRoot)
        {
            return emu.State.Tenants.FirstOrDefault()?.Id ?? "common";
        }
    }
}
