using System.Text.RegularExpressions;
using FoundryIde.Server.Discovery;
using C = FoundryIde.Server.Models.ClaudeCapability;

namespace FoundryIde.Server.Models;

/// <summary>One Claude model as the pinned Claude Code knows it.</summary>
/// <param name="Id">Claude Code's registry id (claude-opus-4-0).</param>
/// <param name="Generation">Major and minor version (Opus 4.1 → [4, 1]): what "newest" means. A deployment's version
/// (1, 2, or a date such as 20250929) says where Foundry hosts the model, not how new it is.</param>
/// <param name="FoundryModel">The model name ARM reports for a Foundry deployment of it (claude-opus-4).</param>
/// <param name="AnthropicId">The Anthropic API model id (claude-opus-4-20250514); earlier versions keyed Claude Code's
/// <c>modelOverrides</c> with it (see <see cref="ModelPicker"/>).</param>
/// <param name="Capabilities">What to write into <c>ANTHROPIC_DEFAULT_{FAMILY}_MODEL_SUPPORTED_CAPABILITIES</c>: the
/// capability words Claude Code reads there, for this model.</param>
/// <param name="Window">The context window in tokens Claude Code's registry gives the model (200k where it gives none).
/// For a name it does not know, Claude Code assumes <see cref="ClaudeModels.AssumedWindow"/>.</param>
public sealed record ClaudeModel(
    string Id, string Family, int[] Generation, string DisplayName, string FoundryModel, string AnthropicId, IReadOnlyList<string> Capabilities,
    int Window);

/// <summary>The capability words Claude Code 2.1.332 reads from <c>_SUPPORTED_CAPABILITIES</c> (comma-separated).</summary>
public static class ClaudeCapability
{
    public const string Effort = "effort";
    public const string MaxEffort = "max_effort";
    public const string XhighEffort = "xhigh_effort";
    public const string Thinking = "thinking";
    public const string AdaptiveThinking = "adaptive_thinking";
    public const string InterleavedThinking = "interleaved_thinking";

    public static readonly IReadOnlyList<string> All = [Effort, MaxEffort, XhighEffort, Thinking, AdaptiveThinking, InterleavedThinking];

    /// <summary>Every word Claude Code 2.1.332 reads in a _SUPPORTED_CAPABILITIES list: <see cref="All"/> and two FoundryIde never writes.</summary>
    public static readonly IReadOnlyList<string> Read = [.. All, "mid_conversation_system", "temperature"];
}

/// <summary>
/// The one table of Claude models: every model of Claude Code 2.1.332's registry that has a Foundry id (21), read from
/// the binary (<c>grep -a -o '{id:"claude-fable-5",family:"fable".\{600\}' claude</c>: id, family, display_name,
/// provider_ids.foundry and first_party, capabilities, context.window). Capabilities: effort, max_effort, xhigh_effort and
/// adaptive_thinking as the registry lists them; thinking and interleaved_thinking for every model but Claude 3.x (as
/// Claude Code decides for a model it knows on Foundry). Newest first within a family; families in <see cref="FamilyOrder"/>.
/// ClaudeCodeModelTests checks it against the pinned Claude Code.
/// </summary>
public static partial class ClaudeModels
{
    /// <summary>The families Claude Code has an alias and variables for, in the order shown everywhere.</summary>
    public static readonly IReadOnlyList<string> FamilyOrder = [DeploymentFamily.Fable, DeploymentFamily.Opus, DeploymentFamily.Sonnet, DeploymentFamily.Haiku];

    /// <summary>The context window Claude Code 2.1.332 assumes for a model name it does not know (measured: "assumes a context window of 1m tokens").</summary>
    public const int AssumedWindow = 1_000_000;

