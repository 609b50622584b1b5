using FoundryIde.Server.Platforms;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>Turns what a credential said into a reason a person understands and the exact thing to run.</summary>
public static class LinkAdvice
{
    private const int MaxDetail = 400;

    public static LinkOutcome TimedOut(string link, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return link == ClaudeCodeChain.ManagedIdentity
            ? new LinkOutcome(link, LinkStatus.Unavailable,
                $"No managed identity endpoint answered within {seconds} s: this is not Azure compute with a managed identity.",
                ManagedIdentityFix, null)
            : new LinkOutcome(link, LinkStatus.Failed,
                $"No token within {seconds} s.", TimeoutFix(link), null);
    }

    /// <summary>
    /// The advice for what a link said. Whether az, pwsh (or Windows PowerShell) and azd are installed is decided by
    /// looking for them on PATH as the platform's shell does (<paramref name="find"/>, by default
    /// <see cref="ProgramLookup.Find"/>), never from the error's wording, which differs by shell (cmd, Wine's cmd, sh).
    /// A program that is not there makes its link unavailable, as it is for Claude Code.
    /// </summary>
    public static LinkOutcome Explain(string link, string status, string message, IEnvironmentReader env, OsKind? os = null, Func<string, string?>? find = null)
    {
        var platform = new HostPlatform(os ?? HostPlatform.Current.Os, env);
        var lookup = new ProgramLookup(platform);
        find ??= lookup.Find;
        var said = Shorten(message);
        (string Detail, string? Fix, FixCommand? Run) advice = link switch
        {
            ClaudeCodeChain.Environment => Prose(Environment(status, said, env)),
            ClaudeCodeChain.WorkloadIdentity => Prose(Workload(status, said, env)),
            ClaudeCodeChain.ManagedIdentity => Prose(ManagedIdentity(status, said, env)),
            ClaudeCodeChain.AzureCli => AzureCli(said, platform, find),
            ClaudeCodeChain.AzurePowerShell => PowerShell(status, said, platform, find),
            ClaudeCodeChain.AzureDeveloperCli => DeveloperCli(status, said, find),
            _ => (said, null, null),
        };
        var missing = link switch
        {
            ClaudeCodeChain.AzureCli => find("az") is null,
            ClaudeCodeChain.AzurePowerShell => PowerShellProgram(platform, find) is null,
            ClaudeCodeChain.AzureDeveloperCli => find("azd") is null,
            _ => false,
        };
        return new LinkOutcome(link, missing ? LinkStatus.Unavailable : status, advice.Detail, advice.Fix, null, advice.Run);
    }

    /// <summary>The PowerShell Claude Code's chain runs: pwsh, else on Windows Windows PowerShell; null when neither is there.</summary>
    public static string? PowerShellProgram(HostPlatform platform, Func<string, string?> find) =>
        find("pwsh") is not null ? "pwsh" : platform.IsWindows && find("powershell") is not null ? "powershell" : null;

    /// <summary>Advice with nothing to run: a placeholder, an install, or a reset (prose only).</summary>
    private static (string, string?, FixCommand?) Prose((string Detail, string? Fix) advice) => (advice.Detail, advice.Fix, null);

    private const string ManagedIdentityFix =
        "Only on Azure compute (VM, App Service, Functions, Container Apps, AKS): enable a managed identity on it and " +
        "grant that identity \"Azure AI User\" on the Foundry resource. Elsewhere there is nothing to fix here.";

