using System.Diagnostics;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>Refuses to put a secret into a file that git tracks, or would track (inside a work tree and not ignored).</summary>
public static class GitGuard
{
    public static async Task EnsureNotCommittableAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!InsideWorkTree(folder)) return;

        int exit;
        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-C", folder, "check-ignore", "-q", "--", Path.GetFileName(path) }) info.ArgumentList.Add(argument);
            using var git = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
            await git.WaitForExitAsync(cancellationToken);
            exit = git.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{path} is inside a git work tree, and git is not available to check that it is ignored; not writing an API key there. " +
                "Write it outside the repository (e.g. ~/.claude/settings.json), or use --auth entra.", e);
        }

        if (exit != 0)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{path} is in a git repository and git does not ignore it (or already tracks it): an API key written there could be committed. " +
                $"Add it to .gitignore (and `git rm --cached` it if tracked), write it outside the repository (e.g. ~/.claude/settings.json), " +
                "or use --auth entra, which writes no secret. Nothing was changed.");
        }
    }

    private static bool InsideWorkTree(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return true;
        }

        return false;
    }
}
