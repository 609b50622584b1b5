using System.Diagnostics;
using System.Text;
using FoundryIde.Emulator;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>
/// A repository a stranger prepared, cloned into a fake HOME (as ~/src/hostile), with a folder outside HOME that it
/// points at. Built at test time: git stores symlinks, so every one of these survives a clone.
/// <list type="bullet">
/// <item>.git/config sets core.fsmonitor to a script that creates <see cref="Marker"/> (outside HOME);</item>
/// <item>.env -> a file outside HOME; and the names SafeFileWriter gives its own files, as symlinks: .env.bak ->
/// ~/.bashrc, .env.lock -> ~/.profile, ..env.0123456789ab.tmp -> ~/.ssh/authorized_keys (missing: following it would
/// create it);</item>
/// <item>.claude/settings.local.json -> /dev/zero; .claude/settings.json is a FIFO;</item>
/// <item>.vscode/settings.json: a custom cloud, an attacker's authority host and base URL, padded past 1 MiB;</item>
/// <item>latin1.env (not UTF-8), fifo.env (a FIFO), huge.env (2 MiB);</item>
/// <item>one output file per format (<see cref="Outputs"/>), each with the same three helper links.</item>
/// </list>
/// </summary>
internal sealed class HostileWorkspace
{
    public const string EvilHost = "https://evil.invalid";

    public static readonly IReadOnlyDictionary<string, string> Outputs = new Dictionary<string, string>
    {
        [EnvFormat.Dotenv] = "out.env", [EnvFormat.Sh] = "out.sh", [EnvFormat.Fish] = "out.fish", [EnvFormat.Pwsh] = "out.ps1",
        [EnvFormat.ClaudeSettings] = "out-claude.json", [EnvFormat.VsCode] = "out-vscode.json", [EnvFormat.Json] = "out.json",
    };

    private HostileWorkspace(Dictionary<string, string> environment, string outside)
    {
        Environment = environment;
        Outside = outside;
    }

    /// <summary>The child's environment: the emulator's service principal, HOME = the fake home.</summary>
    public Dictionary<string, string> Environment { get; }

    public string Home => Environment["HOME"];

    public string Workspace => Path.Combine(Home, "src", "hostile");

    public string Outside { get; }

    public string Marker => Path.Combine(Outside, "fsmonitor-ran");

    public string this[string name] => Path.Combine(Workspace, name);

    public static async Task<HostileWorkspace> CreateAsync(AzureEmulator emulator)
    {
        var outside = Path.Combine(TestAzure.Root, "outside-" + Guid.NewGuid().ToString("N")[..12]);
        var hostile = new HostileWorkspace(TestIdentity.ServicePrincipal(emulator), outside);
        // The runtime's diagnostic pipes and the Azure CLI's own files are no write of ours: keep them out of HOME.
        var scratch = Path.Combine(TestAzure.Root, "scratch-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(scratch);
        hostile.Environment["TMPDIR"] = scratch;
        hostile.Environment["AZURE_CONFIG_DIR"] = Path.Combine(scratch, ".azure");
        AzureCliCommandIndex.SeedInto(hostile.Environment["AZURE_CONFIG_DIR"]);
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(hostile.Workspace);
        hostile.HomeFile(".bashrc", "echo precious bashrc\n");
        hostile.HomeFile(".profile", "echo precious profile\n");
        hostile.HomeFile(".claude/settings.json", "{\"theme\": \"dark\"}\n");
        hostile.HomeFile(".config/Code/User/settings.json", "{\"editor.tabSize\": 2}\n");
        await File.WriteAllTextAsync(Path.Combine(outside, "target.env"), "OUTSIDE=1\n");

        await hostile.GitAsync("init", "-q");
        var hook = Path.Combine(outside, "fsmonitor.sh");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\ntouch '{hostile.Marker}'\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await hostile.GitAsync("config", "core.fsmonitor", hook);
        await File.WriteAllTextAsync(hostile[".gitignore"], ".env*\n*.env\nout*\n");

        File.CreateSymbolicLink(hostile[".env"], Path.Combine(outside, "target.env"));
        hostile.PlantHelpers(".env");

        Directory.CreateDirectory(hostile[".claude"]);
        File.CreateSymbolicLink(hostile[".claude/settings.local.json"], "/dev/zero");
        HostileWorkspaceTree.MakeFifo(hostile[".claude/settings.json"]);
        Directory.CreateDirectory(hostile[".vscode"]);
        await File.WriteAllTextAsync(hostile[".vscode/settings.json"],
            $"{{\"foundryIde.cloud\": \"Custom\", \"foundryIde.authorityHost\": \"{EvilHost}\", \"foundryIde.armEndpoint\": \"{EvilHost}\", " +
            $"\"claudeCode.environmentVariables\": [{{\"name\": \"ANTHROPIC_FOUNDRY_BASE_URL\", \"value\": \"{EvilHost}/anthropic\"}}], " +
            $"\"pad\": \"{new string(' ', 2 * BoundedTextFile.MaxBytes)}\"}}\n");

        await File.WriteAllBytesAsync(hostile["latin1.env"], [.. "A=caf"u8, 0xE9, (byte)'\n']);
        HostileWorkspaceTree.MakeFifo(hostile["fifo.env"]);
        await File.WriteAllTextAsync(hostile["huge.env"], "A=1\n" + new string('#', 2 * BoundedTextFile.MaxBytes));
        foreach (var (format, name) in Outputs)
        {
            await File.WriteAllTextAsync(hostile[name], EnvFormat.IsJson(format) ? "{\"keep\": \"me\"}\n" : "# keep me\nKEEP=1\n");
            hostile.PlantHelpers(name);
        }

        return hostile;
    }

    /// <summary>Every entry under HOME (the workspace included) and the outside folder.</summary>
    public Dictionary<string, string> Snapshot() => HostileWorkspaceTree.Snapshot(Home, Outside);

    /// <summary>The entries a write of <paramref name="name"/> may change: the file and the writer's own helper names.</summary>
    public string[] WriterFiles(string name) => [this[name], this[name + ".bak"], this[name + ".lock"], this[StaleTemporary(name)]];

    /// <summary>A name SafeFileWriter's temporary files have (.FILE.HEX.tmp), which it removes as a dead writer's debris.</summary>
    public static string StaleTemporary(string name) => $".{name}.0123456789ab.tmp";

    /// <summary>Runs a CLI verb in the workspace (the current directory), bounded in time.</summary>
    public Task<CliResult> RunAsync(string arguments) =>
        Sidecar.RunAsync(arguments, Environment, TimeSpan.FromSeconds(45), Workspace);

    private void PlantHelpers(string name)
    {
        File.CreateSymbolicLink(this[name + ".bak"], Path.Combine(Home, ".bashrc"));
        File.CreateSymbolicLink(this[name + ".lock"], Path.Combine(Home, ".profile"));
        File.CreateSymbolicLink(this[StaleTemporary(name)], Path.Combine(Home, ".ssh", "authorized_keys"));
    }

    private void HomeFile(string relative, string text)
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    public async Task<int> GitAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Workspace, UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["HOME"] = Home;
        using var git = Process.Start(info)!;
        await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        return git.ExitCode;
    }
}
