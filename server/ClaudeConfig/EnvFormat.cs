using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The output formats, and how each one writes a variable so its shell or parser reads the exact value.</summary>
public static class EnvFormat
{
    public const string Dotenv = "dotenv";
    public const string Sh = "sh";
    public const string Fish = "fish";
    public const string Pwsh = "pwsh";
    public const string ClaudeSettings = "claude-settings";
    public const string VsCode = "vscode";
    public const string Json = "json";

    public static readonly IReadOnlyList<string> All = [Dotenv, Sh, Fish, Pwsh, ClaudeSettings, VsCode, Json];

    public static bool IsJson(string format) => format is ClaudeSettings or VsCode or Json;

    /// <summary>
    /// The text of a new file: on Windows, CRLF line endings for the formats Windows tools open (PowerShell, JSON);
    /// sh, fish and dotenv keep LF everywhere (a CR would end up in the values). An existing file keeps its own.
    /// </summary>
    public static string ForNewFile(string format, string text, bool windows) =>
        windows && (format == Pwsh || IsJson(format)) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : text;

    /// <summary>
    /// The format a file is written in when none is asked, from its name: .ps1 pwsh, .fish fish, .sh/.bash/.zsh sh,
    /// settings.json or settings.local.json in a .claude folder claude-settings, settings.json in a .vscode folder
    /// vscode, any other .json json, anything else (.env, .envrc, no extension) dotenv. Either separator, any OS.
    /// </summary>
    public static string ForOutput(string path)
    {
        var parts = path.Split('/', '\\');
        var name = parts[^1].ToLowerInvariant();
        var folder = parts.Length > 1 ? parts[^2].ToLowerInvariant() : "";
        return (name, folder) switch
        {
            ("settings.json" or "settings.local.json", ".claude") => ClaudeSettings,
            ("settings.json", ".vscode") => VsCode,
            _ => Path.GetExtension(name) switch
            {
                ".ps1" => Pwsh,
                ".fish" => Fish,
                ".sh" or ".bash" or ".zsh" => Sh,
                ".json" => Json,
                _ => Dotenv,
            },
        };
    }

    public static string Parse(string? format) =>
        format is null ? Dotenv
        : All.FirstOrDefault(f => f.Equals(format.Trim(), StringComparison.OrdinalIgnoreCase))
          ?? throw new FoundryException(FoundryErrorCode.InvalidInput,
              $"Unknown format \"{format}\": use one of {string.Join(", ", All)}.");

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The whole text for these variables in this format (what `env` prints without --output).</summary>
    /// <param name="picker">For a Claude Code settings file: its <c>modelPicker</c> rows, as a written file gets them.</param>
    public static string Render(string format, IReadOnlyList<EnvVariable> variables, IReadOnlyList<ModelPickerRow>? picker = null)
    {
        if (IsJson(format))
        {
            var root = JsonSettingsMerge.Apply(new JsonObject(), format, variables);
            if (format == ClaudeSettings && picker is not null) JsonSettingsMerge.SetPicker(root, picker);
            return root.ToJsonString(JsonOptions) + "\n";
        }

        var text = new StringBuilder();
        foreach (var v in variables) text.Append(Line(format, v.Name, v.Value)).Append('\n');
        return text.ToString();
    }

    /// <summary>One assignment line in a shell-like format. A value with a control character is refused (never written).</summary>
    public static string Line(string format, string name, string value)
    {
        TrustedValues.RequireWritable(name, value);
        return format switch
        {
            Dotenv => $"{name}={DotenvValue(value)}",
            Sh => $"export {name}={Quoted(ShellKind.Sh, value)}",
            Fish => $"set -gx {name} {Quoted(ShellKind.Fish, value)}",
            Pwsh => $"$env:{name} = {Quoted(ShellKind.Pwsh, value)}",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a line format"),
        };
    }

    private static string Quoted(ShellKind shell, string value) => ShellQuoting.Quote(shell, value)!;

    /// <summary>Bare when it is plainly safe, else single-quoted: readable alike by `source`, dotenv libraries and Docker.</summary>
    private static string DotenvValue(string value) =>
        value.Length > 0 && value.All(IsPlain) ? value
        : !value.Contains('\'', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal) ? $"'{value}'"
        : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "_-./:@%+,=".Contains(c, StringComparison.Ordinal);
}
