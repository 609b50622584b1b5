using Azure;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>Every failure users meet when creating Claude deployments, named with its fix.</summary>
public static partial class DeployFailures
{
    public static DeployError From(Exception e, DeployState state, string? deployment)
    {
        var last = ArmFailures.LastTry(e);
        var what = deployment is null ? "Creating the resource" : $"Deploying {deployment}";
        var again = $"{state.Words.RunAgainAtStart}: what exists is reused.";
        return last switch
        {
            RequestFailedException r => For(r.ErrorCode ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Message, state, deployment, r.Status),
            StillRunningException still => new DeployError("Timeout", still.Message, again, deployment),
            TimeoutException => new DeployError("Timeout",
                $"{what}: no complete answer from Azure within {ArmGate.CallDeadline.TotalSeconds:0} s (the connection stalled or Azure is very slow).", again, deployment),
            System.Text.Json.JsonException => new DeployError("Failed", $"{what}: Azure answered with JSON of another shape than its API's.", again, deployment),
            _ => new DeployError("Failed", Describe(last, what, state), again, deployment),
        };
    }

    public static DeployError For(string code, string message, DeployState state, string? deployment, int status = 0)
    {
        var delete = deployment is null ? null
            : $"az cognitiveservices account deployment delete --resource-group {state.ResourceGroup} --name {state.Request.Resource} --deployment-name {deployment}";
        var fix = code switch
        {
            "InvalidModelProviderData" => $"Give all three organisation details: {state.Words.Organisation}.",
            "AnthropicOrganizationCreationException" =>
                "Anthropic refused the organisation details: the industry in lower case (e.g. technology), the country a two-letter code, the name plain text.",
            "715-123420" =>
                "Azure's generic refusal: usually quota or fraud protection hiding InsufficientQuota. Check the quota for this model in the region " +
                $"(Foundry portal, Management center, Quota), try {state.Words.LowerCapacity} or another region, and if it persists open a support request with this code.",
            "InsufficientQuota" when QuotaNeverGranted().IsMatch(message) =>
                $"No quota has been granted for this model in this subscription (its limit is 0): {RequestQuota(state)}",
            "InsufficientQuota" =>
                $"Use {state.Words.LowerCapacity}, free quota by deleting or shrinking deployments (a deleted resource holds its quota for 48 hours unless purged: " +
                "`az cognitiveservices account purge`), or request more (Foundry portal, Management center, Quota).",
            "RequestConflict" or "Conflict" when status == 409 && !message.Contains("Failed", StringComparison.OrdinalIgnoreCase) =>
                $"Another operation is running on the resource (Azure refuses parallel deployment changes): wait for it to end, then {state.Words.RunAgain}.",
            "DeploymentInFailedState" => $"Azure does not reuse a Failed deployment's name: delete it, then {state.Words.RunAgain}: {delete}",
            "FlagMustBeSetForRestore" =>
                $"A deleted resource of this name is soft-deleted (48 hours): purge it (`az cognitiveservices account purge --name {state.Request.Resource} " +
                $"--resource-group {state.ResourceGroup} --location {state.Location}`), recover it (`az cognitiveservices account recover`), or choose another name.",
            "CustomDomainInUse" => $"The subdomain is taken: choose {state.Words.OtherResourceName}.",
            "MarketplacePurchaseEligibilityFailed" or "MarketplaceSubscriptionCannotBeCompleted" => Purchase,
            "RequestDisallowedByPolicy" =>
                "An Azure Policy assignment refused it (Azure's message names the assignment and the definition): ask its owner for an exemption, " +
                $"or deploy where it allows (another resource group, {state.Words.OtherRegion}, the tags or network settings it requires, or a model it approves).",
            "InvalidResourceProperties" when message.Contains("Policy evaluation", StringComparison.OrdinalIgnoreCase) =>
                "An Azure Policy assignment that approves models (named in Azure's message) does not list this one or its publisher (Anthropic): " +
                "ask its owner to approve it, or for an exemption for this resource group.",
            "RequestDisallowedByAzure" or "LocationNotAvailableForResourceType" => $"Azure does not let this subscription create it in {state.Location}: pick {state.Words.OtherRegion}.",
            "ScopeLocked" =>
                $"A resource lock on the resource group or the subscription forbids writes: ask its owner to remove it (az lock list --resource-group {state.ResourceGroup}), " +
                "or use another resource group.",
            "AuthorizationFailed" => "The identity may not do this here: ask an owner for Contributor on the resource group (see the permissions verdict).",
            "DeploymentModelNotSupported" => $"The region does not offer this model: pick {state.Words.OtherRegionOrModel}.",
            _ when message.Contains("purchase eligibility check failed", StringComparison.OrdinalIgnoreCase) => Purchase,
            _ when status == 409 => $"Azure reported a conflict: wait for operations on the resource to end, then {state.Words.RunAgain}.",
            _ => $"{state.Words.RunAgainAtStart} (what exists is reused); if it fails the same way, the message above is Azure's.",
        };
        return new DeployError(code, message.Split('\n')[0].Trim(), fix, deployment);
    }

