using FoundryIde.Emulator;

namespace FoundryIde.Tests.Support;

/// <summary>The default seed's service principal, as EnvironmentCredential reads it (AZURE_TENANT_ID, _CLIENT_ID, _CLIENT_SECRET).</summary>
internal static class TestIdentity
{
    /// <summary>
    /// A clean environment (<see cref="TestAzure.CleanEnvironment"/>) signed in as the service principal, against
    /// <paramref name="authority"/>'s Entra endpoint, or the public authority (login.microsoftonline.com) when null.
    /// </summary>
    public static Dictionary<string, string> ServicePrincipal(AzureEmulator? authority, string secret = DefaultSeed.ServicePrincipalSecret) =>
        WithServicePrincipal(TestAzure.CleanEnvironment(), authority, secret);

    /// <summary>A copy of <paramref name="environment"/> with the service principal's variables added.</summary>
    public static Dictionary<string, string> WithServicePrincipal(
        IReadOnlyDictionary<string, string> environment, AzureEmulator? authority = null, string secret = DefaultSeed.ServicePrincipalSecret)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["AZURE_TENANT_ID"] = DefaultSeed.TenantId,
            ["AZURE_CLIENT_ID"] = DefaultSeed.ServicePrincipalAppId,
            ["AZURE_CLIENT_SECRET"] = secret,
        };
        if (authority is not null) env["AZURE_AUTHORITY_HOST"] = authority.AuthorityHost;
        return env;
    }
}
