using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Connection;

/// <summary>One deployment to test, for one of Claude Code's aliases.</summary>
public sealed record ProbeTarget(string Family, string Deployment);

/// <summary>What a diagnosis needs to know besides the outcome: where the probe went and as whom.</summary>
public sealed record ProbeContext(FoundryResource Resource, Uri MessagesUri, ProbeAuthKind AuthKind, string AuthLabel, IdentityInfo? Identity);

/// <summary>
/// Turns a probe's outcome into the cause in plain words and the fix. A pure function: the caller runs the access
/// check (for an Entra ID refusal, <see cref="IsAccessRefusal"/>) and passes its report in.
/// </summary>
public static class ProbeDiagnosis
{
    private const string PropagationNote = "New role assignments can take a few minutes (up to 10) to apply.";

    public static DeploymentTestResult Diagnose(ProbeTarget target, ProbeOutcome outcome, ProbeContext context, AccessReport? access = null)
    {
        if (outcome.Ok)
        {
            return new DeploymentTestResult(target.Family, target.Deployment, ConnectionTestStatus.Ok, outcome.TotalMs, outcome.FirstByteMs,
                outcome.HttpStatus, $"Claude answered in {outcome.TotalMs} ms (first byte after {outcome.FirstByteMs} ms).", null);
        }

        var (detail, fix) = outcome switch
        {
            { Failure: { } failure } => NetworkDiagnosis.Explain(failure, context.MessagesUri),
            { HttpStatus: 401 } when context.AuthKind != ProbeAuthKind.ApiKey && IsAccessRefusal(outcome) => Forbidden(outcome, context, access),
            { HttpStatus: 401 } => Unauthorized(outcome, context),
            { HttpStatus: 403 } => Forbidden(outcome, context, access),
            { HttpStatus: 404 } => NotFound(target, outcome, context),
            { HttpStatus: 429 } => Throttled(target, outcome),
            { HttpStatus: >= 500 } => ($"Foundry failed ({Said(outcome)}).",
                "Usually temporary (overloaded, or a service incident): run again in a minute; if it persists, check https://azure.status.microsoft/."),
            { HttpStatus: < 400 } => ($"Foundry {outcome.Error?.Message ?? "gave an unreadable answer"}.",
                "Something between here and Foundry (a proxy?) may buffer or rewrite streamed responses; Claude Code needs them streamed."),
            _ => ($"Foundry refused the request ({Said(outcome)}).",
                "Check that the endpoint is the resource's (`foundry-ide resources`); if it is, report this with the message above."),
        };
        return new DeploymentTestResult(target.Family, target.Deployment, ConnectionTestStatus.Failed, null, outcome.FirstByteMs,
            outcome.HttpStatus, detail, fix);
    }

    /// <summary>
    /// Foundry refused the identity, not its token: a 403, or a 401 with code PermissionDenied ("lacks the required data
    /// action"), which is how Azure OpenAI's data plane answers a missing role.
    /// </summary>
    public static bool IsAccessRefusal(ProbeOutcome outcome) =>
        outcome.HttpStatus == 403 || (outcome.HttpStatus == 401
            && ("PermissionDenied".Equals(outcome.Error?.Code, StringComparison.OrdinalIgnoreCase)
                || (outcome.Error?.Message ?? "").Contains("lacks the required data action", StringComparison.OrdinalIgnoreCase)));

    private static (string, string) Unauthorized(ProbeOutcome outcome, ProbeContext context)
    {
        var resource = context.Resource;
        return context.AuthKind switch
        {
            ProbeAuthKind.ApiKey => (
                $"{resource.Name} refused the API key ({Said(outcome)}): it is not key1 or key2 of this resource (a key of another " +
                "resource, or one regenerated since).",
                $"Copy a current key (`az cognitiveservices account keys list -g {resource.ResourceGroup} -n {resource.Name}`, or Keys and " +
                "Endpoint in the portal) into ANTHROPIC_FOUNDRY_API_KEY, or into the key the editor stores."),
            ProbeAuthKind.AuthToken => (
                $"{resource.Name} refused ANTHROPIC_FOUNDRY_AUTH_TOKEN ({Said(outcome)}): it has expired (Claude Code never refreshes " +
                $"it), is for another audience than https://cognitiveservices.azure.com, or is from another tenant{Tenant(context)}.",
                "Unset ANTHROPIC_FOUNDRY_AUTH_TOKEN so that Claude Code gets fresh tokens from Entra ID, or replace it with " +
                "`az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv`."),
            _ => (
                $"{resource.Name} refused the Entra ID token from {context.AuthLabel} for {Who(context)} ({Said(outcome)}): the resource " +
                $"belongs to another tenant than the token's{Tenant(context)}, or the token is not valid for it.",
                "Sign in to the tenant that owns the resource (`az login --tenant <its tenant id>`; a service principal: set " +
                "AZURE_TENANT_ID to it), then run again. `foundry-ide doctor` shows who you are signed in as."),
        };
    }