    public static readonly IReadOnlyList<ClaudeModel> All =
    [
        new("claude-fable-5-2", DeploymentFamily.Fable, [5, 2], "Fable 5.2", "claude-fable-5-2", "claude-fable-5-2", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-fable-5-1", DeploymentFamily.Fable, [5, 1], "Fable 5.1", "claude-fable-5-1", "claude-fable-5-1", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-fable-5", DeploymentFamily.Fable, [5, 0], "Fable 5", "claude-fable-5", "claude-fable-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-opus-5-5", DeploymentFamily.Opus, [5, 5], "Opus 5.5", "claude-opus-5-5", "claude-opus-5-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-opus-5", DeploymentFamily.Opus, [5, 0], "Opus 5", "claude-opus-5", "claude-opus-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-opus-4-8", DeploymentFamily.Opus, [4, 8], "Opus 4.8", "claude-opus-4-8", "claude-opus-4-8", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-opus-4-7", DeploymentFamily.Opus, [4, 7], "Opus 4.7", "claude-opus-4-7", "claude-opus-4-7", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-opus-4-6", DeploymentFamily.Opus, [4, 6], "Opus 4.6", "claude-opus-4-6", "claude-opus-4-6", [C.Effort, C.MaxEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 200_000),
        new("claude-opus-4-5", DeploymentFamily.Opus, [4, 5], "Opus 4.5", "claude-opus-4-5", "claude-opus-4-5-20251101", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-opus-4-1", DeploymentFamily.Opus, [4, 1], "Opus 4.1", "claude-opus-4-1", "claude-opus-4-1-20250805", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-opus-4-0", DeploymentFamily.Opus, [4, 0], "Opus 4", "claude-opus-4", "claude-opus-4-20250514", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-sonnet-5-5", DeploymentFamily.Sonnet, [5, 5], "Sonnet 5.5", "claude-sonnet-5-5", "claude-sonnet-5-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-sonnet-5", DeploymentFamily.Sonnet, [5, 0], "Sonnet 5", "claude-sonnet-5", "claude-sonnet-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-sonnet-4-6", DeploymentFamily.Sonnet, [4, 6], "Sonnet 4.6", "claude-sonnet-4-6", "claude-sonnet-4-6", [C.Effort, C.MaxEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 200_000),
        new("claude-sonnet-4-5", DeploymentFamily.Sonnet, [4, 5], "Sonnet 4.5", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-sonnet-4-0", DeploymentFamily.Sonnet, [4, 0], "Sonnet 4", "claude-sonnet-4", "claude-sonnet-4-20250514", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-3-7-sonnet", DeploymentFamily.Sonnet, [3, 7], "Sonnet 3.7", "claude-3-7-sonnet", "claude-3-7-sonnet-20250219", [], 200_000),
        new("claude-3-5-sonnet", DeploymentFamily.Sonnet, [3, 5], "Sonnet 3.5", "claude-3-5-sonnet", "claude-3-5-sonnet-20241022", [], 200_000),
        new("claude-haiku-5-5", DeploymentFamily.Haiku, [5, 5], "Haiku 5.5", "claude-haiku-5-5", "claude-haiku-5-5", [C.Effort, C.MaxEffort, C.XhighEffort, C.Thinking, C.AdaptiveThinking, C.InterleavedThinking], 1_000_000),
        new("claude-haiku-4-5", DeploymentFamily.Haiku, [4, 5], "Haiku 4.5", "claude-haiku-4-5", "claude-haiku-4-5-20251001", [C.Thinking, C.InterleavedThinking], 200_000),
        new("claude-3-5-haiku", DeploymentFamily.Haiku, [3, 5], "Haiku 3.5", "claude-3-5-haiku", "claude-3-5-haiku-20241022", [], 200_000),
    ];

    /// <summary>
    /// What Claude Code 2.1.332 sends as <c>model</c> for <c>--model FAMILY</c> on Foundry when no
    /// <c>ANTHROPIC_DEFAULT_{FAMILY}_MODEL</c> is set, in order (it walks on after a 404): why a family without a
    /// healthy deployment fails unless a deployment happens to be named like one of these.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ClaudeCodeAliasModels = new Dictionary<string, IReadOnlyList<string>>
    {
        [DeploymentFamily.Fable] = ["claude-fable-5-2"],
        [DeploymentFamily.Opus] = ["claude-opus-5-5", "claude-opus-5", "claude-opus-4-8", "claude-opus-4-7", "claude-opus-4-6", "claude-opus-4-5"],
        [DeploymentFamily.Sonnet] = ["claude-sonnet-5-5", "claude-sonnet-5", "claude-sonnet-4-6"],
        [DeploymentFamily.Haiku] = ["claude-haiku-4-5", "claude-3-5-haiku"],
    };

    /// <summary>The model a Foundry model name (claude-sonnet-4-5, or with a date: claude-sonnet-4-5-20250929) stands for; null when unknown.</summary>
    public static ClaudeModel? Find(string? modelName)
    {
        if (string.IsNullOrEmpty(modelName)) return null;
        var name = DateSuffix().Replace(modelName.Trim(), "");
        return All.FirstOrDefault(m => m.FoundryModel.Equals(name, StringComparison.OrdinalIgnoreCase) || m.Id.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? All.FirstOrDefault(m => m.AnthropicId.Equals(modelName.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The Claude model whose id a deployment's name is, when the deployment serves another model: Claude Code goes by
    /// the name (measured with 2.1.332: it sends that model's max_tokens, thinking, effort and betas).
    /// </summary>
    public static ClaudeModel? NamedAsOther(string deploymentName, string? servedModel) =>
        Find(deploymentName) is { } byName && byName != Find(servedModel) ? byName : null;

    /// <summary>Position of a family in <see cref="FamilyOrder"/> (other last).</summary>
    public static int FamilyRank(string family) => FamilyOrder.IndexOf(family) is var i and >= 0 ? i : FamilyOrder.Count;

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value) return i;
        }

        return -1;
    }

    [GeneratedRegex("-[0-9]{8}$")]
    private static partial Regex DateSuffix();
}
