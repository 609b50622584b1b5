using System.Diagnostics;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Refuses to put a secret into a file that git tracks, or would track (inside a work tree and not ignored).
/// The repository may be a stranger's: `git check-ignore` runs with every repository setting that could start a
/// program turned off on the command line (which wins over .git/config and its includes), without stdin or a pager,
/// and is killed after <see cref="Timeout"/> (a FIFO as .gitignore or core.excludesFile would otherwise hang it).
/// </summary>
public static class GitGuard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// core.fsmonitor names a program git runs when it reads the index (check-ignore does, to see whether the path is
    /// tracked); core.hooksPath=/dev/null leaves no hook to run; --no-pager, although stdout is a pipe.
    /// </summary>
    public static readonly IReadOnlyList<string> SafeOptions =
        ["--no-pager", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false"];

    public static async Task EnsureNotCommittableAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!InsideWorkTree(folder)) return;

        int exit;
        try
        {
            exit = await CheckIgnoreAsync(folder, Path.GetFileName(path), cancellationToken);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{path} is inside a git work tree, and git is not available to check that it is ignored; not writing an API key there. " +
                "Write it outside the repository (e.g. ~/.claude/settings.json), or use --auth entra.", e);
        }
        catch (TimeoutException e)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{path} is inside a git work tree, and `git check-ignore` did not answer within {Timeout.TotalSeconds:0} s; not writing an API key there. " +
                "Write it outside the repository (e.g. ~/.claude/settings.json), or use --auth entra. Nothing was changed.", e);
        }

        if (exit != 0)
        {
            throw new FoundryException(FoundryErrorCode.FileConflict,
                $"{path} is in a git repository and git does not ignore it (or already tracks it): an API key written there could be committed. " +
                $"Add it to .gitignore (and `git rm --cached` it if tracked), write it outside the repository (e.g. ~/.claude/settings.json), " +
                "or use --auth entra, which writes no secret. Nothing was changed.");
        }
    }

    private static async Task<int> CheckIgnoreAsync(string folder, string name, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in SafeOptions) info.ArgumentList.Add(argument);
        foreach (var argument in new[] { "-C", folder, "check-ignore", "-q", "--", name }) info.ArgumentList.Add(argument);
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var git = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
        git.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var drained = Task.WhenAll(git.StandardOutput.ReadToEndAsync(deadline.Token), git.StandardError.ReadToEndAsync(deadline.Token));
        try
        {
            await git.WaitForExitAsync(deadline.Token);
            await drained;
        }
        catch (OperationCanceledException)
        {
            git.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException("git check-ignore did not finish in time");
        }

        return git.ExitCode;
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
