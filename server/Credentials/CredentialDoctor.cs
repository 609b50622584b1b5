using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// Answers: what will Claude Code authenticate with here, as whom, and if nothing works, why and what to run.
/// Every link is probed (concurrently, each within a deadline); the verdict follows Claude Code's own rules.
/// </summary>
public sealed class CredentialDoctor(LinkProbe probe, IEnvironmentReader environment, SecretRedactor redactor)
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

        var plan = ClaudeCodeChain.Plan(environment);
        var outcomes = await Task.WhenAll(plan.Links.Select(link => probe.ProbeAsync(
            link, link == ClaudeCodeChain.ManagedIdentity && timeout > ManagedIdentityTimeout ? ManagedIdentityTimeout : timeout,
            cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        var verdict = DoctorVerdict.Decide(
            apiKeySet: environment.Read(EnvNames.FoundryApiKey) is not null,
            authToken: environment.Read(EnvNames.FoundryAuthToken),
            plan,
            outcomes);
        return Redact(verdict);
    }

    private DoctorReport Redact(DoctorReport report) => report with
    {
        Links = report.Links.Select(l => l with
        {
            Detail = redactor.Redact(l.Detail),
            Fix = l.Fix is null ? null : redactor.Redact(l.Fix),
        }).ToArray(),
        Summary = redactor.Redact(report.Summary),
        Problems = report.Problems.Select(redactor.Redact).ToArray(),
    };
}
