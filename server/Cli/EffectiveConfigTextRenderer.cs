using System.Text;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>What Claude Code will actually see, for a person at a terminal. Secrets show as "set (secret)".</summary>
public static class EffectiveConfigTextRenderer
{
    public static string Render(EffectiveConfig config)
    {
        var text = new StringBuilder();
        text.AppendLine("Claude Code's provider configuration: what it will actually see");
        text.AppendLine(config.WorkspaceFolder is null
            ? "  (no workspace folder: user-level sources only)"
            : $"  workspace: {config.WorkspaceFolder}");
        text.AppendLine();
        text.AppendLine($"`claude` in a terminal uses: {config.Provider}");
        text.AppendLine();

        var terminal = config.Variables.Where(v => !IsVsCode(v.Source)).ToArray();
        var extension = config.Variables.Where(v => IsVsCode(v.Source)).ToArray();
        text.AppendLine("In a terminal (later wins: shell, user, project, local, managed):");
        AppendVariables(text, terminal);
        if (extension.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("Passed by the VS Code extension (claudeCode.environmentVariables; Claude Code's settings files still win):");
            AppendVariables(text, extension);
        }

        text.AppendLine();
        text.AppendLine("Files:");
        var width = config.Files.Max(f => f.Source.Length);
        foreach (var file in config.Files)
        {
            var mark = file.Error is not null ? "[!!]" : file.Exists ? "[ok]" : "[--]";
            var state = file.Error ?? (file.Exists ? "" : "not there");
            text.AppendLine($"  {mark} {file.Source.PadRight(width)}  {file.Path}{(state.Length > 0 ? "  " + state : "")}");
        }

        text.AppendLine();
        AppendConflicts(text, config);
        return text.ToString().TrimEnd();
    }

    /// <summary>The doctor's section: the provider and the conflicts, without the full listing.</summary>
    public static string RenderForDoctor(EffectiveConfig config)
    {
        var text = new StringBuilder();
        text.AppendLine($"Claude Code's settings{(config.WorkspaceFolder is null ? "" : $" for {config.WorkspaceFolder}")}: " +
                        $"`claude` in a terminal uses {config.Provider} (`foundry-ide config` shows every variable and its source).");
        foreach (var credential in config.Variables.Where(v =>
                     v.Name is "ANTHROPIC_FOUNDRY_AUTH_TOKEN" or "ANTHROPIC_FOUNDRY_API_KEY" && v.Source != ConfigSources.Shell && !IsVsCode(v.Source)))
        {
            text.AppendLine($"Note: {credential.Name} is set in {credential.Source} settings {credential.Path}; Claude Code uses it " +
                            "(before any Entra ID credential), although the check above reads only this shell's environment.");
        }

        AppendConflicts(text, config);
        text.AppendLine();
        return text.ToString();
    }

    private static void AppendVariables(StringBuilder text, EffectiveVariable[] variables)
    {
        if (variables.Length == 0)
        {
            text.AppendLine("  (none of Claude Code's provider variables is set)");
            return;
        }

        var width = variables.Max(v => v.Name.Length);
        foreach (var variable in variables)
        {
            var value = variable.Secret ? "set (secret, not shown)" : variable.Value;
            var from = variable.Path is null ? variable.Source : $"{variable.Source} {variable.Path}";
            var beats = variable.Overridden.Count == 0 ? "" : $"  (overrides {string.Join(", ", variable.Overridden.Select(o => o.Source))})";
            text.AppendLine($"  {variable.Name.PadRight(width)}  {value}  <- {from}{beats}");
        }
    }

    private static void AppendConflicts(StringBuilder text, EffectiveConfig config)
    {
        if (config.Conflicts.Count == 0)
        {
            text.AppendLine("No conflicts: nothing in these settings keeps Claude Code off Foundry.");
            return;
        }

        foreach (var conflict in config.Conflicts)
        {
            var mark = conflict.Severity == ConflictSeverity.Error ? "Problem" : "Warning";
            text.AppendLine($"{mark} [{conflict.Code}]: {conflict.Message}");
            text.AppendLine($"  fix: {conflict.Fix}");
        }
    }

    private static bool IsVsCode(string source) => source is ConfigSources.VsCodeUser or ConfigSources.VsCodeWorkspace;
}
