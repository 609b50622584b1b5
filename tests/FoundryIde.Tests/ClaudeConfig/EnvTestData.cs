using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.ClaudeConfig;

internal static class EnvTestData
{
    public static ClaudeDeployment Deployment(string name, string model, string version, string state = "Succeeded") =>
        new(name, model, version, Server.Discovery.DeploymentFamily.Of(model), "GlobalStandard", 10, state);

    public static FoundryResource Resource(string endpoint, params ClaudeDeployment[] deployments) =>
        new("res", "sub", "rg", "eastus", endpoint, deployments, "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/res", "res", false);

    public static readonly EnvVariable[] Entra =
    [
        new(FoundryVariables.UseFoundry, "1", false),
        new(FoundryVariables.Resource, "contoso", false),
        new(FoundryVariables.SonnetModel, "sonnet", false),
    ];

    public static readonly EnvVariable[] Key = [.. Entra, new(FoundryVariables.ApiKey, "k3y-value", true)];
}
