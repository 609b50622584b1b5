using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The value one Claude Code process ends up with, where it comes from, and the places it beat.</summary>
public sealed record ResolvedVariable(string Name, string Value, string Source, string? Path, IReadOnlyList<ConfigOrigin> Overridden)
{
    public ConfigOrigin Origin => new(Source, Path);

    public bool Secret => EffectiveVariableNames.IsSecret(Name, Value);

    /// <summary>Every place that sets it, winner last.</summary>
    public IReadOnlyList<ConfigOrigin> Places => [.. Overridden, Origin];
}

/// <summary>
/// The provider variables as one Claude Code process sees them: <c>claude</c> in a terminal, or the Claude Code
/// the VS Code extension starts.
/// </summary>
public sealed class EffectiveConfigView
{
    private readonly Dictionary<string, ResolvedVariable> _variables;

    private EffectiveConfigView(Dictionary<string, ResolvedVariable> variables, bool isExtension)
    {
        _variables = variables;
        IsExtension = isExtension;
    }

    public bool IsExtension { get; }

    public IEnumerable<ResolvedVariable> Variables =>
        EffectiveVariableNames.All.Where(_variables.ContainsKey).Select(n => _variables[n]);

    public ResolvedVariable? Get(string name) => _variables.GetValueOrDefault(name);

    /// <summary>The value when set and not empty (Claude Code treats an empty variable as unset).</summary>
    public string? Value(string name) => _variables.TryGetValue(name, out var v) && v.Value.Length > 0 ? v.Value : null;

    /// <summary>A terminal: the shell, then each settings file's `env` over it (later wins).</summary>
    public static EffectiveConfigView ForTerminal(IReadOnlyList<SettingsLayer> layers)
    {
        var variables = new Dictionary<string, ResolvedVariable>(StringComparer.Ordinal);
        foreach (var name in EffectiveVariableNames.All)
        {
            if (Resolve(name, layers) is { } resolved) variables[name] = resolved;
        }

        return new EffectiveConfigView(variables, isExtension: false);
    }

    /// <summary>
    /// The extension starts Claude Code with its list over VS Code's environment; Claude Code then copies its settings
    /// files' `env` over that. So a settings file beats the list, and the list beats the shell.
    /// </summary>
    public static EffectiveConfigView ForExtension(IReadOnlyList<SettingsLayer> terminalLayers, SettingsLayer list)
    {
        var layers = new List<SettingsLayer> { terminalLayers[0], list };
        layers.AddRange(terminalLayers.Skip(1));
        var variables = new Dictionary<string, ResolvedVariable>(StringComparer.Ordinal);
        foreach (var name in EffectiveVariableNames.All)
        {
            if (Resolve(name, layers) is { } resolved) variables[name] = resolved;
        }

        return new EffectiveConfigView(variables, isExtension: true);
    }

    public static ResolvedVariable? Resolve(string name, IEnumerable<SettingsLayer> layers)
    {
        var places = layers.Where(l => l.Variables.ContainsKey(name)).ToArray();
        if (places.Length == 0) return null;
        var winner = places[^1];
        return new ResolvedVariable(name, winner.Variables[name], winner.Source, winner.Path,
            places[..^1].Select(p => p.Origin).ToArray());
    }
}
