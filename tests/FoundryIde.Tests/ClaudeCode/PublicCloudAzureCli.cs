using FoundryIde.Emulator;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// Signs the REAL Azure CLI in to <see cref="TestAzure.PublicCloud"/> the way a user signs in to Azure: the built-in
/// AzureCloud (no custom cloud, unlike <see cref="AzureCliLogin"/>), login.microsoftonline.com and
/// management.azure.com reaching the emulator on 443 through the sandbox's private /etc/hosts. Claude Code's
/// AzureCliCredential then runs `az account get-access-token --resource https://cognitiveservices.azure.com` in it.
/// </summary>
internal static class PublicCloudAzureCli
{
    /// <summary>Logs in as the default service principal and returns the AZURE_CONFIG_DIR that holds the session.</summary>
    public static async Task<string> LoginAsync(string configDir, CancellationToken cancellationToken)
    {
        _ = TestAzure.PublicCloud; // fails with the reason when the public names are not mapped
        AzureCliCommandIndex.SeedInto(configDir);
        // No version check against the internet on first use.
        await File.WriteAllTextAsync(Path.Combine(configDir, "versionCheck.json"),
            $$"""{"check_time": "{{DateTime.Now:yyyy-MM-dd HH:mm:ss.ffffff}}"}""", cancellationToken);
        await AzureCliLogin.RunAsync(configDir, cancellationToken, "login", "--service-principal",
            "-u", DefaultSeed.ServicePrincipalAppId, "-p", DefaultSeed.ServicePrincipalSecret, "--tenant", DefaultSeed.TenantId);
        return configDir;
    }
}
