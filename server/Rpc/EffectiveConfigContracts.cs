using System.ComponentModel.DataAnnotations;
namespace FoundryIde.Server.Rpc;

/// <param name="WorkspaceFolder">An absolute folder; without one only the user-level sources are read.</param>
/// <param name="KnownDeployments">The deployment names on the configured resource: when given, model variables
/// naming anything else are reported.</param>
public sealed record EffectiveConfigParams(string? WorkspaceFolder = null, IReadOnlyList<string>? KnownDeployments = null);

/// <summary>
/// What Claude Code will actually see: each provider variable with the place it comes from, the provider a
/// terminal's <c>claude</c> would use, the conflicts that break Foundry (each with its fix), and the files read.
/// </summary>
/// <param name="Variables">What <c>claude</c> in a terminal sees (sources shell, user, project, local, managed), then
/// what the VS Code extension passes to the Claude Code it starts (sources vscode-user, vscode-workspace).</param>
/// <param name="Provider">foundry, bedrock, vertex or anthropic: what <c>claude</c> in a terminal would use.</param>
public sealed record EffectiveConfig(
    IReadOnlyList<EffectiveVariable> Variables,
    [property: AllowedValues(ClaudeProviders.Foundry, ClaudeProviders.Bedrock, ClaudeProviders.Vertex, ClaudeProviders.Anthropic)] string Provider,
    IReadOnlyList<ConfigConflict> Conflicts,
    IReadOnlyList<SettingsFileStatus> Files,
    string? WorkspaceFolder);

/// <param name="Value">The value; always null for a secret (only that it is set, and where).</param>
/// <param name="Source">shell, user, project, local, managed, vscode-user or vscode-workspace.</param>
/// <param name="Path">The file it comes from; null for the shell.</param>
/// <param name="Overridden">The other places that set it and lose to this one, in merge order.</param>
public sealed record EffectiveVariable(
    string Name, string? Value, bool Secret, string Source, string? Path, IReadOnlyList<ConfigOrigin> Overridden);

public sealed record ConfigOrigin(string Source, string? Path);

/// <param name="Code">Stable: see <see cref="ConflictCodes"/>.</param>
/// <param name="Severity">error (Claude Code will not reach Foundry as meant) or warning.</param>
/// <param name="Source">Where the offending value comes from; for something missing, where the fix puts it.</param>
/// <param name="Variable">The variable concerned, when there is one.</param>
public sealed record ConfigConflict(
    string Code, [property: AllowedValues(ConflictSeverity.Error, ConflictSeverity.Warning)] string Severity, string Message, string Fix, string Source, string? Path, string? Variable);

/// <param name="Error">Why the file is not used (not valid JSON at line L, column C; unreadable), or why part of it is ignored.</param>
public sealed record SettingsFileStatus(string Source, string Path, bool Exists, string? Error);

/// <summary>The places Claude Code's provider configuration comes from: the values of <see cref="EffectiveVariable.Source"/>.</summary>
public static class ConfigSources
{
    public const string Shell = "shell";
    public const string User = "user";
    public const string Project = "project";
    public const string Local = "local";
    public const string Managed = "managed";
    public const string VsCodeUser = "vscode-user";
    public const string VsCodeWorkspace = "vscode-workspace";
}

/// <summary>The values of <see cref="EffectiveConfig.Provider"/>.</summary>
public static class ClaudeProviders
{
    public const string Foundry = "foundry";
    public const string Bedrock = "bedrock";
    public const string Vertex = "vertex";
    public const string Anthropic = "anthropic";
}

public static class ConflictSeverity
{
    public const string Error = "error";
    public const string Warning = "warning";
}

/// <summary>The stable codes of <see cref="ConfigConflict.Code"/>. Never rename: clients branch on them.</summary>
public static class ConflictCodes
{
    public const string BedrockSelected = "bedrock-selected";
    public const string VertexSelected = "vertex-selected";
    public const string FoundryNotEnabled = "foundry-not-enabled";
    public const string ResourceAndBaseUrl = "resource-and-base-url";
    public const string ResourceInvalid = "resource-invalid";
    public const string BaseUrlInvalid = "base-url-invalid";
    public const string BaseUrlPath = "base-url-path";
    public const string NoEndpoint = "no-endpoint";
    public const string UnknownDeployment = "unknown-deployment";
    public const string ModelOverride = "model-override";
    public const string AnthropicApiKeySet = "anthropic-api-key-set";
    public const string AnthropicBaseUrlSet = "anthropic-base-url-set";
    public const string NeedsWorkspaceTrust = "needs-workspace-trust";
    public const string SecretInSharedSettings = "secret-in-shared-settings";
    public const string SecretReadableByOthers = "secret-readable-by-others";
    public const string TokenCredentialsInvalid = "token-credentials-invalid";
    public const string FoundryAuthSkipped = "foundry-auth-skipped";
    public const string SettingsInvalid = "settings-invalid";
    public const string VsCodeDiffers = "vscode-differs";
    public const string VsCodeValueIgnored = "vscode-value-ignored";
    public const string VsCodeListReplaced = "vscode-list-replaced";
    public const string CapabilitiesMissing = "capabilities-missing";
    public const string CapabilitiesMismatch = "capabilities-mismatch";
    public const string DeploymentNamedAsOtherModel = "deployment-named-as-other-model";
}
