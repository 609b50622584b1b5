using FoundryIde.Server.Cloud;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>One catalogue offer: a model version with its Global Standard SKU.</summary>
/// <param name="HostedOn">The catalogue's hostedOn capability of a dual-hosted version: anthropic or azure (null: not said).</param>
/// <param name="RetiresOn">When Azure stops serving it (the catalogue's deprecation.inference), if said.</param>
public sealed record Offer(string Family, string Model, string Version, bool IsDefaultVersion, string? Lifecycle, string Sku, string? UsageName,
    int MaxCapacity, int DefaultCapacity, string? HostedOn = null, DateTimeOffset? RetiresOn = null);

/// <summary>
/// Which model and version of a family to deploy, from the location's catalogue: the newest model by generation
/// (claude-opus-4-5 over claude-opus-4-1), then that model's default version (the one Azure moves deployments to),
/// else its newest; retiring versions only when nothing else is offered. The family is the existing classification of
/// the model's name (<see cref="DeploymentFamily.Of"/>), so a new family arrives with it.
/// </summary>
public static class ModelPick
{
    public const string Sku = "GlobalStandard";

    public const string Hosting =
        "Global Standard: Azure routes each request to wherever the model has capacity (global processing); the resource and its data at rest stay in its region.";

    /// <summary>Where a deployment of this SKU (deployment type) has its requests processed; an unknown or unreadable one is said to be so.</summary>
    public static string HostingOf(string? sku) => sku?.ToLowerInvariant() switch
    {
        "globalstandard" => Hosting,
        "datazonestandard" => "Data Zone Standard: Azure processes each request within the data zone of the resource's region (the United States or the European Union); " +
            "the resource and its data at rest stay in its region.",
        "standard" => "Standard: each request is processed in the resource's region.",
        "globalprovisionedmanaged" => "Global Provisioned: reserved throughput, each request processed wherever the model has capacity; the resource stays in its region.",
        "datazoneprovisionedmanaged" => "Data Zone Provisioned: reserved throughput, each request processed within the data zone of the resource's region.",
        "provisionedmanaged" => "Provisioned: reserved throughput in the resource's region.",
        _ => $"{Cloud.TrustedValues.PlainWord(sku, "An unreadable deployment type")}: a deployment type FoundryIde does not know; where requests are processed is not said here.",
    };

    /// <summary>The SKU's name as the first words of <see cref="HostingOf"/> (Data Zone Standard).</summary>
    public static string SkuText(string? sku) => HostingOf(sku).Split(':')[0];

    public static List<Offer> Offers(IEnumerable<CatalogueEntry> catalogue) =>
    [
        // One entry per account kind can list the same model: the AIServices one (what deploy creates) first, once.
        .. catalogue.OrderBy(e => "AIServices".Equals(e.Kind, StringComparison.OrdinalIgnoreCase) ? 0 : 1).Select(e => e.Model).OfType<CatalogueModel>()
            // A name or version that is not a valid deployment name is no offer: it would become a path in a PUT.
            .Where(m => "Anthropic".Equals(m.Format, StringComparison.OrdinalIgnoreCase) && m.Name is { Length: > 0 } && m.Version is { Length: > 0 }
                && TrustedValues.DeploymentNameProblem($"{m.Name}-{m.Version}") is null && TrustedValues.DeploymentNameProblem(m.Name) is null)
            .SelectMany(m => (m.Skus ?? []).Where(s => Sku.Equals(s.Name, StringComparison.OrdinalIgnoreCase)).Select(s => new Offer(
                DeploymentFamily.Of(m.Name), m.Name!, m.Version!, m.IsDefaultVersion ?? false, m.LifecycleStatus, Sku, s.UsageName,
                s.Capacity?.Maximum ?? m.MaxCapacity ?? int.MaxValue, s.Capacity?.Default ?? 50, HostedOn(m), ModelLifecycle.RetiresOn(m))))
            .DistinctBy(o => (o.Model.ToLowerInvariant(), o.Version)),
    ];

