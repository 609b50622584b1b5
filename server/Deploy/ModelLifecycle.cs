using System.Globalization;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// A catalogue offer's lifecycle (the Cognitive Services models list: lifecycleStatus and deprecation.inference): what
/// is not generally available is said with the way out, and what Azure no longer serves is not picked automatically.
/// </summary>
public static class ModelLifecycle
{
    /// <summary>The inference retirement date, when the catalogue gives one that parses.</summary>
    public static DateTimeOffset? RetiresOn(CatalogueModel model) =>
        DateTimeOffset.TryParse(model.Deprecation?.Inference, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;

    /// <summary>Azure no longer serves it: Deprecated (its deployments answer 410), or its inference retirement date has passed.</summary>
    public static bool IsGone(Offer offer, DateTimeOffset now) =>
        "Deprecated".Equals(offer.Lifecycle, StringComparison.OrdinalIgnoreCase) || offer.RetiresOn <= now;

    /// <summary>GenerallyAvailable (Stable is its old word); an offer that says nothing is taken as such.</summary>
    public static bool IsGenerallyAvailable(string? lifecycle) =>
        lifecycle is null || lifecycle.Equals("GenerallyAvailable", StringComparison.OrdinalIgnoreCase) || lifecycle.Equals("Stable", StringComparison.OrdinalIgnoreCase);

    /// <summary>The family's offers Azure no longer serves, when it offers another: left out of the automatic pick.</summary>
    public static List<Offer> Skipped(IReadOnlyList<Offer> offers, string family, DateTimeOffset now)
    {
        var mine = offers.Where(o => o.Family == family).ToList();
        return mine.Any(o => !IsGone(o, now)) ? [.. mine.Where(o => IsGone(o, now))] : [];
    }

    /// <summary>Why a skipped offer was left out.</summary>
    public static string SkippedText(Offer offer, DateTimeOffset now) =>
        $"{offer.Model}@{offer.Version} is not deployed although the catalogue lists it: {Status(offer, now)}.";

    /// <summary>A warning for an offer that is not generally available, with a generally available one of its family if the region has it; else null.</summary>
    public static string? Warning(Offer offer, IReadOnlyList<Offer> offers, DateTimeOffset now, DeployWords words)
    {
        if (IsGenerallyAvailable(offer.Lifecycle) && !IsGone(offer, now)) return null;
        var ga = offers.Where(o => o.Family == offer.Family && o != offer && IsGenerallyAvailable(o.Lifecycle) && !IsGone(o, now)).ToList();
        var alternative = ga.Count == 0 ? null : ModelPick.Choose(ga, offer.Family, null, null).Offer;
        return $"{offer.Model}@{offer.Version}: {Status(offer, now)}." + (alternative is null ? ""
            : $" A generally available {offer.Family} model here: {words.PinModel(offer.Family, $"{alternative.Model}@{alternative.Version}")}.");
    }

    /// <summary>"Deprecating in the catalogue (Azure retires it, ...; Azure's inference on it ends on 2026-03-01)".</summary>
    public static string Status(Offer offer, DateTimeOffset now)
    {
        var status = TrustedValues.PlainWord(offer.Lifecycle, "not generally available");
        var ends = offer.RetiresOn is { } on ? $"; Azure's inference on it {(on <= now ? "ended" : "ends")} on {on:yyyy-MM-dd}" : "";
        var meaning = status.ToLowerInvariant() switch
        {
            "preview" => "a preview, which Azure may change or withdraw",
            "deprecated" => "retired: Azure answers 410 to its deployments",
            "legacy" => "no longer recommended, and retired later",
            _ when ModelPick.IsRetiring(status) => "Azure retires it, and its deployments with it",
            _ when IsGenerallyAvailable(offer.Lifecycle) => "no longer served",
            _ => "not generally available",
        };
        return $"{status} in the catalogue ({meaning}{ends})";
    }
}
