using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FoundryIde.Emulator;

/// <summary>Who a token was issued to.</summary>
public enum PrincipalKind
{
    ServicePrincipal,
    ManagedIdentity,
}

/// <summary>An access token the emulator issued; tokens are validated by looking them up, never by signature.</summary>
public sealed record IssuedToken(
    PrincipalKind Kind,
    string ObjectId,
    string AppId,
    string TenantId,
    string DisplayName,
    string Audience,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresOn);

/// <summary>Mints RS256 JWTs and remembers them.</summary>
public sealed class TokenIssuer
{
    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);
    // One signing key per process: tokens are checked by lookup (Find), never by signature, and making a 2048-bit key
    // takes about 0.15 s of CPU, paid again by every emulator the tests start.
    private static readonly RSA SharedKey = RSA.Create(2048);
    private readonly RSA _key = SharedKey;
    private readonly string _keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _lifetime;

    public TokenIssuer(TimeProvider time, Func<TimeSpan> lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>Turns an OAuth scope or resource into a token audience: drops "/.default" (keeps the ARM trailing slash).</summary>
    public static string AudienceFromScope(string scopeOrResource)
    {
        var first = scopeOrResource.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return first.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? first[..^"/.default".Length] : first;
    }

    public static bool SameAudience(string a, string b) =>
        a.TrimEnd('/').Equals(b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    public (string Token, IssuedToken Info) Issue(
        PrincipalKind kind, string objectId, string appId, string tenantId, string displayName, string audience,
        string issuer, string? managedIdentityResourceId = null)
    {
        var now = _time.GetUtcNow();
        var info = new IssuedToken(kind, objectId, appId, tenantId, displayName, audience, now, now + _lifetime());
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = info.ExpiresOn.ToUnixTimeSeconds(),
            ["aio"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)),
            ["appid"] = appId,
            ["appidacr"] = kind == PrincipalKind.ServicePrincipal ? "1" : "2",
            ["idp"] = issuer,
            ["idtyp"] = "app",
            ["oid"] = objectId,
            ["rh"] = "0.emulator.",
            ["sub"] = objectId,
            ["tid"] = tenantId,
            ["uti"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "1.0",
        };
        if (kind == PrincipalKind.ServicePrincipal)
        {
            payload["app_displayname"] = displayName;
        }
        else if (managedIdentityResourceId is not null)
        {
            payload["xms_mirid"] = managedIdentityResourceId;
        }

        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = _keyId, ["x5t"] = _keyId };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
            Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var token = signingInput + "." + Base64Url(signature);
        _issued[token] = info;
        return (token, info);
    }

    /// <summary>The token's record if the emulator issued it (expired or not).</summary>
    public IssuedToken? Find(string token) => _issued.TryGetValue(token, out var info) ? info : null;

    public bool IsExpired(IssuedToken token) => _time.GetUtcNow() >= token.ExpiresOn;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Forgets every issued token (they all become invalid).</summary>
    public void RevokeAll() => _issued.Clear();

    /// <summary>The JSON Web Key Set with the signing key.</summary>
    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = _keyId,
                ["x5t"] = _keyId,
                ["n"] = Base64Url(p.Modulus!),
                ["e"] = Base64Url(p.Exponent!),
            }),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
