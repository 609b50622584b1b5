using System.Text.RegularExpressions;
using FoundryIde.Server.Credentials;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The variables that decide which provider Claude Code uses and how it reaches Foundry, and their rules.</summary>
public static partial class EffectiveVariableNames
{
    public const string UseFoundry = FoundryVariables.UseFoundry;
    public const string UseBedrock = "CLAUDE_CODE_USE_BEDROCK";
    public const string UseVertex = "CLAUDE_CODE_USE_VERTEX";
    public const string Resource = FoundryVariables.Resource;
    public const string BaseUrl = FoundryVariables.BaseUrl;
    public const string FoundryApiKey = EnvNames.FoundryApiKey;
    public const string FoundryAuthToken = EnvNames.FoundryAuthToken;
    public const string SkipFoundryAuth = "CLAUDE_CODE_SKIP_FOUNDRY_AUTH";
    public const string Model = "ANTHROPIC_MODEL";
    public const string SmallFastModel = "ANTHROPIC_SMALL_FAST_MODEL";
    public const string DefaultFableModel = FoundryVariables.FableModel;
    public const string DefaultOpusModel = FoundryVariables.OpusModel;
    public const string DefaultSonnetModel = FoundryVariables.SonnetModel;
    public const string DefaultHaikuModel = FoundryVariables.HaikuModel;
    public const string SubagentModel = "CLAUDE_CODE_SUBAGENT_MODEL";
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    public const string AnthropicBaseUrl = "ANTHROPIC_BASE_URL";
    public const string TokenCredentials = EnvNames.TokenCredentials;

    /// <summary>Every variable reported, in the order reported.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        UseFoundry, UseBedrock, UseVertex, Resource, BaseUrl, FoundryApiKey, FoundryAuthToken, SkipFoundryAuth,
        Model, SmallFastModel, DefaultFableModel, DefaultOpusModel, DefaultSonnetModel, DefaultHaikuModel, SubagentModel,
        AnthropicApiKey, AnthropicBaseUrl, TokenCredentials,
        .. Server.Models.ClaudeModels.FamilyOrder.SelectMany(f => new[]
        {
            FoundryVariables.ModelVariable(f) + FoundryVariables.NameSuffix, FoundryVariables.ModelVariable(f) + FoundryVariables.DescriptionSuffix,
            FoundryVariables.ModelVariable(f) + FoundryVariables.CapabilitiesSuffix,
        }),
    ];

    /// <summary>Variables whose value Claude Code sends as the model: it must be a deployment name.</summary>
    public static readonly IReadOnlyList<string> Models =
        [Model, SmallFastModel, DefaultFableModel, DefaultOpusModel, DefaultSonnetModel, DefaultHaikuModel, SubagentModel];

    /// <summary>What project and local settings may set before the folder is trusted lacks these.</summary>
    public static readonly IReadOnlyList<string> NeedWorkspaceTrust = [Resource, BaseUrl, FoundryAuthToken];

    /// <summary>Model values Claude Code resolves itself instead of sending them (aliases).</summary>
    private static readonly HashSet<string> ModelAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        "default", "fable", "opus", "sonnet", "haiku", "opusplan", "inherit", "best",
    };

    /// <summary>
    /// Any *KEY*, *TOKEN*, *SECRET* or *PASSWORD* variable is a secret: its value is never output. The one exception
    /// is AZURE_TOKEN_CREDENTIALS, a mode switch (dev, prod), shown only while it looks like one.
    /// </summary>
    public static bool IsSecret(string name, string? value)
    {
        if (name == TokenCredentials) return value is not null && !ModeWord().IsMatch(value);
        return EnvNames.Secrets.Contains(name)
            || name.Contains("KEY", StringComparison.OrdinalIgnoreCase)
            || name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)
            || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
            || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Claude Code's isEnvTruthy: 1, true, yes or on, any case, spaces trimmed.</summary>
    public static bool IsTruthy(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>A model value Claude Code sends as is (not an alias such as sonnet or opus[1m]).</summary>
    public static bool IsDeploymentName(string value) => !ModelAliases.Contains(WithoutContextSuffix(value));

    /// <summary>"sonnet[1m]" asks for the 1M-token context; the suffix is not part of the name sent.</summary>
    public static string WithoutContextSuffix(string value) =>
        value.EndsWith("[1m]", StringComparison.OrdinalIgnoreCase) ? value[..^4] : value;

    /// <summary>What Claude Code accepts in ANTHROPIC_FOUNDRY_RESOURCE: the resource's name, never a URL.</summary>
    public static Regex ResourceName() => FoundryVariables.ResourceName();

    [GeneratedRegex("^[A-Za-z]{1,40}$")]
    private static partial Regex ModeWord();
}
