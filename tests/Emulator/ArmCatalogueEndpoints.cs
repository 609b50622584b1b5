using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// What a deployment needs to know before it is made: a location's model catalogue, the subscription's usages (quota),
/// model capacities per location, and Marketplace agreements (Microsoft.MarketplaceOrdering).
/// </summary>
internal static class ArmCatalogueEndpoints
{
    private const string Provider = "/subscriptions/{s}/providers/Microsoft.CognitiveServices";
    private const string Agreement =
        "/subscriptions/{s}/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/{p}/offers/{o}/plans/{pl}/agreements/current";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu, ArmAccess arm)
    {
        void Get(string pattern, Func<HttpContext, SubscriptionSeed, Task> handler) =>
            ArmEndpoints.MapArm(app, arm, "GET", pattern, async (ctx, caller) =>
            {
                var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.CognitiveServices/locations/models/read");
                if (sub is not null) await handler(ctx, sub);
            });

        Get($"{Provider}/locations/{{loc}}/models", (ctx, _) =>
            arm.WritePageAsync(ctx, [.. emu.State.Catalogue(ctx.Route("loc")!).Select(m => (JsonNode)CatalogueModel(m))]));
        Get($"{Provider}/locations/{{loc}}/usages", (ctx, sub) =>
        {
            List<QuotaSeed> quotas;
            lock (emu.State.SyncRoot)
            {
                quotas = [.. emu.State.Quotas.Where(q => q.SubscriptionId.Equals(sub.Id, StringComparison.OrdinalIgnoreCase))];
            }

            return arm.WritePageAsync(ctx, [.. quotas.Select(q => (JsonNode)new JsonObject
            {
                ["name"] = new JsonObject { ["value"] = q.UsageName, ["localizedValue"] = q.UsageName },
                ["currentValue"] = emu.State.Usage(sub.Id, q.UsageName),
                ["limit"] = q.Limit,
                ["unit"] = "Count",
            })]);
        });
        Get($"{Provider}/modelCapacities", (ctx, sub) => ModelCapacitiesAsync(ctx, emu, arm, sub));
        Get("/subscriptions/{s}/providers/Microsoft.MarketplaceOrdering/agreements", (ctx, sub) =>
            arm.WritePageAsync(ctx, [.. Agreements(emu, sub.Id).Select(a => (JsonNode)ListedAgreementJson(a))]));
        Get(Agreement, (ctx, sub) =>
        {
            var found = Agreements(emu, sub.Id).FirstOrDefault(a => Matches(a, ctx));
            return ctx.WriteJsonAsync(AgreementJson(found ?? new AgreementSeed
            {
                SubscriptionId = sub.Id, Publisher = ctx.Route("p")!, Offer = ctx.Route("o")!, Plan = ctx.Route("pl")!,
            }));
        });
        ArmEndpoints.MapArm(app, arm, "PUT", Agreement, async (ctx, caller) =>
        {
            var sub = await arm.RequireSubscriptionAsync(ctx, caller, ctx.Route("s")!, "Microsoft.MarketplaceOrdering/agreements/write");
            if (sub is null || !await arm.RequireActionAsync(ctx, caller, $"/subscriptions/{sub.Id}", "Microsoft.MarketplaceOrdering/agreements/write"))
            {
                return;
            }

            var accepted = (await ctx.ReadJsonOrNullAsync())?["properties"]?["accepted"]?.GetValue<bool>() ?? false;
            AgreementSeed? agreement = null;
            emu.State.Update(s =>
            {
                agreement = s.Agreements.FirstOrDefault(a => a.SubscriptionId.Equals(sub.Id, StringComparison.OrdinalIgnoreCase) && Matches(a, ctx));
                if (agreement is null)
                {
                    agreement = new AgreementSeed { SubscriptionId = sub.Id, Publisher = ctx.Route("p")!, Offer = ctx.Route("o")!, Plan = ctx.Route("pl")! };
                    s.Agreements.Add(agreement);
                }

                agreement.Accepted = accepted;
            });
            await ctx.WriteJsonAsync(AgreementJson(agreement!));
        });
    }

    public static JsonObject CatalogueModel(CatalogueModelSeed m) => new()
    {
        ["kind"] = "AIServices",
        ["skuName"] = "S0",
        ["model"] = new JsonObject
        {
            ["format"] = m.Format,
            ["name"] = m.Name,
            ["version"] = m.Version,
            ["isDefaultVersion"] = m.IsDefaultVersion,
            ["lifecycleStatus"] = m.LifecycleStatus,
            ["deprecation"] = m.DeprecationInference is null ? null : new JsonObject { ["inference"] = m.DeprecationInference },
            ["maxCapacity"] = m.MaxCapacity,
            ["capabilities"] = m.HostedOn is null
                ? new JsonObject { ["chatCompletion"] = "true" }
                : new JsonObject { ["chatCompletion"] = "true", ["hostedOn"] = m.HostedOn },
            ["skus"] = new JsonArray(new JsonObject
            {
                ["name"] = m.SkuName,
                ["usageName"] = m.UsageName,
                ["capacity"] = new JsonObject { ["maximum"] = m.MaxCapacity, ["minimum"] = 1, ["step"] = 1, ["default"] = m.DefaultCapacity },
            }),
        },
    };

    private static Task ModelCapacitiesAsync(HttpContext ctx, EmulatorContext emu, ArmAccess arm, SubscriptionSeed sub)
    {
        var format = ctx.Request.Query["modelFormat"].ToString();
        var name = ctx.Request.Query["modelName"].ToString();
        var version = ctx.Request.Query["modelVersion"].ToString();
        if (format.Length == 0 || name.Length == 0 || version.Length == 0)
        {
            return ctx.WriteAzureErrorAsync(400, "InvalidParameter", "modelFormat, modelName and modelVersion are required.");
        }

        List<CatalogueModelSeed> entries;
        lock (emu.State.SyncRoot)
        {
            entries = [.. emu.State.ModelCatalogue.Where(m => m.Format.Equals(format, StringComparison.OrdinalIgnoreCase)
                && m.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && m.Version == version)];
        }

        return arm.WritePageAsync(ctx, [.. entries.Select(m =>
        {
            var free = Math.Max(0, emu.State.QuotaLimit(sub.Id, m.UsageName) - emu.State.Usage(sub.Id, m.UsageName));
            return (JsonNode)new JsonObject
            {
                ["id"] = $"/subscriptions/{sub.Id}/providers/Microsoft.CognitiveServices/locations/{m.Location}/models/{m.Format}.{m.Name}.{m.Version}/skus/{m.SkuName}",
                ["name"] = m.Location,
                ["type"] = "Microsoft.CognitiveServices/locations/models/skus/capacity",
                ["location"] = m.Location,
                ["properties"] = new JsonObject
                {
                    ["model"] = new JsonObject { ["format"] = m.Format, ["name"] = m.Name, ["version"] = m.Version },
                    ["skuName"] = m.SkuName,
                    ["availableCapacity"] = Math.Min(free, m.MaxCapacity),
                    ["availableFinetuneCapacity"] = 0,
                },
            };
        })]);
    }

    private static List<AgreementSeed> Agreements(EmulatorContext emu, string subscriptionId)
    {
        lock (emu.State.SyncRoot)
        {
            return [.. emu.State.Agreements.Where(a => a.SubscriptionId.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase))];
        }
    }

    private static bool Matches(AgreementSeed a, HttpContext ctx) =>
        a.Publisher.Equals(ctx.Route("p"), StringComparison.OrdinalIgnoreCase) && a.Offer.Equals(ctx.Route("o"), StringComparison.OrdinalIgnoreCase)
        && a.Plan.Equals(ctx.Route("pl"), StringComparison.OrdinalIgnoreCase);

    /// <summary>An item of the subscription's list (MarketplaceAgreements_List, OldAgreementTerms): the plan is its name.</summary>
    private static JsonObject ListedAgreementJson(AgreementSeed a)
    {
        var id = $"/subscriptions/{a.SubscriptionId}/providers/Microsoft.MarketplaceOrdering/agreements/{a.Publisher}/offers/{a.Offer}/plans/{a.Plan}";
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = a.Plan,
            ["type"] = "Microsoft.MarketplaceOrdering/agreements",
            ["properties"] = new JsonObject
            {
                ["id"] = id,
                ["publisher"] = a.Publisher,
                ["offer"] = a.Offer,
                [a.Accepted ? "signDate" : "cancelDate"] = "2026-01-01T00:00:00Z",
                ["state"] = a.Accepted ? "Active" : "Canceled",
            },
        };
    }

    /// <summary>One offer's terms (GET or PUT .../agreements/current, AgreementTerms).</summary>
    private static JsonObject AgreementJson(AgreementSeed a) => new()
    {
        ["id"] = $"/subscriptions/{a.SubscriptionId}/providers/Microsoft.MarketplaceOrdering/offerTypes/VirtualMachine/publishers/{a.Publisher}" +
            $"/offers/{a.Offer}/plans/{a.Plan}/agreements/current",
        ["name"] = a.Plan,
        ["type"] = "Microsoft.MarketplaceOrdering/offertypes",
        ["properties"] = new JsonObject
        {
            ["publisher"] = a.Publisher,
            ["product"] = a.Offer,
            ["plan"] = a.Plan,
            ["accepted"] = a.Accepted,
            ["licenseTextLink"] = $"https://mpcprodsa.blob.core.windows.net/legalterms/{a.Publisher}-{a.Offer}.txt",
            ["privacyPolicyLink"] = "https://www.anthropic.com/legal/privacy",
            ["retrieveDatetime"] = "2026-01-01T00:00:00Z",
            ["signature"] = "EMULATOR",
        },
    };
}
