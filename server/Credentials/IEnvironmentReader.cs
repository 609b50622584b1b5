namespace FoundryIde.Server.Credentials;

/// <summary>The seam where the process environment enters: tests of the decision logic pass their own.</summary>
public interface IEnvironmentReader
{
    string? Read(string name);
}

public sealed class ProcessEnvironment : IEnvironmentReader
{
    public string? Read(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

/// <summary>Names of the variables the doctor reads.</summary>
public static class EnvNames
{
    public const string FoundryApiKey = "ANTHROPIC_FOUNDRY_API_KEY";
    public const string FoundryAuthToken = "ANTHROPIC_FOUNDRY_AUTH_TOKEN";
    public const string TokenCredentials = "AZURE_TOKEN_CREDENTIALS";
    public const string TenantId = "AZURE_TENANT_ID";
    public const string ClientId = "AZURE_CLIENT_ID";
    public const string ClientSecret = "AZURE_CLIENT_SECRET";
    public const string ClientCertificatePath = "AZURE_CLIENT_CERTIFICATE_PATH";
    public const string ClientCertificatePassword = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
    public const string Username = "AZURE_USERNAME";
    public const string Password = "AZURE_PASSWORD";
    public const string FederatedTokenFile = "AZURE_FEDERATED_TOKEN_FILE";
    public const string AuthorityHost = "AZURE_AUTHORITY_HOST";
    public const string IdentityEndpoint = "IDENTITY_ENDPOINT";
    public const string IdentityHeader = "IDENTITY_HEADER";
    public const string MsiEndpoint = "MSI_ENDPOINT";
    public const string MsiSecret = "MSI_SECRET";

    /// <summary>Variables whose values are secrets: never printed, scrubbed from any text we emit.</summary>
    public static readonly IReadOnlyList<string> Secrets =
    [
        FoundryApiKey, FoundryAuthToken, ClientSecret, ClientCertificatePassword, Password, IdentityHeader, MsiSecret,
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
    ];
}
