using System.Diagnostics;
using FoundryIde.Emulator;

namespace FoundryIde.Tests.Support;

/// <summary>
/// Signs the REAL Azure CLI in to the emulator, in a config dir of its own: a custom cloud whose authority is
/// ADFS-style (MSAL skips instance discovery for those), then `az login --service-principal`.
/// </summary>
internal static class AzureCliLogin
{
    public static bool IsInstalled => File.Exists("/usr/bin/az") || File.Exists("/usr/local/bin/az");

    /// <summary>Logs in and returns the AZURE_CONFIG_DIR that holds the session.</summary>
    public static async Task<string> LoginAsync(AzureEmulator emulator, string configDir, CancellationToken cancellationToken)
    {
        AzureCliCommandIndex.SeedInto(configDir);
        // No version check against the internet on first use.
        await File.WriteAllTextAsync(Path.Combine(configDir, "versionCheck.json"),
            $$"""{"check_time": "{{DateTime.Now:yyyy-MM-dd HH:mm:ss.ffffff}}"}""", cancellationToken);
        var root = emulator.BaseUri.ToString();
        await RunAsync(configDir, cancellationToken, "cloud", "register", "-n", "FoundryIdeEmu",
            "--endpoint-resource-manager", root,
            "--endpoint-active-directory", root + "adfs",
            "--endpoint-active-directory-resource-id", root,
            "--endpoint-active-directory-graph-resource-id", root + "graph/",
            "--endpoint-management", root);
        await RunAsync(configDir, cancellationToken, "cloud", "set", "-n", "FoundryIdeEmu");
        await RunAsync(configDir, cancellationToken, "login", "--service-principal",
            "-u", DefaultSeed.ServicePrincipalAppId, "-p", DefaultSeed.ServicePrincipalSecret, "--tenant", DefaultSeed.TenantId);
        return configDir;
    }

    public static async Task<string> RunAsync(string configDir, CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("az")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["AZURE_CONFIG_DIR"] = configDir;
        info.Environment["AZURE_CORE_COLLECT_TELEMETRY"] = "false";
        info.Environment["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true";
        info.Environment["REQUESTS_CA_BUNDLE"] = TestAzure.Ca.BundlePemPath;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("az did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"az {string.Join(' ', arguments.Take(2))} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
