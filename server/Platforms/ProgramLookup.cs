namespace FoundryIde.Server.Platforms;

/// <summary>
/// Finds a program on PATH the way the platform's shell does: on Windows each PATH folder is tried with each PATHEXT
/// extension (az is az.cmd, azd is azd.exe), a name that already has one of them as is; elsewhere the file must be
/// executable.
/// </summary>
public sealed class ProgramLookup(HostPlatform platform, Func<string, bool>? isProgram = null)
{
    /// <summary>Windows' PATHEXT when the variable is unset.</summary>
    public const string DefaultPathExt = ".COM;.EXE;.BAT;.CMD";

    private readonly Func<string, bool> isProgram = isProgram ?? (platform.IsWindows ? File.Exists : IsExecutable);

    /// <summary>The full path of the first match, or null.</summary>
    public string? Find(string name)
    {
        var path = platform.Environment.Read("PATH") ?? platform.Environment.Read("Path");
        if (string.IsNullOrEmpty(path) || name.IndexOfAny(['/', '\\']) >= 0) return null;
        var separator = platform.IsWindows ? ';' : ':';
        foreach (var folder in path.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var candidate in Candidates(name))
            {
                var full = platform.Join(folder.Trim('"'), candidate);
                if (isProgram(full)) return full;
            }
        }

        return null;
    }

    /// <summary>The file names tried in each folder, in order.</summary>
    public IEnumerable<string> Candidates(string name)
    {
        if (!platform.IsWindows)
        {
            yield return name;
            yield break;
        }

        var extensions = (platform.Environment.Read("PATHEXT") ?? DefaultPathExt)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))) yield return name;
        foreach (var extension in extensions) yield return name + extension.ToLowerInvariant();
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path);
        try
        {
            return File.Exists(path)
                && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
