using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>Variables one place sets: the shell, a settings file's `env` block, or a VS Code list.</summary>
/// <param name="Path">The file; null for the shell.</param>
public sealed record SettingsLayer(string Source, string? Path, IReadOnlyDictionary<string, string> Variables)
{
    public ConfigOrigin Origin => new(Source, Path);
}

/// <summary>Everything Claude Code takes provider configuration from, for one user and one workspace folder.</summary>
/// <param name="Terminal">The shell, then Claude Code's settings files that set `env`, in Claude Code's merge order.</param>
/// <param name="VsCodeLists">VS Code settings files that have claudeCode.environmentVariables, least specific first.</param>
/// <param name="Contents">Every file looked at, in the order of <see cref="SettingsSourcePaths"/>.</param>
public sealed record SettingsSnapshot(
    string? WorkspaceFolder,
    SettingsSourcePaths Paths,
    IReadOnlyList<SettingsLayer> Terminal,
    IReadOnlyList<SettingsLayer> VsCodeLists,
    IReadOnlyList<SettingsFileContent> Contents);

/// <summary>
/// Collects the places Claude Code reads provider configuration from: the process environment (the shell), the
/// user, project, local and managed settings files, and the VS Code extension's claudeCode.environmentVariables.
/// </summary>
public sealed class SettingsSources(IEnvironmentReader environment)
{
    public async Task<SettingsSnapshot> ReadAsync(string? workspaceFolder, CancellationToken cancellationToken)
    {
        var paths = SettingsSourcePaths.For(environment, workspaceFolder);
        var claudeFiles = await Task.WhenAll(paths.ClaudeFiles().Select(f => SettingsFileParser.ReadAsync(f, cancellationToken)));
        var vsCodeFiles = await Task.WhenAll(paths.VsCodeFiles().Select(f => SettingsFileParser.ReadAsync(f, cancellationToken)));

        var shell = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in EffectiveVariableNames.All)
        {
            if (environment.Read(name) is { } value) shell[name] = value;
        }

        var terminal = new List<SettingsLayer> { new(ConfigSources.Shell, null, shell) };
        terminal.AddRange(LayersOf(claudeFiles));
        return new SettingsSnapshot(workspaceFolder, paths, terminal, LayersOf(vsCodeFiles).ToArray(), [.. claudeFiles, .. vsCodeFiles]);
    }

    private static IEnumerable<SettingsLayer> LayersOf(IEnumerable<SettingsFileContent> files) =>
        files.Where(f => f.Variables is not null)
            .Select(f => new SettingsLayer(f.Location.Source, f.Location.Path, f.Variables!));
}
