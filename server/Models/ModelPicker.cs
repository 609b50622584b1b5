using System.Text.Json.Nodes;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Models;

/// <summary>
/// Rows of Claude Code's <c>modelPicker</c> setting for a resource: one per healthy Claude deployment, so every
/// deployment is in <c>/model</c> and Claude Code knows which model each name serves. Proved against Claude Code 2.1.332
/// (ClaudeCodeModelTests): a row <c>{model: deployment, label, description, behavesAs: registry id}</c> in the user
/// settings is listed in <c>/model</c> (with <see cref="ReplaceBuiltInKey"/>: "Default" and these rows only); choosing it
/// sends the deployment's name with the parameters of the model <c>behavesAs</c> names (Haiku 4.5: thinking with a
/// budget, no effort), and so does <c>--model</c> with the name. A family's own deployment gets a row too: without it
/// a custom name is a model Claude Code "doesn't recognize", so it assumes a 1M-token window (Haiku 4.5 and Opus 4.1
/// have 200k) and a new model's effort (measured).
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

    /// <summary>
    /// Written true with FoundryIde's rows unless the file sets it: <c>/model</c> then lists "Default" and the rows only,
    /// not the built-in lineup of models the resource does not serve; the family aliases still work (measured:
    /// <c>--model haiku</c> with it sent the Haiku deployment).
    /// </summary>
    public const string ReplaceBuiltInKey = "replaceBuiltInOptions";
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

    public static IReadOnlyList<ModelPickerRow> For(FoundryResource resource)
    {
        return [.. Usable(resource)
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

    /// <summary>
    /// What the variables alone leave wrong, for targets without the user settings (terminals, .env, the Claude Code
    /// extension's list): a family deployment whose name Claude Code does not know and whose model has a smaller window
    /// than Claude Code then assumes. Null when there is none. <paramref name="fix"/> says how to write the user settings.
    /// </summary>
    public static string? UnknownFromVariablesAlone(IReadOnlyList<FamilyChoice> choices, string fix)
    {
        var smaller = choices.Select(c => c.Deployment).OfType<ClaudeDeployment>().DistinctBy(d => d.Name)
            .Where(d => ClaudeModels.Find(d.Name) is null && TrustedValues.DeploymentNameProblem(d.Name) is null)
            .Select(d => (Deployment: d, Model: ClaudeModels.Find(d.Model)))
            .Where(x => x.Model is { Window: < ClaudeModels.AssumedWindow })
            .Select(x => $"{x.Deployment.Name} ({x.Model!.DisplayName}, {x.Model.Window / 1000}k)")
            .ToArray();
        return smaller.Length == 0 ? null
            : $"From the variables alone Claude Code does not know which model {string.Join(", ", smaller)} serves: it says it \"doesn't recognize the model\" " +
              $"and assumes a {ClaudeModels.AssumedWindow / 1_000_000}M-token context window, so it compacts the conversation too late for that model. " +
              $"The modelPicker rows of Claude Code's user settings tell it: {fix}";
    }

    /// <summary>The healthy deployments with usable names.</summary>
    private static IEnumerable<ClaudeDeployment> Usable(FoundryResource resource) =>
        resource.Deployments.Where(d => DeploymentChoice.IsHealthy(d) && d.Problem is null && TrustedValues.DeploymentNameProblem(d.Name) is null);

    /// <summary>The healthy deployments with usable names that no family alias names: only <c>/model</c> reaches them.</summary>
    private static IEnumerable<ClaudeDeployment> Unaliased(FoundryResource resource, IReadOnlyList<FamilyChoice> choices)
    {
        var aliased = choices.Select(c => c.Deployment?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Usable(resource).Where(d => !aliased.Contains(d.Name));
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