    /// <summary>The ARM failure behind a read (the retry policy's last try), or null for anything else.</summary>
    public static RequestFailedException? Refusal(Exception e) =>
        ArmFailures.LastTry(e) is RequestFailedException { Status: not 401 } r ? r : null;

    /// <summary>A read Azure refused while planning: what was refused, and who can fix it (a 403: the role and its command).</summary>
    public static (string Detail, string Fix) Refused(RequestFailedException e, string what, DeployState state)
    {
        if (e.Status != 403) return (Describe(e, what, state), ReadFix(e, state) ?? $"{state.Words.RunAgainAtStart}; nothing was written.");
        var who = state.Identity?.Name ?? state.Identity?.ObjectId ?? "The signed-in identity";
        var scope = $"/subscriptions/{state.Subscription!.Id}" + (state.ResourceGroup is { } rg ? $"/resourceGroups/{rg}" : "");
        return ($"{what}: Azure refused it (403 {e.ErrorCode}): {who} sees the subscription but may not read its Foundry resources.",
            $"Ask an owner for Contributor on the resource group (Reader is enough to plan): az role assignment create --role Contributor " +
            $"--assignee-object-id {state.Identity?.ObjectId ?? "<object id>"} --scope {scope}");
    }

    /// <summary>What ARM said, with deploy's way of trying again (it has no --refresh).</summary>
    public static string Describe(Exception e, string what, DeployState state) => ArmFailures.Describe(e, what, state.Words.RunAgainAtStart);

    /// <summary>
    /// The fix for a read Azure refused with a code that names it, else null: a resource provider the subscription has not
    /// registered (the namespace Azure names, only when it is a plain Microsoft.Name), or a region it does not offer.
    /// </summary>
    public static string? ReadFix(RequestFailedException e, DeployState state) => e.ErrorCode switch
    {
        "MissingSubscriptionRegistration" =>
            $"The subscription has not registered the resource provider Azure names: register it, then {state.Words.RunAgain}: az provider register --namespace " +
            (Namespace().Match(e.Message) is { Success: true } m && PlainNamespace().IsMatch(m.Groups[1].Value) ? m.Groups[1].Value : "<the namespace in Azure's message>") +
            (state.Subscription is { } sub ? $" --subscription {sub.Id}" : "") + " --wait",
        "NoRegisteredProviderFound" or "InvalidLocation" or "LocationNotAvailableForResourceType" =>
            "Azure does not offer this there for the subscription: pick a region the subscription lists" +
            (state.Words.CommandLine ? " (az account list-locations --output table) with --location." : "."),
        _ => null,
    };

    /// <summary>How to get quota the subscription was never granted.</summary>
    public static string RequestQuota(DeployState state) =>
        $"request quota for it in the Foundry portal (Management center, Quota), then {state.Words.RunAgain}.";

    [System.Text.RegularExpressions.GeneratedRegex(@"quota limit is 0(?![0-9.])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex QuotaNeverGranted();

    [System.Text.RegularExpressions.GeneratedRegex(@"namespace '([^']{1,100})'")]
    private static partial System.Text.RegularExpressions.Regex Namespace();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Microsoft\.[A-Za-z]+$")]
    private static partial System.Text.RegularExpressions.Regex PlainNamespace();

    /// <summary>Deploying a Claude model subscribes the subscription to Anthropic's Marketplace offer; these may not.</summary>
    public const string Purchase =
        "The subscription may not buy Anthropic's Marketplace offer; Azure's message in brackets names why. Claude needs a paid subscription " +
        "with a valid payment method, billed in a country where Anthropic sells, whose enrollment allows Marketplace purchases; " +
        "CSP, sponsored (Azure credits), internal or sandbox subscriptions and Microsoft accounts cannot. Fix the billing, or use such a subscription " +
        "(https://aka.ms/SaaSPurchaseErrors).";
}
