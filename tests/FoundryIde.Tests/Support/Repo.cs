namespace FoundryIde.Tests.Support;

/// <summary>The repository these tests were built from.</summary>
public static class Repo
{
    /// <summary>The folder holding FoundryIde.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FoundryIde.sln"))) return dir.FullName;
        }

        throw new AssertFailedException($"No FoundryIde.sln above {AppContext.BaseDirectory}.");
    }
}
