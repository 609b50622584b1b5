using FoundryIde.Server.Access;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Connection;

/// <summary>
/// Does Claude answer on this resource, with exactly the auth Claude Code will use? Finds the resource through ARM,
/// picks a deployment per alias (explicit names win), sends each one minimal streaming Messages request (concurrently)
/// and explains every failure with its fix. The key or token never leaves: every text is scrubbed of it.
/// </summary>
public sealed class ConnectionTester(
    ResourceLocator locator, AccessCheck access, AzureConnections connections, IEnvironmentReader environment, SecretRedactor redactor)
{
    public async Task<ConnectionTestReport> TestAsync(ConnectionTestParams request, CancellationToken cancellationToken)
    {
        var auth = await ProbeAuth.ResolveAsync(request.Auth, request.ApiKey, environment, connections.Current.Credential, cancellationToken);
        try
        {
            return Redact(await TestAsync(request, auth, cancellationToken), auth.Secret);
        }
        catch (FoundryException e) when (auth.Secret is { } secret && e.Message.Contains(secret, StringComparison.Ordinal))
        {
            throw new FoundryException(e.Code, Scrub(e.Message, secret));
        }
    }

    private async Task<ConnectionTestReport> TestAsync(ConnectionTestParams request, ProbeAuth auth, CancellationToken cancellationToken)
    {
        var resource = await FindAsync(request, auth, cancellationToken);
        var hosts = connections.Current.Cloud.Foundry;
        var endpoint = hosts.RequireUsable(resource);
        var (targets, warnings) = Targets(resource, request);
        if (targets.Count == 0)
        {
            warnings = [.. warnings, $"{resource.Name} has no Claude deployment to test: deploy Claude models with {Deploy.DeployHint.For(resource)}."];
        }

        var uri = MessagesProbe.MessagesUri(endpoint);
        var probe = new MessagesProbe(MessagesProbe.CreatePipeline(auth.Policy, hosts));
        var outcomes = await Task.WhenAll(targets.Select(t => probe.SendAsync(uri, t.Deployment, cancellationToken)));

        AccessReport? rbac = null;
        if (auth.Kind == ProbeAuthKind.Entra && outcomes.Any(ProbeDiagnosis.IsAccessRefusal))
        {
            rbac = await TryCheckRbacAsync(auth.Identity, resource, cancellationToken);
        }

        var context = new ProbeContext(resource, uri, auth.Kind, auth.Label, auth.Identity);
        var results = targets.Zip(outcomes, (target, outcome) => ProbeDiagnosis.Diagnose(target, outcome, context, rbac)).ToArray();
        return new ConnectionTestReport(resource.Name, endpoint, auth.Label, results, warnings);
    }

    /// <summary>
    /// One target per alias: the explicit name as given (even one the resource lacks: its 404 then lists what exists),
    /// else the deployment <see cref="DeploymentChoice"/> picks (the newest healthy model of the family).
    /// </summary>
    public static (IReadOnlyList<ProbeTarget> Targets, IReadOnlyList<string> Warnings) Targets(FoundryResource resource, ConnectionTestParams request)
    {
        string? Existing(string? name) => name is not null && resource.Deployments.Any(d => d.Name == name) ? name : null;
        var (choices, warnings) = DeploymentChoice.Choose(resource, Existing(request.Opus), Existing(request.Sonnet), Existing(request.Haiku), Existing(request.Fable));
        var targets = new List<ProbeTarget>();
        foreach (var choice in choices)
        {
            var wanted = choice.Family switch
            {
                DeploymentFamily.Fable => request.Fable,
                DeploymentFamily.Opus => request.Opus,
                DeploymentFamily.Sonnet => request.Sonnet,
                DeploymentFamily.Haiku => request.Haiku,
                _ => null,
            };
            if ((wanted ?? choice.Deployment?.Name) is { } name) targets.Add(new ProbeTarget(choice.Family, name));
        }

        return (targets, warnings);
    }

    private async Task<FoundryResource> FindAsync(ConnectionTestParams request, ProbeAuth auth, CancellationToken cancellationToken)
    {
        try
        {
            return await locator.GetAsync(request.Resource, request.Subscription, cancellationToken);
        }
        catch (FoundryException e) when (e.Code == FoundryErrorCode.NoCredential && auth.Kind != ProbeAuthKind.Entra)
        {
            throw new FoundryException(e.Code,
                $"Finding {request.Resource} in Azure needs an Entra ID sign-in (`az login`), even though the test itself uses {auth.Label}: {e.Message}", e);
        }
    }

    private async Task<AccessReport?> TryCheckRbacAsync(IdentityInfo? identity, FoundryResource resource, CancellationToken cancellationToken)
    {
        try
        {
            return await access.CheckRbacAsync(identity, resource, cancellationToken);
        }
        catch (Exception e) when (ArmGate.IsExpected(e, cancellationToken) || e is FoundryException)
        {
            return new AccessReport(resource.Name, resource.Id, AccessStatus.Unknown, ArmFailures.Describe(e, "Reading its permissions"), null, []);
        }
    }

    private ConnectionTestReport Redact(ConnectionTestReport report, string? secret) => report with
    {
        Results = report.Results.Select(r => r with
        {
            Detail = Scrub(redactor.Redact(r.Detail), secret),
            Fix = r.Fix is null ? null : Scrub(redactor.Redact(r.Fix), secret),
        }).ToArray(),
        Warnings = report.Warnings.Select(w => Scrub(redactor.Redact(w), secret)).ToArray(),
    };

    /// <summary>The key given over RPC is in no variable, so the redactor does not know it.</summary>
    private static string Scrub(string text, string? secret) =>
        secret is { Length: >= 4 } ? text.Replace(secret, "***", StringComparison.Ordinal) : text;
}
