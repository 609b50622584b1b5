using System.Text;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>The listing for a person: each resource, its endpoint, and its Claude deployments by family.</summary>
public static class ResourcesTextRenderer
{
    public static string Render(ResourcesResult result)
    {
        var text = new StringBuilder();
        if (result.Resources.Count == 0)
        {
            text.AppendLine("No Foundry resource (an Azure AI Services account) found.");
        }

        foreach (var resource in result.Resources)
        {
            text.AppendLine($"{Safe(resource.Name)}  ({Safe(resource.Location)}, resource group {Safe(resource.ResourceGroup)}, subscription {Safe(resource.SubscriptionId)})");
            if (resource.Problem is { } problem) text.AppendLine($"  NOT USABLE  {problem}");
            else text.AppendLine($"  endpoint  {resource.Endpoint ?? "(none reported by Azure)"}{(resource.DisableLocalAuth ? "  [API keys disabled: Entra ID only]" : "")}");
            if (resource.Deployments.Count == 0)
            {
                text.AppendLine($"  no Claude deployment: deploy Claude models with {Deploy.DeployHint.For(resource)}.");
            }

            var width = resource.Deployments.Count == 0 ? 0 : resource.Deployments.Max(d => Safe(d.Name).Length);
            foreach (var d in resource.Deployments.OrderBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
            {
                var state = ClaudeConfig.DeploymentChoice.IsHealthy(d) ? "" : $"  [{Safe(d.State)}]";
                var flag = d.Problem is null ? "" : "  [NOT USABLE: a name Azure does not allow]";
                var chosen = d.IsDefault ? "  (default)" : "";
                text.AppendLine($"  {d.Family,-6}  {Safe(d.Name).PadRight(width)}  {Safe(d.Model)} {Safe(d.Version)}  {Safe(d.Sku)} {d.Capacity}{state}{flag}{chosen}");
            }

            text.AppendLine();
        }

        foreach (var error in result.Errors)
        {
            text.AppendLine($"Missing: {error.Message}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>A value from ARM as is when it holds no control character, else escaped and quoted (no escape sequence reaches the terminal).</summary>
    private static string Safe(string? value) =>
        value is null ? "" : TrustedValues.ForbiddenChar(value) is null && !value.Contains('"', StringComparison.Ordinal) ? value : TrustedValues.Show(value);
}
