using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// Managed identity token endpoints: App Service style (GET /msi/token?api-version=2019-08-01&amp;resource=..., header
/// X-IDENTITY-HEADER; point IDENTITY_ENDPOINT here) and IMDS style (GET /metadata/identity/oauth2/token, header Metadata: true).
/// </summary>
internal static class ManagedIdentityEndpoints
{
    public const string AppServicePath = "/msi/token";
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        app.MapGet(AppServicePath, (RequestDelegate)(ctx => AppServiceAsync(ctx, emu)));
        app.MapGet(ImdsPath, (RequestDelegate)(ctx => ImdsAsync(ctx, emu)));
    }

    private static Task AppServiceAsync(HttpContext ctx, EmulatorContext emu)
    {
        var note = ctx.Note();
        note.AuthKind = "identity_header";
        note.Detail = $"headers={string.Join(',', ctx.Request.Headers.Keys.Where(k => k.Contains("identity", StringComparison.OrdinalIgnoreCase) || k.Equals("secret", StringComparison.OrdinalIgnoreCase) || k.Equals("Metadata", StringComparison.OrdinalIgnoreCase)))}";
        var header = ctx.Request.Headers["X-IDENTITY-HEADER"].ToString();
        if (header.Length == 0)
        {
            header = ctx.Request.Headers["secret"].ToString();
        }

        if (!header.Equals(emu.IdentityHeader, StringComparison.Ordinal))
        {
            return AppServiceErrorAsync(ctx, 401, "Unauthorized request: the X-IDENTITY-HEADER header is missing or does not match.");
        }

        var q = ctx.Request.Query;
        var resource = q["resource"].ToString();
        if (resource.Length == 0)
        {
            return AppServiceErrorAsync(ctx, 400, "The 'resource' query parameter is required.");
        }

        var mi = emu.State.FindManagedIdentity(
            NullIfEmpty(q["client_id"]), NullIfEmpty(q["principal_id"]) ?? NullIfEmpty(q["object_id"]), NullIfEmpty(q["mi_res_id"]));
        if (mi is null)
        {
            return AppServiceErrorAsync(ctx, 400, "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
        }

        var (token, info) = IssueFor(ctx, emu, mi, resource);
        var body = new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = info.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = mi.ClientId,
        };
        return ctx.WriteJsonAsync(body);
    }

    private static Task ImdsAsync(HttpContext ctx, EmulatorContext emu)
    {
        var note = ctx.Note();
        note.AuthKind = "metadata";
        note.Detail = $"metadata={ctx.Request.Headers["Metadata"]}";
        if (!ctx.Request.Headers["Metadata"].ToString().Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return ImdsErrorAsync(ctx, 400, "invalid_request", "Required metadata header not specified");
        }

        var q = ctx.Request.Query;
        var resource = q["resource"].ToString();
        if (resource.Length == 0)
        {
            return ImdsErrorAsync(ctx, 400, "invalid_request", "Required audience parameter not specified");
        }

        var mi = emu.State.FindManagedIdentity(
            NullIfEmpty(q["client_id"]), NullIfEmpty(q["object_id"]), NullIfEmpty(q["msi_res_id"]) ?? NullIfEmpty(q["mi_res_id"]));
        if (mi is null)
        {
            return ImdsErrorAsync(ctx, 400, "invalid_request", "Identity not found");
        }

        var (token, info) = IssueFor(ctx, emu, mi, resource);
        var seconds = ((long)(info.ExpiresOn - info.IssuedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["access_token"] = token,
            ["client_id"] = mi.ClientId,
            ["expires_in"] = seconds,
            ["expires_on"] = info.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["ext_expires_in"] = seconds,
            ["not_before"] = info.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        };
        return ctx.WriteJsonAsync(body);
    }

    private static (string Token, IssuedToken Info) IssueFor(HttpContext ctx, EmulatorContext emu, ManagedIdentitySeed mi, string resource)
    {
        var audience = TokenIssuer.AudienceFromScope(resource);
        var note = ctx.Note();
        note.PrincipalId = mi.ObjectId;
        note.Audience = audience;
        return emu.Tokens.Issue(
            PrincipalKind.ManagedIdentity, mi.ObjectId, mi.ClientId, mi.TenantId, mi.Name, audience,
            $"{ctx.Origin()}/{mi.TenantId}/", mi.ResourceId);
    }

    private static Task AppServiceErrorAsync(HttpContext ctx, int status, string message) =>
        ctx.WriteJsonAsync(new JsonObject
        {
            ["statusCode"] = status,
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
        }, status);

    private static Task ImdsErrorAsync(HttpContext ctx, int status, string error, string description) =>
        ctx.WriteJsonAsync(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value)
    {
        var s = value.ToString();
        return s.Length == 0 ? null : s;
    }
}
