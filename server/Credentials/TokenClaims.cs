using System.Buffers.Text;
using System.Text.Json;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>Reads who a token is for from its claims. The token itself is never kept or shown.</summary>
public static class TokenClaims
{
    public static IdentityInfo? Identity(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var name = First(claims, "upn", "unique_name", "preferred_username", "email", "app_displayname")
                ?? ManagedIdentityName(First(claims, "xms_mirid"))
                ?? First(claims, "appid", "azp");
            return new IdentityInfo(First(claims, "tid"), First(claims, "oid"), name, PrincipalType(claims));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>User or ServicePrincipal: idtyp when the token has it, else a delegated token (scp) is a user's, an app-only one a principal's.</summary>
    private static string? PrincipalType(JsonElement claims) => First(claims, "idtyp") switch
    {
        "user" => "User",
        "app" => "ServicePrincipal",
        _ when claims.TryGetProperty("scp", out _) => "User",
        _ when First(claims, "oid") is not null && First(claims, "appid", "azp") is not null => "ServicePrincipal",
        _ => null,
    };

    private static string? First(JsonElement claims, params string[] names)
    {
        foreach (var name in names)
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>xms_mirid is the ARM id of the identity's owner, e.g. ".../userAssignedIdentities/my-id".</summary>
    private static string? ManagedIdentityName(string? resourceId) =>
        resourceId is null ? null : $"managed identity {resourceId[(resourceId.LastIndexOf('/') + 1)..]}";
}
