using System.ComponentModel.DataAnnotations;
using FoundryIde.Server.ClaudeConfig;

namespace FoundryIde.Server.Rpc;

/// <param name="Resource">The Foundry resource's name (or custom subdomain).</param>
/// <param name="Fable">The deployment for Claude Code's fable alias (like Opus, Sonnet, Haiku); default: the newest healthy Fable.</param>
/// <param name="Auth">entra (default: no secret is written; Claude Code uses its Azure chain) or key.</param>
/// <param name="Format">dotenv, sh, fish, pwsh, claude-settings, vscode or json; null: from <paramref name="Output"/>'s
/// name (<see cref="ClaudeConfig.EnvFormat.ForOutput"/>), else dotenv.</param>
/// <param name="Output">Merge into this file (atomically, keeping everything else); null: only return the text.</param>
/// <param name="ApiKey">For key auth: the key from the editor's secret store (else ANTHROPIC_FOUNDRY_API_KEY).</param>
/// <param name="FetchKey">For key auth: read key1 with listKeys (needs that permission).</param>
/// <param name="RevealSecrets">Put the key into the returned text and variables (files always get it).</param>
/// <param name="WorkspaceFolder">The caller's workspace folder (absolute): with the user's home, the folders a symlinked
/// <paramref name="Output"/> may lead into. The CLI passes its current directory.</param>
public sealed record EnvParams(
    string Resource,
    string? Subscription = null,
    string? Opus = null,
    string? Sonnet = null,
    string? Haiku = null,
    [property: AllowedValues(ConnectionAuthMode.Entra, ConnectionAuthMode.Key, null)] string? Auth = null,
    [property: AllowedValues(ClaudeConfig.EnvFormat.Dotenv, ClaudeConfig.EnvFormat.Sh, ClaudeConfig.EnvFormat.Fish, ClaudeConfig.EnvFormat.Pwsh, ClaudeConfig.EnvFormat.ClaudeSettings, ClaudeConfig.EnvFormat.VsCode, ClaudeConfig.EnvFormat.Json, null)] string? Format = null,
    string? Output = null,
    string? ApiKey = null,
    bool FetchKey = false,
    bool RevealSecrets = false,
    string? WorkspaceFolder = null,
    string? Fable = null)
{
    /// <summary>Like the generated one, with <see cref="ApiKey"/> masked: a record's ToString must not leak it into a log.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Resource = {Resource}, Subscription = {Subscription}, Opus = {Opus}, Sonnet = {Sonnet}, Haiku = {Haiku}, ");
        builder.Append($"Auth = {Auth}, Format = {Format}, Output = {Output}, ApiKey = {(ApiKey is null ? "" : "***")}, ");
        builder.Append($"FetchKey = {FetchKey}, RevealSecrets = {RevealSecrets}, WorkspaceFolder = {WorkspaceFolder}, Fable = {Fable}");
        return true;
    }
}

/// <param name="Variables">What Claude Code gets; a secret's value is "***" unless RevealSecrets.</param>
/// <param name="Content">The text in the chosen format.</param>
/// <param name="Choices">Which deployment each alias names (null deployment: none available).</param>
/// <param name="File">What was written, when Output was given.</param>
/// <param name="ModelPicker">Claude Code's <c>modelPicker</c> rows for the resource's other healthy deployments (those no
/// family alias names): written into Claude Code settings files (format claude-settings), so each is in /model and
/// <c>--model &lt;deployment&gt;</c> gets its model's handling.</param>
public sealed record EnvResult(
    string Resource,
    [property: AllowedValues(ClaudeConfig.EnvFormat.Dotenv, ClaudeConfig.EnvFormat.Sh, ClaudeConfig.EnvFormat.Fish, ClaudeConfig.EnvFormat.Pwsh, ClaudeConfig.EnvFormat.ClaudeSettings, ClaudeConfig.EnvFormat.VsCode, ClaudeConfig.EnvFormat.Json)] string Format,
    [property: AllowedValues(ConnectionAuthMode.Entra, ConnectionAuthMode.Key)] string Auth,
    IReadOnlyList<EnvVariable> Variables,
    string Content,
    IReadOnlyList<FamilyChoice> Choices,
    IReadOnlyList<string> Warnings,
    FileWriteResult? File,
    IReadOnlyList<ModelPickerRow>? ModelPicker = null);

/// <summary>One row of Claude Code's <c>modelPicker.options</c>, in Claude Code's own field names.</summary>
/// <param name="Model">What Claude Code sends: the deployment's name.</param>
/// <param name="Label">"Opus 4.1 · big-opus".</param>
/// <param name="Description">"claude-opus-4-1 (20250805) on Foundry resource contoso (eastus2)".</param>
/// <param name="BehavesAs">Claude Code's registry id of the model (claude-opus-4-1), whose parameters Claude Code then
/// sends; null for a model the table does not know.</param>
public sealed record ModelPickerRow(string Model, string Label, string Description, string? BehavesAs);
