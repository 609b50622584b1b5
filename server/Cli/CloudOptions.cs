using System.CommandLine;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>The options that choose an Azure, shared by every verb that calls ARM.</summary>
public sealed class CloudOptions
{
    public Option<string?> Cloud { get; } = new("--cloud")
    {
        Description = "AzureCloud (default), AzureUSGovernment or AzureChinaCloud.",
    };

    public Option<string?> ArmEndpoint { get; } = new("--arm-endpoint")
    {
        Description = "A custom cloud's Azure Resource Manager endpoint (Azure Stack), e.g. https://management.local.azurestack.external/.",
    };

    public Option<string?> AuthorityHost { get; } = new("--authority-host")
    {
        Description = "A custom cloud's Entra ID authority host, e.g. https://login.local.azurestack.external/ (instance discovery off).",
    };

    public Option<string?> FoundrySuffix { get; } = new("--foundry-suffix")
    {
        Description = "A custom cloud's Foundry host suffix, e.g. foundry.contoso.local (or host:port): keys and tokens are sent only " +
            "over https to that host or its subdomains (default: *.services.ai.azure.com, *.cognitiveservices.azure.com on 443).",
    };

    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "Only this tenant's subscriptions (az, pwsh and azd are asked for a token in it).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Cloud);
        command.Options.Add(ArmEndpoint);
        command.Options.Add(AuthorityHost);
        command.Options.Add(FoundrySuffix);
        command.Options.Add(Tenant);
    }

    public CloudSettings Read(ParseResult parse) =>
        new(parse.GetValue(Cloud), parse.GetValue(ArmEndpoint), parse.GetValue(AuthorityHost), parse.GetValue(Tenant), parse.GetValue(FoundrySuffix));
}
