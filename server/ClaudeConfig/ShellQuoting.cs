using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The shells a value is quoted for: the env file formats and the fix commands share these rules.</summary>
public enum ShellKind
{
    /// <summary>bash, zsh, sh, dash, ksh (and any shell not known: POSIX quoting).</summary>
    Sh,
    Fish,
    Pwsh,
    Cmd,
}

/// <summary>
/// Quoting one word so that the shell reads back exactly that word, never code. Values with a control character are
/// refused (callers validate first; this is the last line). Single quotes everywhere except cmd: sh ends them only at
/// ' ('\'' inside); fish also reads \\ and \' in them; PowerShell ends them at ' and at the Unicode single quotes
/// U+2018-U+201B, each doubled inside. cmd has no quoting that stops %VAR% and "; a word it cannot hold is refused.
/// </summary>
public static class ShellQuoting
{
    /// <summary>PowerShell's single-quote characters: ' and ‘ ’ ‚ ‛ (U+2018-U+201B).</summary>
    public static readonly char[] PwshSingleQuotes = ['\'', '\u2018', '\u2019', '\u201A', '\u201B'];

    /// <summary>bash|zsh|fish|pwsh|cmd from a shell path or name as VS Code or $SHELL gives it; unknown → sh-style.</summary>
    public static ShellKind Of(string? shell)
    {
        if (string.IsNullOrWhiteSpace(shell)) return ShellKind.Sh;
        var name = shell.Trim().TrimEnd('/', '\\');
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..].ToLowerInvariant();
        if (name.EndsWith(".exe", StringComparison.Ordinal)) name = name[..^4];
        return name switch
        {
            "fish" => ShellKind.Fish,
            "pwsh" or "powershell" or "pwsh-preview" => ShellKind.Pwsh,
            "cmd" => ShellKind.Cmd,
            _ => ShellKind.Sh,
        };
    }

    /// <summary>The shell this process's user types in (<see cref="Platforms.HostPlatform.TerminalShell"/>).</summary>
    public static string? CurrentShell() =>
        Platforms.HostPlatform.Current.TerminalShell(new Platforms.ProgramLookup(Platforms.HostPlatform.Current));

    /// <summary>The word bare when every character is plainly safe in that shell, else quoted; null when it cannot be.</summary>
    public static string? Word(ShellKind shell, string value) =>
        value.Length > 0 && value.All(c => IsPlain(shell, c)) && (shell != ShellKind.Pwsh || PwshBare(value))
            ? value
            : Quote(shell, value);

    /// <summary>PowerShell reads a bare word that starts like a number as one (1kb is 1024, 0x10 is 16): only letters or -letter start bare.</summary>
    private static bool PwshBare(string value) =>
        char.IsAsciiLetter(value[0]) || (value.TrimStart('-') is { Length: > 0 } rest && rest.Length < value.Length && char.IsAsciiLetter(rest[0]));

    /// <summary>The value always quoted (what the env file formats write); null when the shell cannot hold it (cmd).</summary>
    public static string? Quote(ShellKind shell, string value)
    {
        if (TrustedValues.ForbiddenChar(value) is not null) return null;
        return shell switch
        {
            ShellKind.Sh => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'",
            ShellKind.Fish => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
            ShellKind.Pwsh => "'" + string.Concat(value.Select(c => PwshSingleQuotes.Contains(c) ? new string(c, 2) : c.ToString())) + "'",
            _ => value.IndexOfAny(['"', '%', '!', '^', '\n', '\r']) >= 0 || value.EndsWith('\\') ? null : "\"" + value + "\"",
        };
    }

    /// <summary>A whole command line (program and arguments) for that shell; null when a word cannot be quoted there.</summary>
    public static string? CommandLine(ShellKind shell, string program, IReadOnlyList<string> arguments)
    {
        var words = new List<string>();
        foreach (var word in arguments.Prepend(program))
        {
            if (Word(shell, word) is not { } quoted) return null;
            words.Add(quoted);
        }

        // PowerShell runs a quoted first word only through the call operator.
        if (shell == ShellKind.Pwsh && words[0].StartsWith('\'')) words.Insert(0, "&");
        return string.Join(' ', words);
    }

    private static bool IsPlain(ShellKind shell, char c) => char.IsAsciiLetterOrDigit(c) || shell switch
    {
        ShellKind.Sh => "_-./:=@%+,".Contains(c, StringComparison.Ordinal),
        ShellKind.Fish => "_-./:=@+,".Contains(c, StringComparison.Ordinal),
        ShellKind.Pwsh => "_-./:".Contains(c, StringComparison.Ordinal),
        _ => "_-./:\\".Contains(c, StringComparison.Ordinal),
    };
}
