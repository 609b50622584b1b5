using System.Text;
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
            text.AppendLine($"{resource.Name}  ({resource.Location}, resource group {resource.ResourceGroup}, subscription {resource.SubscriptionId})");
            text.AppendLine($"  endpoint  {resource.Endpoint ?? "(none reported by Azure)"}{(resource.DisableLocalAuth ? "  [API keys disabled: Entra ID only]" : "")}");
            if (resource.Deployments.Count == 0)
            {
                text.AppendLine("  no Claude deployment: deploy Claude Opus, Sonnet or Haiku in the Foundry portal (https://ai.azure.com).");
            }

            var width = resource.Deployments.Count == 0 ? 0 : resource.Deployments.Max(d => d.Name.Length);
            foreach (var d in resource.Deployments.OrderBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
            {
                var state = d.State is null or "Succeeded" ? "" : $"  [{d.State}]";
                text.AppendLine($"  {d.Family,-6}  {d.Name.PadRight(width)}  {d.Model} {d.Version}  {d.Sku} {d.Capacity}{state}");
            }

            text.AppendLine();
        }

        foreach (var error in result.Errors)
        {
            text.AppendLine($"Missing: {error.Message}");
        }

        return text.ToString().TrimEnd();
    }
}
