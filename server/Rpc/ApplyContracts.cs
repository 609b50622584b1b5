using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using FoundryIde.Server.ClaudeConfig;

namespace FoundryIde.Server.Rpc;

/// <summary>Where <c>config/apply</c> puts the variables.</summary>
public static class ApplyTarget
{
    /// <summary>The editor's integrated terminals (it injects <see cref="ApplyResult.Variables"/>; nothing is written here).</summary>
    public const string Terminals = "terminals";

    /// <summary>The Claude Code extension's <c>claudeCode.environmentVariables</c> (merged here, written by the editor).</summary>
    public const string ClaudeCodeExtension = "claudeCodeExtension";

    /// <summary>A dotenv file in the workspace folder (<see cref="ApplyParams.DotenvPath"/>).</summary>
    public const string Dotenv = "dotenv";

    /// <summary>Claude Code's user settings: <c>$CLAUDE_CONFIG_DIR/settings.json</c>, else <c>~/.claude/settings.json</c>.</summary>
    public const string UserSettings = "userSettings";

    public static readonly IReadOnlyList<string> All = [Terminals, ClaudeCodeExtension, Dotenv, UserSettings];
}

/// <param name="Selection">The resource, subscription, deployments, auth, apiKey (from the editor's secret store) and
/// workspaceFolder (absolute; the folder the dotenv file is in, and with the home folder where a symlinked file may
/// lead). Its format, output, fetchKey and revealSecrets must be left out: apply decides them.</param>
/// <param name="Targets">Where to apply; unknown words are refused.</param>
/// <param name="DotenvPath">The dotenv file, relative to the workspace folder (default ".env") or absolute.</param>
/// <param name="ClaudeCodeEnvironmentVariables">The current value of <c>claudeCode.environmentVariables</c>, as the
/// editor read it (any JSON: a list of {name, value} normally): the Foundry entries are merged into it, everyone
/// else's kept.</param>
/// <param name="DryRun">Write nothing and ask Azure nothing: only the files and paths that would be written (for a
/// consent dialog).</param>
public sealed record ApplyParams(
    EnvParams Selection,
    [property: AllowedValues(ApplyTarget.Terminals, ApplyTarget.ClaudeCodeExtension, ApplyTarget.Dotenv, ApplyTarget.UserSettings)] IReadOnlyList<string> Targets,
    string? DotenvPath = null,
    JsonElement? ClaudeCodeEnvironmentVariables = null,
    bool DryRun = false);

/// <summary>One entry of <c>claudeCode.environmentVariables</c>.</summary>
public sealed record NameValue(string Name, string Value);

/// <summary>Which deployment one of Claude Code's aliases names, and why.</summary>
/// <param name="Reason">explicit (the selection named it), default (the newest healthy one of the family) or none (no
/// healthy deployment: the alias gets no variable; a warning says what fails).</param>
public sealed record ApplyChoice(
    [property: AllowedValues(Discovery.DeploymentFamily.Fable, Discovery.DeploymentFamily.Opus, Discovery.DeploymentFamily.Sonnet, Discovery.DeploymentFamily.Haiku, Discovery.DeploymentFamily.Other)] string Family,
    ClaudeDeployment? Deployment,
    [property: AllowedValues(ApplyChoiceReason.Explicit, ApplyChoiceReason.Default, ApplyChoiceReason.None)] string Reason);

public static class ApplyChoiceReason
{
    public const string Explicit = "explicit";
    public const string Default = "default";
    public const string None = "none";
}

/// <summary>A file target: where it is, and what happened to it (a dry run: what would be written where).</summary>
/// <param name="Path">The path as named (the workspace's .env, the Claude user settings file).</param>
/// <param name="LinksTo">Where a symlink on the path leads (every link resolved), when it leads elsewhere.</param>
/// <param name="Changed">The file was rewritten (false: it already said this, or a dry run, or an error).</param>
/// <param name="Note">For example that a symlink was followed.</param>
/// <param name="Error">Why this file was not written (refused symlink, a file that does not parse, git would commit
/// the key …); the other targets are still applied.</param>
public sealed record ApplyFile(
    [property: AllowedValues(ApplyTarget.Dotenv, ApplyTarget.UserSettings)] string Target,
    string Path,
    string? LinksTo,
    bool Changed,
    string? BackupPath,
    string? Note,
    string? Error);

/// <param name="Variables">What terminals get; a secret's value is "***" (the editor injects the key it holds).</param>
/// <param name="ClaudeCodeEnvironmentVariables">The new <c>claudeCode.environmentVariables</c> (never a secret), when
/// that target was asked for; null otherwise, or when the current value could not be merged (a warning says why).</param>
/// <param name="Files">The file targets asked for, in the order written.</param>
/// <param name="Choices">Per family, the deployment its alias names and why.</param>
/// <param name="ManagedVariables">Every variable name FoundryIde manages (set or removed by a write).</param>
public sealed record ApplyResult(
    string Resource,
    [property: AllowedValues(ConnectionAuthMode.Entra, ConnectionAuthMode.Key)] string Auth,
    IReadOnlyList<EnvVariable> Variables,
    IReadOnlyList<NameValue>? ClaudeCodeEnvironmentVariables,
    IReadOnlyList<ApplyFile> Files,
    IReadOnlyList<ApplyChoice> Choices,
    IReadOnlyList<string> ManagedVariables,
    IReadOnlyList<string> Warnings,
    bool DryRun);
