using FoundryIde.Server.Models;
using FoundryIde.Server.Rpc;
using static FoundryIde.Server.ClaudeConfig.EffectiveConfigFixes;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Whether each family's <c>_SUPPORTED_CAPABILITIES</c> fits the model its deployment serves. Claude Code cannot tell
/// the model from a custom deployment name: without the list it assumes a new model and sends adaptive thinking and
/// effort (a 400 from models up to 4.5); a wrong list sends what the model refuses or withholds what it supports. The
/// model is read from the <c>_NAME</c> FoundryIde writes from what Azure reports ("Sonnet 4.5 · x"), else from the value when it is a model id.
/// </summary>
public static class CapabilityChecks
{
    public static void Run(EffectiveConfigView view, List<ConfigConflict> conflicts)
    {
        foreach (var family in ClaudeModels.FamilyOrder)
        {
            var modelVariable = FoundryVariables.ModelVariable(family);
            if (view.Value(modelVariable) is not { } deployment) continue;
            var capsName = modelVariable + FoundryVariables.CapabilitiesSuffix;
            var named = ClaudeModels.Find(deployment);
            // What the deployment serves, as FoundryIde read it from Azure, before what its name looks like.
            var model = ModelFromDisplayName(view.Value(modelVariable + FoundryVariables.NameSuffix)) ?? named;
            var expected = model is null ? "" : string.Join(",", model.Capabilities);
            if (model is not null && ClaudeModels.NamedAsOther(deployment, model.FoundryModel) is { } byName)
            {
                var variable = view.Get(modelVariable)!;
                conflicts.Add(EffectiveConfigChecks.Conflict(ConflictCodes.DeploymentNamedAsOtherModel, ConflictSeverity.Warning,
                    $"{ShowWithOrigin(variable)} is {byName.DisplayName}'s id in Claude Code, but the deployment serves {model.DisplayName} ({model.FoundryModel}): " +
                    $"Claude Code sends {byName.DisplayName}'s requests (its max_tokens, context window and betas), which {capsName} corrects only for thinking and effort.",
                    $"Deploy {model.FoundryModel} under its own name (`foundry-ide deploy` names it so) and use that deployment, or rename it to a name that is no model's id.",
                    variable));
            }

            if (view.Get(capsName) is not { } caps)
            {
                if (named is not null) continue; // Claude Code knows a model id by itself
                var variable = view.Get(modelVariable)!;
                conflicts.Add(EffectiveConfigChecks.Conflict(ConflictCodes.CapabilitiesMissing, ConflictSeverity.Warning,
                    $"{ShowWithOrigin(variable)} is a deployment name Claude Code cannot map to a model, and {capsName} is not set: " +
                    "it then sends adaptive thinking and effort, which Claude models up to 4.5 answer with a 400.",
                    model is null
                        ? $"Set {capsName} to the words among {string.Join(",", ClaudeCapability.All)} that the deployed model supports " +
                          "(this FoundryIde does not know the model; `foundry-ide env` writes the list for the models it knows)."
                        : Set(capsName, expected, variable.Origin) + " (`foundry-ide env` writes it from the deployed model).", variable));
                continue;
            }

            var words = caps.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToHashSet();
            var unknown = words.Where(w => !ClaudeCapability.Read.Contains(w)).ToArray();
            var wrong = model is not null && !words.Where(ClaudeCapability.All.Contains).ToHashSet().SetEquals(model.Capabilities);
            if (unknown.Length == 0 && !wrong) continue;
            conflicts.Add(EffectiveConfigChecks.Conflict(ConflictCodes.CapabilitiesMismatch, ConflictSeverity.Warning,
                $"{ShowWithOrigin(caps)} " + (wrong
                    ? $"does not match {model!.DisplayName} ({model.FoundryModel}), which {deployment} serves: it supports {expected}."
                    : $"holds words Claude Code does not read ({string.Join(", ", unknown)}); it reads {string.Join(", ", ClaudeCapability.Read)}."),
                Set(capsName, expected, caps.Origin), caps));
        }
    }

    private static ClaudeModel? ModelFromDisplayName(string? name) =>
        name?.Split(" · ", 2)[0] is { } display ? ClaudeModels.All.FirstOrDefault(m => m.DisplayName == display) : null;
}