    private static (string, string) Forbidden(ProbeOutcome outcome, ProbeContext context, AccessReport? access)
    {
        var resource = context.Resource;
        var message = outcome.Error?.Message ?? "";
        if (message.Contains("firewall", StringComparison.OrdinalIgnoreCase) || message.Contains("virtual network", StringComparison.OrdinalIgnoreCase)
            || message.Contains("private endpoint", StringComparison.OrdinalIgnoreCase) || message.Contains("public access", StringComparison.OrdinalIgnoreCase))
        {
            return ($"{resource.Name}'s network rules refuse this machine ({Said(outcome)}).",
                "Run from a network the resource allows (through its private endpoint, or a VPN), or allow this address under " +
                "Networking > Firewalls and virtual networks on the resource.");
        }

        if (context.AuthKind == ProbeAuthKind.ApiKey)
        {
            return resource.DisableLocalAuth || outcome.Error?.Code == "AuthenticationTypeDisabled"
                ? ($"{resource.Name} has local (key) authentication disabled and refuses every key ({Said(outcome)}).",
                    "Use Entra ID: unset ANTHROPIC_FOUNDRY_API_KEY (or test with --auth entra), sign in (`az login`), and hold " +
                    "\"Azure AI User\" on the resource.")
                : ($"{resource.Name} refused the key ({Said(outcome)}).",
                    "Check the resource's Networking settings, and that the key belongs to it.");
        }

        var objectId = context.Identity?.ObjectId;
        if (context.AuthKind == ProbeAuthKind.AuthToken)
        {
            return ($"The identity behind ANTHROPIC_FOUNDRY_AUTH_TOKEN ({Who(context)}) may not call Claude on {resource.Name} ({Said(outcome)}).",
                RoleFix(objectId, resource));
        }

        return access?.Status switch
        {
            AccessStatus.Missing => ($"{Who(context)} may not call Claude on {resource.Name} ({Said(outcome)}). {access.Detail}",
                access.Fix ?? RoleFix(objectId, resource)),
            AccessStatus.Ok => ($"{resource.Name} answered {Said(outcome)}, although {Who(context)}'s role assignments there cover calling " +
                "Claude: a new assignment not applied yet, a deny assignment, or a condition on the assignment.",
                PropagationNote + " If it persists, look for deny assignments and conditions: " +
                $"`az role assignment list --all --assignee {objectId ?? "<object id>"}`."),
            _ => ($"{Who(context)} may not call Claude on {resource.Name} ({Said(outcome)})." +
                (access is null ? "" : $" Its role assignments could not be read: {access.Detail}"),
                RoleFix(objectId, resource)),
        };
    }

    private static (string, string) NotFound(ProbeTarget target, ProbeOutcome outcome, ProbeContext context)
    {
        var resource = context.Resource;
        var existing = resource.Deployments;
        var listed = existing.Count == 0 ? "none" : string.Join(", ", existing.Select(Describe));
        var known = existing.FirstOrDefault(d => d.Name.Equals(target.Deployment, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            return ($"{resource.Name} has no deployment named \"{target.Deployment}\" ({Said(outcome)}). Its Claude deployments: {listed}.",
                existing.Count == 0
                    ? $"Deploy a Claude {target.Family} model on {resource.Name} with {Deploy.DeployHint.For(resource, target.Family)}, then use its deployment name."
                    : $"Use one of those names (here --{target.Family} <name>; for Claude Code ANTHROPIC_DEFAULT_{target.Family.ToUpperInvariant()}_MODEL), " +
                      "or deploy the model you want in the Foundry portal (https://ai.azure.com).");
        }

        if (known.State is not null && !known.State.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            return ($"Deployment \"{known.Name}\" exists but is not ready (provisioningState {known.State}); Foundry answers 404 until it is Succeeded.",
                $"Wait for it to finish, or delete and recreate it if it failed. Deployments on {resource.Name}: {listed}.");
        }

        return ($"Foundry answered 404 for \"{target.Deployment}\", which ARM lists as ready ({Said(outcome)}).",
            $"Check that {context.MessagesUri.GetLeftPart(UriPartial.Authority)} is {resource.Name}'s endpoint (`foundry-ide resources`); " +
            "a deployment created a moment ago can take a minute to serve.");
    }

    private static (string, string) Throttled(ProbeTarget target, ProbeOutcome outcome)
    {
        var wait = outcome.RetryAfter is { } w ? $"{Math.Max(1, Math.Ceiling(w.TotalSeconds)):0} s" : null;
        return ($"Deployment \"{target.Deployment}\" is over its quota ({Said(outcome)}): its tokens- or requests-per-minute limit is " +
                "used up for now" + (wait is null ? "." : $"; Foundry asks to retry after {wait}."),
            (wait is null ? "Wait a minute and run again. " : $"Wait {wait} and run again. ") +
            "If it keeps happening, raise the deployment's capacity (Foundry portal: Deployments > Edit) or request more quota; " +
            "other traffic on the same deployment counts too.");
    }

    /// <summary>"sonnet (claude-sonnet-4-5)", "claude-opus-4-5-failed (Failed)": the model when the name hides it, the state when not ready.</summary>
    private static string Describe(ClaudeDeployment d)
    {
        var notes = new[] { d.Model == d.Name ? null : d.Model, ClaudeConfig.DeploymentChoice.IsHealthy(d) ? null : d.State }.OfType<string>().ToArray();
        return notes.Length == 0 ? d.Name : $"{d.Name} ({string.Join(", ", notes)})";
    }

    private static string RoleFix(string? objectId, FoundryResource resource) =>
        $"Run: az role assignment create --role \"Azure AI User\" --assignee-object-id {objectId ?? "<object id>"} --scope {resource.Id}. " +
        PropagationNote;

    private static string Said(ProbeOutcome outcome)
    {
        var error = outcome.Error;
        var code = error?.Code is { } c && c != outcome.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ? " " + c : "";
        var message = error?.Message is { Length: > 0 } m && m != error.Code ? ": " + Shorten(m) : "";
        return $"{outcome.HttpStatus}{code}{message}";
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private static string Who(ProbeContext context) =>
        context.Identity?.Name ?? context.Identity?.ObjectId ?? (context.AuthKind == ProbeAuthKind.Entra ? "the signed-in identity" : "its identity");

    private static string Tenant(ProbeContext context) =>
        context.Identity?.TenantId is { } tenant ? $" (the token is from tenant {tenant})" : "";
}
