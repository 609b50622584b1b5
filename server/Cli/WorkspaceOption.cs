using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

internal static class WorkspaceOption
{
    /// <summary>--workspace as a full path (default: the current directory); an empty value is bad input, not a crash.</summary>
    public static string FullPath(string? value) => value switch
    {
        null => Environment.CurrentDirectory,
        _ when string.IsNullOrWhiteSpace(value) => throw new FoundryException(FoundryErrorCode.InvalidInput,
            "--workspace is empty: give a folder, or leave the option out for the current directory."),
        _ => Path.GetFullPath(value),
    };
}
