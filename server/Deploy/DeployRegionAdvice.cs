using Azure;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Deploy;

/// <summary>
/// The families asked, and where else they are offered: an existing resource keeps its region, so when that region's
/// catalogue cannot serve a family the fix is another model, or a new resource in a region that offers it.
/// </summary>
public sealed partial class DeployPlanner
{
    private static Dictionary<string, (string Family, string Model, string? Version)> Pins(DeployParams request) =>
        (request.Pins ?? []).Select(ModelPick.ParsePin).ToDictionary(p => p.Family, StringComparer.Ordinal);

    /// <summary>The families asked (--models), else every family the catalogue offers and every pinned one.</summary>
    private static List<string> AskedFamilies(DeployParams request, List<Offer> offers, Dictionary<string, (string Family, string Model, string? Version)> pins) =>
        request.Models is { Count: > 0 } asked
            ? asked.Select(f => f.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList()
            : ModelPick.Families(offers).Union(pins.Keys).ToList();

    /// <summary>The catalogue offers no Claude model, or none for a family asked (as pinned, when it is).</summary>
    private static bool AnyUnoffered(DeployParams request, List<Offer> offers, DateTimeOffset now)
    {
        var pins = Pins(request);
        var families = AskedFamilies(request, offers, pins);
        return families.Count == 0 || families.Any(f => pins.TryGetValue(f, out var pin)
            ? ModelPick.Choose(offers, f, pin.Model, pin.Version).Offer is null
            : ModelPick.Choose(offers, f, null, null, now).Offer is null);
    }

    /// <summary>The regions whose catalogue offers Claude (as the editor's region question lists them); left unknown when unreadable.</summary>
    private async Task FindRegionsElsewhereAsync(DeployState state, Action<string> progress, CancellationToken cancellationToken)
    {
        var sub = state.Subscription!.Id;
        try
        {
            state.Elsewhere = (await regions.ListAsync(new RegionsParams(sub), progress, cancellationToken)).Regions;
            state.Read($"/subscriptions/{sub}/providers/Microsoft.CognitiveServices/locations/{{region}}/models", "where Claude is offered, for a new resource (each region's catalogue)");
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException or FoundryException && !cancellationToken.IsCancellationRequested)
        {
            state.Elsewhere = null;
        }
    }

    /// <summary>The fix when the existing resource's region cannot serve a family (null: offers no Claude at all).</summary>
    private static string StaysFix(DeployState state, string? family, List<Offer> offers)
    {
        var elsewhere = (state.Elsewhere ?? [])
            .Where(r => !r.Name.Equals(state.Location, StringComparison.OrdinalIgnoreCase) && (family is null || r.Models.Any(m => m.Family == family)))
            .Select(r => r.Name).ToList();
        return state.Words.NewResourceElsewhere(state.Request.Resource, state.Location!, family, 
            offers.FirstOrDefault(o => o.Family == family) is { } here ? $"{here.Model}@{here.Version}" : null, elsewhere);
    }
}
