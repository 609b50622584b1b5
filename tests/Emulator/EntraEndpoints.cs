using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// Entra ID discovery documents: AAD v2 style (/{tenant}/v2.0/.well-known/openid-configuration), MSAL instance
/// discovery (/common/discovery/instance) and ADFS style (/adfs/.well-known/openid-configuration), plus JWKS.
/// Token requests are in <see cref="EntraTokenEndpoint"/>.
/// </summary>
internal static class EntraEndpoints
{
    public const string AdfsTenant = "adfs";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (RequestDelegate)(ctx => OpenIdConfigurationAsync(ctx, emu)));
        app.MapGet("/{tenant}/.well-known/openid-configuration", (RequestDelegate)(ctx => OpenIdConfigurationAsync(ctx, emu)));
        app.MapGet("/{tenant}/discovery/instance", (RequestDelegate)InstanceDiscoveryAsync);
        app.MapGet("/{tenant}/discovery/v2.0/keys", (RequestDelegate)(ctx => ctx.WriteJsonAsync(emu.Tokens.Jwks())));
        app.MapGet("/{tenant}/discovery/keys", (RequestDelegate)(ctx => ctx.WriteJsonAsync(emu.Tokens.Jwks())));
        EntraTokenEndpoint.Map(app, emu);
    }

    /// <summary>Resolves the tenant segment of an authority: an id, a domain, or organizations/common (null tenant, accepted).</summary>
    public static bool TryResolveTenant(EmulatorContext emu, string segment, out TenantSeed? tenant)
    {
        tenant = null;
        if (IsMultiTenantAlias(segment))
        {
            return true;
        }

        tenant = emu.State.FindTenant(segment);
        return tenant is not null;
    }

    public static bool IsMultiTenantAlias(string segment) =>
        segment.Equals("organizations", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("common", StringComparison.OrdinalIgnoreCase)
        || segment.Equals(AdfsTenant, StringComparison.OrdinalIgnoreCase);

    /// <summary>The AAD error shape: error, error_description (AADSTSnnn: ...), error_codes, timestamp, trace_id, correlation_id.</summary>
    public static Task WriteAadErrorAsync(HttpContext ctx, int status, string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {now}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = now,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"{ctx.Origin()}/error?code={code}",
        };
        return ctx.WriteJsonAsync(body, status);
    }

    private static Task OpenIdConfigurationAsync(HttpContext ctx, EmulatorContext emu)
    {
        var segment = ctx.Route("tenant") ?? "";
        var origin = ctx.Origin();
        if (segment.Equals(AdfsTenant, StringComparison.OrdinalIgnoreCase))
        {
            return ctx.WriteJsonAsync(AdfsConfiguration(origin));
        }

        if (!TryResolveTenant(emu, segment, out var tenant))
        {
            return WriteAadErrorAsync(ctx, 400, "invalid_tenant", 90002,
                $"Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        var v2 = ctx.Request.Path.Value?.Contains("/v2.0/", StringComparison.Ordinal) == true;
        var version = v2 ? "/v2.0" : "";
        var oauth = v2 ? "oauth2/v2.0" : "oauth2";
        var issuerTenant = tenant?.Id ?? "{tenantid}";
        var body = new JsonObject
        {
            ["token_endpoint"] = $"{origin}/{segment}/{oauth}/token",
            ["token_endpoint_auth_methods_supported"] = HttpHelpers.Strings("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{origin}/{segment}/discovery{version}/keys",
            ["response_modes_supported"] = HttpHelpers.Strings("query", "fragment", "form_post"),
            ["subject_types_supported"] = HttpHelpers.Strings("pairwise"),
            ["id_token_signing_alg_values_supported"] = HttpHelpers.Strings("RS256"),
            ["response_types_supported"] = HttpHelpers.Strings("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = HttpHelpers.Strings("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{origin}/{issuerTenant}{version}",
            ["request_uri_parameter_supported"] = false,
            ["userinfo_endpoint"] = $"{origin}/oidc/userinfo",
            ["authorization_endpoint"] = $"{origin}/{segment}/{oauth}/authorize",
            ["device_authorization_endpoint"] = $"{origin}/{segment}/{oauth}/devicecode",
            ["http_logout_supported"] = true,
            ["frontchannel_logout_supported"] = true,
            ["end_session_endpoint"] = $"{origin}/{segment}/{oauth}/logout",
            ["claims_supported"] = HttpHelpers.Strings("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "tid", "oid"),
            ["tenant_region_scope"] = "NA",
            ["cloud_instance_name"] = "microsoftonline.com",
            ["cloud_graph_host_name"] = "graph.windows.net",
            ["msgraph_host"] = "graph.microsoft.com",
            ["rbac_url"] = "https://pas.windows.net",
        };
        return ctx.WriteJsonAsync(body);
    }

    private static JsonObject AdfsConfiguration(string origin) => new()
    {
        ["issuer"] = $"{origin}/adfs",
        ["authorization_endpoint"] = $"{origin}/adfs/oauth2/authorize",
        ["token_endpoint"] = $"{origin}/adfs/oauth2/token",
        ["jwks_uri"] = $"{origin}/adfs/discovery/keys",
        ["token_endpoint_auth_methods_supported"] =
            HttpHelpers.Strings("client_secret_post", "client_secret_basic", "private_key_jwt", "windows_client_authentication"),
        ["response_types_supported"] = HttpHelpers.Strings("code", "id_token", "code id_token", "id_token token", "code token", "code id_token token"),
        ["response_modes_supported"] = HttpHelpers.Strings("query", "fragment", "form_post"),
        ["grant_types_supported"] =
            HttpHelpers.Strings("authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer", "implicit", "password", "device_code"),
        ["subject_types_supported"] = HttpHelpers.Strings("pairwise"),
        ["scopes_supported"] = HttpHelpers.Strings("openid", "profile", "email", "allatclaims", "user_impersonation", "vpn_cert", "aza", "logon_cert"),
        ["id_token_signing_alg_values_supported"] = HttpHelpers.Strings("RS256"),
        ["token_endpoint_auth_signing_alg_values_supported"] = HttpHelpers.Strings("RS256"),
        ["access_token_issuer"] = $"{origin}/adfs/services/trust",
        ["claims_supported"] = HttpHelpers.Strings("aud", "iss", "iat", "exp", "auth_time", "nonce", "at_hash", "c_hash", "sub", "upn", "unique_name", "pwd_url", "pwd_exp", "mfa_auth_time", "sid", "nbf"),
        ["microsoft_multi_refresh_token"] = true,
        ["userinfo_endpoint"] = $"{origin}/adfs/userinfo",
        ["capabilities"] = new JsonArray(),
        ["end_session_endpoint"] = $"{origin}/adfs/oauth2/logout",
        ["as_access_token_token_binding_supported"] = true,
        ["as_refresh_token_token_binding_supported"] = true,
        ["resource_access_token_token_binding_supported"] = true,
        ["op_id_token_token_binding_supported"] = true,
        ["rp_id_token_token_binding_supported"] = true,
        ["frontchannel_logout_supported"] = true,
        ["frontchannel_logout_session_supported"] = true,
        ["device_authorization_endpoint"] = $"{origin}/adfs/oauth2/devicecode",
    };

    /// <summary>MSAL instance discovery: tells MSAL the authority is known and where its OIDC document is.</summary>
    private static Task InstanceDiscoveryAsync(HttpContext ctx)
    {
        var origin = ctx.Origin();
        var host = ctx.Request.Host.Value ?? "127.0.0.1";
        var tenant = "common";
        if (Uri.TryCreate(ctx.Request.Query["authorization_endpoint"].ToString(), UriKind.Absolute, out var authorize))
        {
            tenant = authorize.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? tenant;
        }

        var body = new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{origin}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = HttpHelpers.Strings(host),
            }),
        };
        return ctx.WriteJsonAsync(body);
    }

    internal static (string? ClientId, string? Secret) BasicCredentials(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? (Uri.UnescapeDataString(decoded), null)
                : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
