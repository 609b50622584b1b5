using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Models;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>One Claude Code alias (fable, opus, sonnet, haiku) and the deployment it will name, or why none.</summary>
public sealed record FamilyChoice(
    [property: AllowedValues(DeploymentFamily.Fable, DeploymentFamily.Opus, DeploymentFamily.Sonnet, DeploymentFamily.Haiku, DeploymentFamily.Other)] string Family, ClaudeDeployment? Deployment, bool Explicit);

/// <summary>
/// Which deployment each of Claude Code's aliases should name. An explicit choice wins (it must exist on the
/// resource); otherwise the healthy deployment of that family with the newest model, by model generation
/// (<see cref="ClaudeModel.Generation"/>; for a model the table lacks, the numbers in its name). Never by version: on
/// Foundry it says where the model is hosted (1, 2, or a date), not how new it is. Between deployments of one
/// generation the one with more capacity (thousands of tokens per minute) wins, then the first name in ordinal order.
/// Not the most recently created deployment, nor the one named like the model.
/// </summary>
public static partial class DeploymentChoice
{
    public static readonly IReadOnlyList<string> Families = ClaudeModels.FamilyOrder;

    public static (IReadOnlyList<FamilyChoice> Choices, IReadOnlyList<string> Warnings) Choose(
        FoundryResource resource, string? opus, string? sonnet, string? haiku, string? fable = null)
    {
        var warnings = new List<string>();
        var choices = new List<FamilyChoice>();
        foreach (var (family, wanted) in new[] { (DeploymentFamily.Fable, fable), (DeploymentFamily.Opus, opus), (DeploymentFamily.Sonnet, sonnet), (DeploymentFamily.Haiku, haiku) })
        {
            if (wanted is not null)
            {
                // ARM names are case-insensitive: the name is written as Azure spells it.
                var named = resource.Deployments.FirstOrDefault(d => d.Name == wanted)
                    ?? (resource.Deployments.Where(d => d.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToArray() is [var only] ? only : null)
                    ?? throw new FoundryException(FoundryErrorCode.NotFound,
                        $"{resource.Name} has no Claude deployment named {TrustedValues.Show(wanted)} (for --{family}). It has: {Names(resource)}.");
                if (named.Problem is { } problem)
                {
                    throw new FoundryException(FoundryErrorCode.UntrustedValue, $"--{family}: {problem} Rename the deployment in the Foundry portal.");
                }

                if (named.Family != family)
                {
                    warnings.Add($"--{family} {wanted} serves {named.Model}, {(named.Family == DeploymentFamily.Other ? "not a Claude family's model" : $"a {named.Family} model")}: Claude Code's {family} alias will use it anyway.");
                }

                if (!IsHealthy(named))
                {
                    warnings.Add($"Deployment {wanted} is in state {named.State}: requests to it will fail until it is Succeeded.");
                }

                if (NamedAsOther(named) is { } misleading) warnings.Add(Misleading(resource, family, named, misleading));
                choices.Add(new FamilyChoice(family, named, true));
                continue;
            }

            var best = resource.Deployments.Where(d => d.Family == family && IsHealthy(d) && d.Problem is null)
                .OrderByDescending(d => Generation(d.Model), GenerationComparer.Instance)
                .ThenBy(d => NamedAsOther(d) is not null)
                .ThenByDescending(d => d.Capacity ?? 0)
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            foreach (var skipped in resource.Deployments.Where(d => d.Family == family && d.Problem is not null))
            {
                warnings.Add(skipped.Problem!);
            }

            if (best is null)
            {
                var unhealthy = resource.Deployments.Where(d => d.Family == family && d.Problem is null).Select(d => $"{d.Name} ({d.State})").ToArray();
                warnings.Add($"No healthy {family} deployment on {resource.Name}" +
                    (unhealthy.Length > 0 ? $" ({string.Join(", ", unhealthy)} not ready)" : "") +
                    $": Claude Code's \"{family}\" alias (and /model {family}) will fail: without the variable it sends its own built-in " +
                    $"model ids ({string.Join(", ", ClaudeModels.ClaudeCodeAliasModels[family])}), which are not deployments here, and reports \"The model … is not available on your foundry deployment\" " +
                    "(\"There's an issue with the selected model\" when it knows no model to switch to). " +
                    $"Deploy a Claude {Title(family)} model with {Deploy.DeployHint.For(resource, family)}, or point the alias at another deployment with --{family} <name>.");
            }

            if (best is not null && NamedAsOther(best) is { } other) warnings.Add(Misleading(resource, family, best, other));
            choices.Add(new FamilyChoice(family, best, false));
        }

        return (choices, warnings);
    }

    /// <summary>The Claude model whose id the deployment's name is, when it serves another one (Claude Code goes by the name).</summary>
    public static ClaudeModel? NamedAsOther(ClaudeDeployment deployment) => ClaudeModels.NamedAsOther(deployment.Name, deployment.Model);

    private static string Misleading(FoundryResource resource, string family, ClaudeDeployment deployment, ClaudeModel byName) =>
        $"{deployment.Name} is {byName.DisplayName}'s id in Claude Code but serves {deployment.Model}: Claude Code sends it {byName.DisplayName}'s requests " +
        $"(max_tokens, context window, betas), which {deployment.Model} may refuse. Deploy {deployment.Model} under its own name with " +
        $"{Deploy.DeployHint.For(resource, family)}, and use that one.";

    /// <summary>The resource with <see cref="ClaudeDeployment.IsDefault"/> set on each family's default deployment.</summary>
    public static FoundryResource MarkDefaults(FoundryResource resource)
    {
        var defaults = Choose(resource, null, null, null, null).Choices.Select(c => c.Deployment?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return resource with { Deployments = [.. resource.Deployments.Select(d => d with { IsDefault = defaults.Contains(d.Name) })] };
    }

    public static bool IsHealthy(ClaudeDeployment deployment) =>
        deployment.State is null || deployment.State.Equals("Succeeded", StringComparison.OrdinalIgnoreCase);

    /// <summary>claude-opus-4-1 → [4, 1]; claude-opus-4 → [4, 0] (the table); a model it lacks: claude-3-7-sonnet → [3, 7], claude-x-6-5-20260101 → [6, 5].</summary>
    public static int[] Generation(string? model) =>
        ClaudeModels.Find(model)?.Generation ?? (model is null ? [] : Numbers().Matches(model).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Where(n => n < 1000).ToArray());

    private static string Names(FoundryResource resource) =>
        resource.Deployments.Count == 0 ? "none" : string.Join(", ", resource.Deployments.Select(d => $"{(d.Problem is null ? d.Name : TrustedValues.Show(d.Name))} ({d.Model})"));

    private static string Title(string family) => char.ToUpperInvariant(family[0]) + family[1..];

    [GeneratedRegex(@"(?<![0-9])[0-9]+(?![0-9])")]
    private static partial Regex Numbers();

    private sealed class GenerationComparer : IComparer<int[]>
    {
        public static readonly GenerationComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            x ??= [];
            y ??= [];
            for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                var c = (i < x.Length ? x[i] : -1).CompareTo(i < y.Length ? y[i] : -1);
                if (c != 0) return c;
            }

            return 0;
        }
    }
}