    /// <summary>The families the catalogue offers (every family but "other"), in the catalogue's order.</summary>
    public static List<string> Families(IEnumerable<Offer> offers) =>
        [.. offers.Select(o => o.Family).Where(f => f != DeploymentFamily.Other).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The offer for a family (with an optional pinned model and version); null with why when there is none. Without a
    /// pin, and given the time, an offer Azure no longer serves is left out while the family has another.
    /// </summary>
    public static (Offer? Offer, string? Why) Choose(IReadOnlyList<Offer> offers, string family, string? model, string? version, DateTimeOffset? now = null)
    {
        var skipped = model is null && now is { } at ? ModelLifecycle.Skipped(offers, family, at) : [];
        var candidates = offers.Where(o => model is null
            ? o.Family == family && !skipped.Contains(o)
            : o.Model.Equals(model, StringComparison.OrdinalIgnoreCase)).ToList();
        if (version is not null) candidates = [.. candidates.Where(o => o.Version == version)];
        if (candidates.Count == 0)
        {
            var offered = offers.Where(o => o.Family == family).Select(o => $"{o.Model}@{o.Version}").ToList();
            var what = model is null ? $"offers no {family} model" : $"does not offer {model}{(version is null ? "" : "@" + version)}";
            return (null, $"The region's catalogue {what} ({Sku}). {family} models offered: {(offered.Count == 0 ? "none" : string.Join(", ", offered))}.");
        }

        var newest = candidates.Select(c => c.Model).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(m => m, Comparer<string>.Create((a, b) => CompareGeneration(DeploymentChoice.Generation(a), DeploymentChoice.Generation(b))))
            .First();
        var versions = candidates.Where(c => c.Model.Equals(newest, StringComparison.OrdinalIgnoreCase)).ToList();
        // Never by the version string: on Foundry it says where the model is hosted (1, 2 or a date), not how new it is.
        var pick = versions.OrderByDescending(v => !IsRetiring(v.Lifecycle)).ThenByDescending(v => v.IsDefaultVersion).First();
        return (pick, null);
    }

    /// <summary>hostedOn from the catalogue's capabilities, when it is one of the two known values.</summary>
    private static string? HostedOn(CatalogueModel model) =>
        model.Capabilities?.GetValueOrDefault("hostedOn")?.ToLowerInvariant() switch
        {
            "anthropic" => "anthropic",
            "azure" => "azure",
            _ => null,
        };

    /// <summary>Where requests to this version are processed, when the catalogue says.</summary>
    public static string? HostedOnText(Offer offer) => offer.HostedOn switch
    {
        "anthropic" => "hosted on Anthropic (the catalogue's hostedOn)",
        "azure" => "hosted on Azure (the catalogue's hostedOn; its own quota pool)",
        _ => null,
    };

    /// <summary>Why this version: for the plan and the result.</summary>
    public static string Reason(Offer offer, bool pinned, DeployWords words, IReadOnlyList<Offer> offers) =>
        pinned ? $"{offer.Model}@{offer.Version}: {words.Pinned}{(HostedOnText(offer) is { } where ? $", {where}" : "")}."
        : $"{offer.Model}@{offer.Version}: the newest {offer.Family} model the region offers, " +
          (offer.IsDefaultVersion ? "its default version (the one Azure upgrades deployments to)"
              : offers.FirstOrDefault(o => o.Model == offer.Model && o.IsDefaultVersion && IsRetiring(o.Lifecycle)) is { } retiring
                  ? $"not its default version {retiring.Version}, which is {retiring.Lifecycle}"
                  : "the first version the catalogue lists (none is marked default)") +
          (HostedOnText(offer) is { } hosting ? $", {hosting}" : "") + ".";

    /// <summary>FAMILY=MODEL[@VERSION].</summary>
    public static (string Family, string Model, string? Version) ParsePin(string pin)
    {
        var eq = pin.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == pin.Length - 1)
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"--model {Cloud.TrustedValues.Show(pin)}: expected FAMILY=MODEL[@VERSION], e.g. sonnet=claude-sonnet-4-5@20250929.");
        }

        var family = pin[..eq].Trim().ToLowerInvariant();
        var rest = pin[(eq + 1)..].Trim();
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var model = at < 0 ? rest : rest[..at];
        var version = at < 0 ? null : rest[(at + 1)..];
        if (version is "")
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"--model {Cloud.TrustedValues.Show(pin)}: a version follows '@' (or leave '@' out for the default version).");
        }

        if (!IsToken(family) || !IsToken(model) || (version is not null && !IsToken(version)))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"--model {Cloud.TrustedValues.Show(pin)}: names may hold letters, digits, '-', '.' and '_' only.");
        }

        return (family, model, version);
    }

    public static bool IsToken(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    internal static bool IsRetiring(string? lifecycle) =>
        lifecycle is not null && (lifecycle.StartsWith("Deprecat", StringComparison.OrdinalIgnoreCase) || lifecycle.StartsWith("Retir", StringComparison.OrdinalIgnoreCase));

    private static int CompareGeneration(int[] x, int[] y)
    {
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var c = (i < x.Length ? x[i] : -1).CompareTo(i < y.Length ? y[i] : -1);
            if (c != 0) return c;
        }

        return 0;
    }
}
