using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// The client-credentials token endpoint: /{tenant}/oauth2/v2.0/token (scope), /{tenant}/oauth2/token (v1, resource)
/// and /adfs/oauth2/token (scope and/or resource). Secret (post or basic) or a federated client assertion.
/// </summary>
internal static class EntraTokenEndpoint
{
    private const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", (RequestDelegate)(ctx => TokenAsync(ctx, emu, v2: true)));
        app.MapPost("/{tenant}/oauth2/token", (RequestDelegate)(ctx => TokenAsync(ctx, emu, v2: false)));
    }

    private static async Task TokenAsync(HttpContext ctx, EmulatorContext emu, bool v2)
    {
        var form = await ctx.ReadFormOrEmptyAsync();
        var segment = ctx.Route("tenant") ?? "";
        var adfs = segment.Equals(EntraEndpoints.AdfsTenant, StringComparison.OrdinalIgnoreCase);
        var (basicId, basicSecret) = EntraEndpoints.BasicCredentials(ctx);
        var clientId = NullIfEmpty(form["client_id"]) ?? basicId;
        var secret = NullIfEmpty(form["client_secret"]) ?? basicSecret;
        var assertion = NullIfEmpty(form["client_assertion"]);
        var grantType = form["grant_type"].ToString();
        ctx.Note().Detail = $"fields={string.Join(',', form.Keys)}; scope={form["scope"]}; resource={form["resource"]}";

        if (!EntraEndpoints.TryResolveTenant(emu, segment, out var tenant))
        {
            await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "invalid_request", 90002,
                $"Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
            return;
        }

        if (!grantType.Equals("client_credentials", StringComparison.Ordinal))
        {
            await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "unsupported_grant_type", 70003,
                $"The app requested an unsupported grant type '{grantType}'. The emulator supports client_credentials only.");
            return;
        }

        var sp = clientId is null ? null : emu.State.FindServicePrincipal(clientId);
        // A tenant other than the app's home one: only where it was consented (it holds a grant there).
        if (sp is null || (tenant is not null && !emu.State.TenantsOf(sp.ObjectId, sp.TenantId).Any(t => t.Id == tenant.Id)))
        {
            await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "unauthorized_client", 700016,
                $"Application with identifier '{clientId}' was not found in the directory '{tenant?.DisplayName ?? segment}'. " +
                "This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");
            return;
        }

        var note = ctx.Note();
        note.PrincipalId = sp.ObjectId;
        if (!await AuthenticateClientAsync(ctx, note, sp, secret, assertion, form["client_assertion_type"].ToString()))
        {
            return;
        }

        var scope = NullIfEmpty(form["scope"]);
        var resource = NullIfEmpty(form["resource"]);
        var requested = (v2 && !adfs) ? scope : scope ?? resource;
        if (requested is null)
        {
            await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "invalid_request", 900144,
                $"The request body must contain the following parameter: '{(v2 && !adfs ? "scope" : "resource")}'.");
            return;
        }

        var firstScope = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s =>
            !s.Equals("openid", StringComparison.Ordinal) && !s.Equals("profile", StringComparison.Ordinal)
            && !s.Equals("offline_access", StringComparison.Ordinal)) ?? "";
        if (v2 && !adfs && !firstScope.EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
        {
            await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "invalid_scope", 1002012,
                $"The provided value for scope {requested} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
            return;
        }

        var audience = TokenIssuer.AudienceFromScope(firstScope);
        var tokenTenant = tenant?.Id ?? sp.TenantId;
        var issuer = adfs ? $"{ctx.Origin()}/adfs" : $"{ctx.Origin()}/{tokenTenant}/";
        var (token, info) = emu.Tokens.Issue(
            PrincipalKind.ServicePrincipal, sp.ObjectId, sp.AppId, tokenTenant, sp.DisplayName, audience, issuer);
        note.Audience = audience;

        var seconds = (long)Math.Max(0, (info.ExpiresOn - info.IssuedAt).TotalSeconds);
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        };
        if (!v2 || adfs)
        {
            body["expires_on"] = info.ExpiresOn.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            body["not_before"] = info.IssuedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            body["resource"] = audience;
        }

        ctx.Response.Headers.CacheControl = "no-store, no-cache";
        await ctx.WriteJsonAsync(body);
    }

    private static async Task<bool> AuthenticateClientAsync(
        HttpContext ctx, RequestNote note, ServicePrincipalSeed sp, string? secret, string? assertion, string assertionType)
    {
        if (assertion is not null)
        {
            note.AuthKind = "client_assertion";
            if (!assertionType.Equals(JwtBearerAssertionType, StringComparison.Ordinal))
            {
                await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "invalid_request", 50027,
                    $"Invalid client_assertion_type '{assertionType}'; expected '{JwtBearerAssertionType}'.");
                return false;
            }

            if (sp.FederatedAssertion is null || !sp.FederatedAssertion.Trim().Equals(assertion.Trim(), StringComparison.Ordinal))
            {
                await EntraEndpoints.WriteAadErrorAsync(ctx, 400, "invalid_client", 70021,
                    $"No matching federated identity record found for presented assertion. Assertion audience: 'api://AzureADTokenExchange'. Application '{sp.AppId}'.");
                return false;
            }

            return true;
        }

        if (secret is not null)
        {
            note.AuthKind = "client_secret";
            if (!secret.Equals(sp.Secret, StringComparison.Ordinal))
            {
                await EntraEndpoints.WriteAadErrorAsync(ctx, 401, "invalid_client", 7000215,
                    $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{sp.AppId}'.");
                return false;
            }

            return true;
        }

        await EntraEndpoints.WriteAadErrorAsync(ctx, 401, "invalid_client", 7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        return false;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value)
    {
        var s = value.ToString();
        return s.Length == 0 ? null : s;
    }
}
