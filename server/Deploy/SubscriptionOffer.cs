using System.Text.RegularExpressions;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// Whether the subscription may buy Claude (an Azure Marketplace offer), read from its policies before anything is
/// written: Microsoft lists as unable Cloud Solution Provider subscriptions, those without an active pay-as-you-go plan
/// (free trial, students, credits), and sponsored ones on credits alone; a spending limit refuses Marketplace purchases.
/// The policies come with the subscription's own listing (no call of their own).
/// </summary>
public static partial class SubscriptionOffer
{
    private static readonly string[] NoPayAsYouGo = ["FreeTrial", "AzureForStudents", "AzureForStudentsFree", "Students", "DreamSpark", "AzurePass"];

    private static readonly string[] Paid = ["PayAsYouGo", "EnterpriseAgreement", "MSDNDevTest", "PayAsYouGoDevTest", "MCA"];

    /// <summary>The `subscription` verdict for a quotaId ("FreeTrial_2014-09-01") and a spending limit (On, Off, CurrentPeriodOff).</summary>
    public static void Judge(DeployState state, string? quotaId, string? spendingLimit)
    {
        var name = state.Subscription!.Name;
        var offer = quotaId is not null && QuotaIdPattern().Match(quotaId) is { Success: true } m ? m.Groups[1].Value : null;
        var shown = offer is null ? "" : $" (offer {quotaId})";
        const string ChooseAnother = "or choose a paid subscription with --subscription";
        if (offer is not null && NoPayAsYouGo.Contains(offer, StringComparer.OrdinalIgnoreCase))
        {
            state.Fail("subscription", $"{name} has no pay-as-you-go plan{shown}: Azure sells Claude, a Marketplace offer, only to paid subscriptions.",
                $"Upgrade it to pay-as-you-go (Azure portal, the subscription, Upgrade), {ChooseAnother}.");
        }
        else if (offer?.StartsWith("CSP", StringComparison.OrdinalIgnoreCase) == true)
        {
            state.Fail("subscription", $"{name} is a Cloud Solution Provider subscription{shown}: Claude cannot be bought in one.",
                "Use a subscription your organisation pays Microsoft for directly (Enterprise Agreement, Microsoft Customer Agreement or pay-as-you-go).");
        }
        else if ("On".Equals(spendingLimit, StringComparison.OrdinalIgnoreCase))
        {
            state.Fail("subscription", $"{name} has a spending limit{shown}: Azure refuses Marketplace purchases, Claude's included, while it is on.",
                $"Remove the spending limit (Azure portal, the subscription, Overview, Remove spending limit), {ChooseAnother}.");
        }
        else if (offer?.StartsWith("Sponsored", StringComparison.OrdinalIgnoreCase) == true || "MSDN".Equals(offer, StringComparison.OrdinalIgnoreCase))
        {
            state.Warn("subscription", $"{name} runs on credits{shown}: credits do not pay for Claude. With a card on file the card is charged; without one the purchase is refused.",
                "Check the payment method in Cost Management before deploying.");
        }
        else if (offer?.StartsWith("Internal", StringComparison.OrdinalIgnoreCase) == true)
        {
            state.Warn("subscription", $"{name} is an internal subscription{shown}: such subscriptions often may not buy Marketplace offers.",
                "If the deployment is refused for purchase eligibility, use a paid subscription.");
        }
        else if (offer is not null && Paid.Contains(offer, StringComparer.OrdinalIgnoreCase))
        {
            state.Pass("subscription", $"{name} is a paid subscription{shown}.");
        }
    }

    [GeneratedRegex(@"^([A-Za-z]+)_[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex QuotaIdPattern();
}