    private static (string, string?) Environment(string status, string said, IEnvironmentReader env)
    {
        if (status == LinkStatus.Unavailable)
        {
            var missing = new List<string>();
            if (env.Read(EnvNames.TenantId) is null) missing.Add(EnvNames.TenantId);
            if (env.Read(EnvNames.ClientId) is null) missing.Add(EnvNames.ClientId);
            if (env.Read(EnvNames.ClientSecret) is null && env.Read(EnvNames.ClientCertificatePath) is null
                && env.Read(EnvNames.Username) is null)
            {
                missing.Add($"{EnvNames.ClientSecret} (or {EnvNames.ClientCertificatePath})");
            }

            var detail = missing.Count > 0
                ? $"Not configured: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set."
                : said;
            return (detail,
                "For a service principal: export AZURE_TENANT_ID=<tenant id> AZURE_CLIENT_ID=<app id> " +
                "AZURE_CLIENT_SECRET=<secret>. On a workstation `az login` is simpler.");
        }

        var fix = said switch
        {
            _ when said.Contains("AADSTS7000215", StringComparison.Ordinal) || said.Contains("AADSTS7000222", StringComparison.Ordinal) =>
                "The client secret is wrong or expired: an owner of the app makes a new one in the portal (Certificates & secrets; " +
                "`az ad app credential reset --id <app id> --append` does it too, and without --append it deletes the others: never run here) " +
                "and puts it in AZURE_CLIENT_SECRET.",
            _ when said.Contains("AADSTS700016", StringComparison.Ordinal) =>
                "No such application in that tenant: check AZURE_CLIENT_ID and AZURE_TENANT_ID.",
            _ when said.Contains("AADSTS90002", StringComparison.Ordinal) || said.Contains("AADSTS900023", StringComparison.Ordinal) =>
                "No such tenant: check AZURE_TENANT_ID.",
            _ => "Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (and AZURE_AUTHORITY_HOST if set).",
        };
        return (said, fix + StopsChainNote("AZURE_CLIENT_SECRET"));
    }

    private static (string, string?) Workload(string status, string said, IEnvironmentReader env)
    {
        if (status == LinkStatus.Unavailable)
        {
            var detail = env.Read(EnvNames.FederatedTokenFile) is null
                ? "Not configured: AZURE_FEDERATED_TOKEN_FILE is not set (it is set inside Kubernetes pods that use Azure workload identity)."
                : said;
            return (detail,
                "Only in AKS: label the pod azure.workload.identity/use=true and give its service account a federated " +
                "credential. Elsewhere there is nothing to fix here.");
        }

        return (said,
            "Check that AZURE_FEDERATED_TOKEN_FILE is readable and that the app in AZURE_CLIENT_ID has a federated " +
            "credential for this service account." + StopsChainNote("AZURE_FEDERATED_TOKEN_FILE"));
    }

    private static (string, string?) ManagedIdentity(string status, string said, IEnvironmentReader env)
    {
        var endpoint = env.Read(EnvNames.IdentityEndpoint) ?? env.Read(EnvNames.MsiEndpoint);
        if (status == LinkStatus.Unavailable)
        {
            var where = endpoint is null ? "the instance metadata service (169.254.169.254)" : "IDENTITY_ENDPOINT";
            return ($"No managed identity answered at {where}: {said}", ManagedIdentityFix);
        }

        var clientId = env.Read(EnvNames.ClientId);
        return (said, clientId is null
            ? "The managed identity endpoint refused: check that this resource has a system-assigned identity enabled."
            : $"The managed identity endpoint refused client id {clientId} (from AZURE_CLIENT_ID): check that a " +
              "user-assigned identity with that client id is attached, or unset AZURE_CLIENT_ID.");
    }

