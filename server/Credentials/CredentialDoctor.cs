using FoundryIde.Server.Access;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// Answers: what will Claude Code authenticate with here, as whom, and if nothing works, why and what to run.
/// Every link is probed (concurrently, each within a deadline); the verdict follows Claude Code's own rules.
/// </summary>
public sealed class CredentialDoctor(
    LinkProbe probe, IEnvironmentReader environment, SecretRedactor redactor, AccessCheck access, EffectiveConfigService effectiveConfig)
{
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Managed identity endpoints answer in milliseconds; off Azure the probe would only wait.</summary>
    public static readonly TimeSpan ManagedIdentityTimeout = TimeSpan.FromSeconds(3);

    public async Task<DoctorReport> RunAsync(DoctorParams request, CancellationToken cancellationToken)
    {
        var timeout = request.ProbeTimeoutSeconds switch
        {
            null => DefaultProbeTimeout,
            > 0 and <= 300 and var s => TimeSpan.FromSeconds(s),
            _ => throw new FoundryException(FoundryErrorCode.InvalidInput,
                "probeTimeoutSeconds must be between 0 and 300 seconds."),
        };

        // What Claude Code will see from its settings files and VS Code too, not only from this process's environment.
        var effective = await effectiveConfig.ExplainAsync(request.WorkspaceFolder, null, cancellationToken);
        var plan = ClaudeCodeChain.Plan(environment);
        var outcomes = await Task.WhenAll(plan.Links.Select(link => probe.ProbeAsync(
            link, link == ClaudeCodeChain.ManagedIdentity && timeout > ManagedIdentityTimeout ? ManagedIdentityTimeout : timeout,
            cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        // A key or token in a settings file counts too: Claude Code copies each file's env block into its environment.
        var keyFile = FromSettings(effective, EnvNames.FoundryApiKey);
        var tokenFile = FromSettings(effective, EnvNames.FoundryAuthToken);
        var verdict = DoctorVerdict.Decide(
            apiKeySet: environment.Read(EnvNames.FoundryApiKey) is not null || keyFile is not null,
            authToken: environment.Read(EnvNames.FoundryAuthToken) ?? (tokenFile is null ? null : ""),
            plan,
            outcomes);
        if ((verdict.Selected == DoctorVerdict.AuthToken ? tokenFile : verdict.Selected == DoctorVerdict.ApiKey ? keyFile : null) is { } origin)
        {
            verdict = verdict with { Summary = verdict.Summary + $" (It is set in {origin}.)" };
        }
        if (request.Resource is { } resource)
        {
            verdict = verdict with { Access = await CheckAccessAsync(verdict, resource, request.Subscription, cancellationToken) };
        }

        verdict = verdict with { Effective = effective };
        return ForShell(Redact(verdict), request.Shell);
    }

    /// <summary>The settings file that gives a terminal's Claude Code this variable, when the shell does not.</summary>
    private static string? FromSettings(EffectiveConfig effective, string name) =>
        effective.Variables.FirstOrDefault(v => v.Name == name && v.Path is not null && !v.Source.StartsWith("vscode", StringComparison.Ordinal)) is { } v
            ? $"{v.Path} ({v.Source} settings)"
            : null;

    private async Task<AccessReport> CheckAccessAsync(DoctorReport verdict, string resource, string? subscription, CancellationToken cancellationToken)
    {
        try
        {
            return await access.CheckAsync(verdict, resource, subscription, cancellationToken);
        }
        catch (FoundryException e)
        {
            var key = verdict.Selected == DoctorVerdict.ApiKey;
            return new AccessReport(resource, null, AccessStatus.Unknown, $"Could not look the resource up in Azure: {e.Message}",
                key ? "Finding the resource needs an Entra ID sign-in too (`az login`), even when Claude Code uses a key." : null, [],
                key ? FixCommands.AzLogin(null) : null);
        }
    }

    /// <summary>Every runnable fix quoted for the caller's shell (the report is built with sh quoting).</summary>
    private static DoctorReport ForShell(DoctorReport report, string? shell) => report with
    {
        Access = report.Access is null ? null : report.Access with { Run = FixCommands.ForShell(report.Access.Run, shell) },
        Links = report.Links.Select(l => l with { Run = FixCommands.ForShell(l.Run, shell) }).ToArray(),
    };

    private DoctorReport Redact(DoctorReport report) => report with
    {
        Access = report.Access is null ? null : report.Access with
        {
            Detail = redactor.Redact(report.Access.Detail),
            Fix = report.Access.Fix is null ? null : redactor.Redact(report.Access.Fix),
        },
        Links = report.Links.Select(l => l with
        {
            Detail = redactor.Redact(l.Detail),
            Fix = l.Fix is null ? null : redactor.Redact(l.Fix),
        }).ToArray(),
        Summary = redactor.Redact(report.Summary),
        Problems = report.Problems.Select(redactor.Redact).ToArray(),
    };
}
