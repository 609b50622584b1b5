using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;
using static FoundryIde.Server.ClaudeConfig.EffectiveVariableNames;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Computes what Claude Code will actually see from everything <see cref="SettingsSources"/> collected: each
/// variable's value and source, the provider, and the conflicts that keep it off Foundry. Secret values never
/// leave: their variables carry no value, and every text is scrubbed of every secret value found anywhere.
/// </summary>
public static class EffectiveConfigExplainer
{
    private const string TerminalOnly = "`claude` in a terminal: ";
    private const string ExtensionOnly = "The Claude Code that the VS Code extension starts: ";

    public static EffectiveConfig Explain(SettingsSnapshot snapshot, IReadOnlyCollection<string>? knownDeployments, SecretRedactor redactor)
    {
        var terminal = EffectiveConfigView.ForTerminal(snapshot.Terminal);
        var list = snapshot.VsCodeLists.Count == 0 ? null : snapshot.VsCodeLists[^1];
        var extension = list is null ? null : EffectiveConfigView.ForExtension(snapshot.Terminal, list);

        var variables = terminal.Variables.Select(ToWire).ToList();
        if (list is not null) variables.AddRange(ListVariables(snapshot, list).Select(ToWire));

        var conflicts = new List<ConfigConflict>(SettingsFileChecks.UnusableFiles(snapshot));
        conflicts.AddRange(PerProcessConflicts(snapshot.Paths, terminal, extension, knownDeployments));
        conflicts.AddRange(SettingsFileChecks.SecretsInSharedSettings(snapshot));
        conflicts.AddRange(SettingsFileChecks.SecretsInReadableFiles(snapshot));
        if (extension is not null) conflicts.AddRange(SettingsFileChecks.VsCodeAgainstTerminal(snapshot, terminal, extension, list!));

        var scrub = Scrubber(snapshot, redactor);
        return new EffectiveConfig(
            variables.Select(v => v with { Value = v.Value is null ? null : scrub(v.Value) }).ToArray(),
            ProviderOf(terminal),
            conflicts.Select(c => c with { Message = scrub(c.Message), Fix = scrub(c.Fix) }).ToArray(),
            snapshot.Contents.Select(c => c.Status with { Error = c.Status.Error is null ? null : scrub(c.Status.Error) }).ToArray(),
            snapshot.WorkspaceFolder);
    }

    /// <summary>Claude Code checks Bedrock, then Vertex, then Foundry; with none of them it uses Anthropic's API.</summary>
    public static string ProviderOf(EffectiveConfigView view) =>
        IsTruthy(view.Value(UseBedrock)) ? ClaudeProviders.Bedrock
        : IsTruthy(view.Value(UseVertex)) ? ClaudeProviders.Vertex
        : IsTruthy(view.Value(UseFoundry)) ? ClaudeProviders.Foundry
        : ClaudeProviders.Anthropic;

    /// <summary>
    /// The checks for a terminal, and for the extension's Claude Code when there is a list. A conflict both share is
    /// told once; one that only a single process has says which.
    /// </summary>
    private static IEnumerable<ConfigConflict> PerProcessConflicts(
        SettingsSourcePaths paths, EffectiveConfigView terminal, EffectiveConfigView? extension, IReadOnlyCollection<string>? known)
    {
        var forTerminal = EffectiveConfigChecks.Run(terminal, paths, known);
        if (extension is null) return forTerminal;
        var forExtension = EffectiveConfigChecks.Run(extension, paths, known);
        var terminalKeys = forTerminal.Select(Key).ToHashSet();
        var extensionKeys = forExtension.Select(Key).ToHashSet();
        return forTerminal.Select(c => extensionKeys.Contains(Key(c)) ? c : c with { Message = TerminalOnly + c.Message })
            .Concat(forExtension.Where(c => !terminalKeys.Contains(Key(c))).Select(c => c with { Message = ExtensionOnly + c.Message }));
    }

    private static (string, string?, string, string?) Key(ConfigConflict c) => (c.Code, c.Variable, c.Source, c.Path);

    /// <summary>What the extension passes, each over VS Code's environment and the lists it replaced.</summary>
    private static IEnumerable<ResolvedVariable> ListVariables(SettingsSnapshot snapshot, SettingsLayer list)
    {
        var below = new List<SettingsLayer> { snapshot.Terminal[0] };
        below.AddRange(snapshot.VsCodeLists.Where(l => l != list));
        foreach (var name in All.Where(list.Variables.ContainsKey))
        {
            yield return EffectiveConfigView.Resolve(name, [.. below.Where(l => l.Variables.ContainsKey(name)), list])!;
        }
    }

    private static EffectiveVariable ToWire(ResolvedVariable v) =>
        new(v.Name, v.Secret ? null : v.Value, v.Secret, v.Source, v.Path, v.Overridden);

    /// <summary>Masks every secret value found in any source (and, through the redactor, the process's own and JWTs).</summary>
    private static Func<string, string> Scrubber(SettingsSnapshot snapshot, SecretRedactor redactor)
    {
        var secrets = snapshot.Terminal.Concat(snapshot.VsCodeLists)
            .SelectMany(l => l.Variables)
            .Where(v => v.Value.Length >= 4 && IsSecret(v.Key, v.Value))
            .Select(v => v.Value)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
        return text =>
        {
            foreach (var secret in secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
            return redactor.Redact(text);
        };
    }
}
