using FoundryIde.Server.Models;

namespace FoundryIde.Server.Discovery;

/// <summary>Which Claude Code alias a model serves, read from the model name (not the deployment name).</summary>
public static class DeploymentFamily
{
    public const string Fable = "fable";
    public const string Opus = "opus";
    public const string Sonnet = "sonnet";
    public const string Haiku = "haiku";
    public const string Other = "other";

    /// <summary>From <see cref="ClaudeModels"/>; a model it does not list (newer than the pinned Claude Code) by the family word in its name.</summary>
    public static string Of(string? modelName) => ClaudeModels.Find(modelName)?.Family ?? (modelName?.ToLowerInvariant() switch
    {
        null => Other,
        var m when m.Contains(Fable, StringComparison.Ordinal) => Fable,
        var m when m.Contains(Opus, StringComparison.Ordinal) => Opus,
        var m when m.Contains(Sonnet, StringComparison.Ordinal) => Sonnet,
        var m when m.Contains(Haiku, StringComparison.Ordinal) => Haiku,
        _ => Other,
    });
}
