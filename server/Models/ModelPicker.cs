using System.Text.Json.Nodes;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Models;

/// <summary>
/// Rows of Claude Code's <c>modelPicker</c> setting for a resource: one per healthy Claude deployment that no family
/// alias names, so every deployment is in <c>/model</c> (after the family rows) and <c>claude --model DEPLOYMENT</c> gets
/// that model's handling. Proved against Claude Code 2.1.332 (ClaudeCodePickerTests): a row
/// <c>{model: deployment, label, description, behavesAs: registry id}</c> in the user settings is listed; choosing it
/// sends the deployment's name with the parameters of the model <c>behavesAs</c> names (Haiku 4.5: thinking with a
/// budget, no effort), and so does <c>--model</c> with the name.
/// <c>modelOverrides</c> is not written any more: with overrides for claude-opus-4-1-20250805 or
/// claude-sonnet-4-5-20250929 in the user settings, Claude Code hid the picker rows of those deployments (measured), so
/// the entries FoundryIde wrote before (the table's Anthropic ids) are removed; the user's own entries stay.
/// A row is FoundryIde's when its description is one <see cref="FoundryVariables.Description"/> writes; other rows stay,
/// before FoundryIde's.
/// </summary>
public static class ModelPicker
{
    public const string Setting = "modelPicker";
    public const string OptionsKey = "options";
    public const string OldOverridesSetting = "modelOverrides";

    /// <summary>The <c>modelOverrides</c> keys earlier versions wrote: the table's Anthropic ids.</summary>
    public static readonly IReadOnlySet<string> OldOverrideKeys = ClaudeModels.All.Select(m => m.AnthropicId).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Names Claude Code reads as its own aliases: a row with one of them would pick the alias (the family variable's
    /// deployment), never this deployment.
    /// </summary>
    public static readonly IReadOnlySet<string> ClaudeCodeAliases =
        new HashSet<string>([.. ClaudeModels.FamilyOrder, "default", "best", "opusplan"], StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<ClaudeModel, int> Rank = ClaudeModels.All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

    public static IReadOnlyList<ModelPickerRow> For(FoundryResource resource, IReadOnlyList<FamilyChoice> choices)
    {
        return [.. Unaliased(resource, choices)
            .Where(d => Unreachable(d) is null)
            .Select(d => (Deployment: d, Model: ClaudeModels.Find(d.Model)))
            .OrderBy(x => x.Model is { } m ? Rank[m] : int.MaxValue)
            .ThenByDescending(x => x.Deployment.Capacity ?? 0)
            .ThenBy(x => x.Deployment.Name, StringComparer.Ordinal)
            .Select(x => new ModelPickerRow(x.Deployment.Name, FoundryVariables.Label(x.Deployment, x.Model, x.Deployment.Family),
                FoundryVariables.Description(resource, x.Deployment, x.Model), x.Model?.Id))];
    }

    /// <summary>Why each healthy deployment that no family alias names gets no row: the user would look for it in /model.</summary>
    public static IEnumerable<string> Left(FoundryResource resource, IReadOnlyList<FamilyChoice> choices) =>
        Unaliased(resource, choices).Select(Unreachable).OfType<string>();

    /// <summary>The healthy deployments with usable names that no family alias names.</summary>
    private static IEnumerable<ClaudeDeployment> Unaliased(FoundryResource resource, IReadOnlyList<FamilyChoice> choices)
    {
        var aliased = choices.Select(c => c.Deployment?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return resource.Deployments.Where(d => DeploymentChoice.IsHealthy(d) && d.Problem is null && TrustedValues.DeploymentNameProblem(d.Name) is null
            && !aliased.Contains(d.Name));
    }

    /// <summary>Why Claude Code could not reach a deployment through a picker row of its name; null when it could.</summary>
    private static string? Unreachable(ClaudeDeployment d) =>
        ClaudeCodeAliases.Contains(d.Name)
            ? $"{d.Name} is not offered in /model: Claude Code reads \"{d.Name}\" as its own alias. Point a family at it (--{d.Family} {d.Name}) or rename the deployment."
            : DeploymentChoice.NamedAsOther(d) is { } byName
                ? $"{d.Name} is not offered in /model: it is {byName.DisplayName}'s id in Claude Code, which would send it {byName.DisplayName}'s requests " +
                  $"(behavesAs does not change that), but it serves {d.Model}. Rename the deployment, or deploy {d.Model} under its own name."
                : null;

    /// <summary>A row FoundryIde wrote (its description says which Foundry resource serves it).</summary>
    public static bool IsManaged(JsonNode? row) =>
        row is JsonObject o && o["description"] is JsonValue v && v.TryGetValue<string>(out var text)
        && text.Contains(FoundryVariables.DescriptionMarker, StringComparison.Ordinal);
}
