namespace FoundryIde.Server.Discovery;

/// <summary>Which Claude Code alias a model serves, read from the model name (not the deployment name).</summary>
public static class DeploymentFamily
{
    public const string Opus = "opus";
    public const string Sonnet = "sonnet";
    public const string Haiku = "haiku";
    public const string Other = "other";

    public static string Of(string? modelName) => modelName?.ToLowerInvariant() switch
    {
        null => Other,
        var m when m.Contains(Opus, StringComparison.Ordinal) => Opus,
        var m when m.Contains(Sonnet, StringComparison.Ordinal) => Sonnet,
        var m when m.Contains(Haiku, StringComparison.Ordinal) => Haiku,
        _ => Other,
    };
}