    private static (string, string?, FixCommand?) AzureCli(string said, HostPlatform platform, Func<string, string?> find)
    {
        var tenant = platform.Environment.Read(EnvNames.TenantId);
        var deviceCode = platform.NeedsDeviceCodeLogin;
        var login = FixCommands.AzLoginText(tenant, deviceCode);
        var why = deviceCode ? " (with a device code: a browser sign-in cannot come back to this SSH session, Codespace, container or display-less machine)" : "";
        if (find("az") is null)
        {
            var install = platform.IsWindows
                ? "Install the Azure CLI (https://aka.ms/installazurecliwindows, or `winget install Microsoft.AzureCLI`), open a new terminal"
                : "Install the Azure CLI (https://aka.ms/installazurecli; Debian/Ubuntu: `apt-get install azure-cli`)";
            return ($"The Azure CLI (az) is not installed or not on PATH (looked for {Looked(platform, "az")}).", $"{install}, then run {login}{why}.", null);
        }

        if (said.Contains("az login", StringComparison.OrdinalIgnoreCase))
        {
            return ("The Azure CLI is installed but not signed in (or its sign-in expired).",
                $"Run {login}{why}.", FixCommands.AzLogin(tenant, deviceCode));
        }

        return (said, $"Run {login} again{why}; if it still fails, run `az account get-access-token --resource " +
            "https://cognitiveservices.azure.com` to see the CLI's own error.", FixCommands.AzLogin(tenant, deviceCode));
    }

    private static (string, string?, FixCommand?) PowerShell(string status, string said, HostPlatform platform, Func<string, string?> find)
    {
        if (PowerShellProgram(platform, find) is not { } program)
        {
            var install = platform.IsWindows ? "`winget install Microsoft.PowerShell`" : "https://aka.ms/powershell";
            return ($"PowerShell is not installed or not on PATH (looked for {Looked(platform, "pwsh")}).",
                $"Optional: install PowerShell 7 ({install}) and the Az.Accounts module, then run `Connect-AzAccount` in pwsh. Most users sign in with `az login` instead.", null);
        }

        if (said.Contains("Az.Accounts", StringComparison.Ordinal))
        {
            return ($"PowerShell ({program}) is installed without the Az.Accounts module.",
                $"Run `Install-Module Az.Accounts` in {program}, then `Connect-AzAccount`.", null);
        }

        return (said, status == LinkStatus.Unavailable ? $"Run `Connect-AzAccount` in {program}." : $"Run `Connect-AzAccount` in {program} again.",
            FixCommands.ConnectAzAccount(program));
    }

    private static (string, string?, FixCommand?) DeveloperCli(string status, string said, Func<string, string?> find)
    {
        if (find("azd") is null)
        {
            return ("The Azure Developer CLI (azd) is not installed or not on PATH.",
                "Optional: install azd (https://aka.ms/azd-install) and run `azd auth login`. Most users sign in with `az login` instead.", null);
        }

        return (said, status == LinkStatus.Unavailable ? "Run `azd auth login`." : "Run `azd auth login` again.", FixCommands.AzdLogin());
    }

    /// <summary>The file names looked for, with PATHEXT's on Windows: "az, az.com, az.exe, az.bat, az.cmd".</summary>
    private static string Looked(HostPlatform platform, string name) => string.Join(", ", new ProgramLookup(platform).Candidates(name));

    private static string TimeoutFix(string link) => link switch
    {
        ClaudeCodeChain.AzureCli => "Run `az account get-access-token --resource https://cognitiveservices.azure.com` to see why the CLI is slow (a proxy? an expired login waiting for input?).",
        ClaudeCodeChain.Environment or ClaudeCodeChain.WorkloadIdentity => "Check that this machine reaches the Entra ID authority (AZURE_AUTHORITY_HOST, proxy settings).",
        _ => "Check this machine's network and proxy settings.",
    };

    private static string StopsChainNote(string variable) =>
        $" Until then Claude Code stops at this link and never tries the ones after it (unset {variable} to skip it).";

    /// <summary>The first sentences of a credential's message, without its troubleshooting boilerplate.</summary>
    private static string Shorten(string message)
    {
        var text = message.ReplaceLineEndings(" ").Trim();
        foreach (var marker in new[] { " See the troubleshooting guide", " To troubleshoot, visit", " Trace ID:" })
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0) text = text[..at];
        }

        return text.Length <= MaxDetail ? text : text[..(MaxDetail - 1)] + "…";
    }
}
