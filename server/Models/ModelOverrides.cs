using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Models;

/// <summary>
/// Claude Code's <c>modelOverrides</c> setting for a resource: Anthropic model id (claude-opus-4-1-20250805) → the
/// deployment that serves it, for every healthy Claude deployment whose model the table knows (per model, the one
/// <see cref="DeploymentChoice"/> would prefer). Proved against Claude Code 2.1.332: with it in the user settings,
/// <c>--model claude-opus-4-1-20250805</c> (and /model with that id) reaches the deployment; a key by registry id or
/// an undated alias (<c>--model claude-sonnet-4-5</c>) is not redirected, so the key is always the Anthropic id.
/// The keys FoundryIde manages are the table's Anthropic ids; every other entry of the map is the user's and kept.
/// </summary>
public static class ModelOverrides
{
    public const string Setting = "modelOverrides";

    public static readonly IReadOnlySet<string> ManagedKeys = ClaudeModels.All.Select(m => m.AnthropicId).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> For(FoundryResource resource)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in resource.Deployments
                     .Where(d => DeploymentChoice.IsHealthy(d) && d.Problem is null && TrustedValues.DeploymentNameProblem(d.Name) is null)
                     .GroupBy(d => ClaudeModels.Find(d.Model)))
        {
            if (group.Key is not { } model) continue;
            var best = group.OrderByDescending(d => d.Capacity ?? 0).ThenBy(d => d.Name, StringComparer.Ordinal).First();
            map[model.AnthropicId] = best.Name;
        }

        return map;
    }
}
