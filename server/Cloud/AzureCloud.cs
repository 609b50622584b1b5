using Azure.ResourceManager;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cloud;

/// <summary>
/// Which Azure to talk to: a named cloud, or a custom one (Azure Stack, sovereign, the test emulator) given by its
/// ARM endpoint and Entra authority host. ARM's token audience is the endpoint itself for custom clouds.
/// </summary>
public sealed record AzureCloud(string Name, Uri ArmEndpoint, string ArmAudience, Uri AuthorityHost, bool IsCustom)
{
    /// <summary>Where Foundry keys and tokens may go in this cloud (a custom cloud: the user's suffix, else the public cloud's).</summary>
    public FoundryHosts Foundry { get; init; } = FoundryHosts.Public;

    public static readonly AzureCloud Public = new("AzureCloud",
        new Uri("https://management.azure.com/"), "https://management.azure.com/", new Uri("https://login.microsoftonline.com/"), false);

    public static readonly AzureCloud UsGovernment = new("AzureUSGovernment",
        new Uri("https://management.usgovcloudapi.net/"), "https://management.usgovcloudapi.net/", new Uri("https://login.microsoftonline.us/"), false) { Foundry = FoundryHosts.UsGovernment };

    public static readonly AzureCloud China = new("AzureChinaCloud",
        new Uri("https://management.chinacloudapi.cn/"), "https://management.chinacloudapi.cn/", new Uri("https://login.chinacloudapi.cn/"), false) { Foundry = FoundryHosts.China };

    public static readonly IReadOnlyList<AzureCloud> Named = [Public, UsGovernment, China];

    /// <summary>The token scope for ARM, as Azure.ResourceManager computes it (audience + "/.default").</summary>
    public string ArmScope => Environment.DefaultScope;

    public ArmEnvironment Environment => new(ArmEndpoint, ArmAudience);

    /// <summary>
    /// Resolves the settings a user gave (CLI options or sidecar settings). A custom ARM endpoint makes a custom
    /// cloud; its authority host is required unless AZURE_AUTHORITY_HOST names one.
    /// </summary>
    public static AzureCloud Resolve(CloudSettings settings, string? authorityHostVariable)
    {
        var named = settings.Cloud is null ? Public
            : Named.FirstOrDefault(c => c.Name.Equals(settings.Cloud, StringComparison.OrdinalIgnoreCase))
              ?? throw new FoundryException(FoundryErrorCode.InvalidInput,
                  $"Unknown cloud \"{settings.Cloud}\": use AzureCloud, AzureUSGovernment or AzureChinaCloud, " +
                  "or --arm-endpoint and --authority-host for a custom cloud.");

        var authority = ParseHttps(settings.AuthorityHost ?? authorityHostVariable, "authority host");
        if (settings.ArmEndpoint is null)
        {
            if (!string.IsNullOrWhiteSpace(settings.FoundrySuffix))
            {
                throw new FoundryException(FoundryErrorCode.InvalidInput,
                    "A Foundry suffix (--foundry-suffix) is only for a custom cloud: give its --arm-endpoint and --authority-host too. " +
                    $"{named.Name} uses {named.Foundry.Describe()}.");
            }


            return authority is null ? named : named with { AuthorityHost = authority, IsCustom = authority.Host != named.AuthorityHost.Host };
        }

        var arm = ParseHttps(settings.ArmEndpoint, "ARM endpoint")!;
        return new AzureCloud("Custom", arm, arm.ToString(),
            authority ?? throw new FoundryException(FoundryErrorCode.InvalidInput,
                "A custom ARM endpoint needs its Entra authority host too (--authority-host, or AZURE_AUTHORITY_HOST)."),
            true)
        {
            Foundry = string.IsNullOrWhiteSpace(settings.FoundrySuffix) ? FoundryHosts.Public with { CanonicalSuffix = null }
                : FoundryHosts.Custom(settings.FoundrySuffix),
        };
    }

    private static Uri? ParseHttps(string? value, string what)
    {
        if (value is null) return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput,
                $"The {what} must be an https URL, like https://management.example.com/; got \"{value}\".");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
