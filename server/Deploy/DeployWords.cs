namespace FoundryIde.Server.Deploy;

/// <summary>
/// How a verdict's or a failure's fix names what to change: the options of `foundry-ide deploy` on the command line,
/// the questions of the editor's Deploy Claude Models flow over JSON-RPC (deploy/plan, deploy/apply). Azure and az
/// commands are the same for both.
/// </summary>
public sealed record DeployWords(bool CommandLine)
{
    public static readonly DeployWords Cli = new(true);
    public static readonly DeployWords Editor = new(false);

    public string Capacity(int capacity) => CommandLine ? $"--capacity {capacity}" : $"a capacity of {capacity}";

    public string LowerCapacity => CommandLine ? "a lower --capacity" : "a lower capacity";

    public string OtherRegion => CommandLine ? "another region (--location)" : "another region";

    public string OtherRegionOrModel => CommandLine ? "another --location or --model" : "another region";

    public string LeaveFamilyOut => CommandLine ? "leave the family out (--models)" : "leave the family out";

    /// <summary>A blocked plan ends the editor's flow before its "Choose another model or version…": only the command line can name another model then.</summary>
    public string? PinOtherModel(string family) => CommandLine ? $"pin another model with --model {family}=MODEL" : null;

    /// <summary>How to deploy a given model and version (MODEL@VERSION) for a family.</summary>
    public string PinModel(string family, string modelAtVersion) =>
        CommandLine ? $"--model {family}={modelAtVersion}" : $"{modelAtVersion} (\"Choose another model or version…\")";

    public string Pinned => CommandLine ? "pinned with --model" : "chosen in the editor";

    public string Organisation => CommandLine
        ? "--organization \"Your company\" --industry technology --country US"
        : "your organisation, industry (e.g. technology) and two-letter country";

    public string RegisterProvider(string subscriptionId) => CommandLine
        ? "deploy registers it first (POST .../register, a minute or two), then runs every check before it writes anything; or register it yourself: " +
          $"az provider register --namespace Microsoft.CognitiveServices --subscription {subscriptionId} --wait"
        : "Deploy registers it first (a minute or two), then runs every check before it writes anything.";

    public string OtherResourceName => CommandLine ? "another --resource name" : "another resource name";

    public string CreateIt => CommandLine
        ? "add --create --resource-group RG --location REGION to create it"
        : "answer \"Yes, create it\" (with a resource group and a region) to create it";

    public string RetryFailedResource => CommandLine
        ? "add --create to send its PUT again (how Azure retries a resource whose creation failed)"
        : "answer \"Yes, create it\" to send its PUT again (how Azure retries a resource whose creation failed)";

    /// <summary>Which of several resources of one name is meant: its group.</summary>
    public string NameTheGroup(IReadOnlyList<string> groups) => CommandLine
        ? groups.Count == 0 ? "Add --resource-group with the group of the one you mean."
            : $"Add --resource-group with the group of the one you mean: {string.Join(" or ", groups.Select(g => "--resource-group " + g))}."
        : $"Answer \"Yes, create it\" and give the resource group of the one you mean{(groups.Count == 0 ? "" : $" ({string.Join(" or ", groups)})")}: the resource there is used as it is.";

    /// <summary>
    /// An existing resource keeps its region: what serves a family (or Claude, when <paramref name="family"/> is null)
    /// its catalogue lacks: a model it offers, leaving the family out, or a new resource where it is offered.
    /// </summary>
    /// <param name="otherModel">A model of the family the region offers (MODEL@VERSION), if any.</param>
    public string NewResourceElsewhere(string resource, string location, string? family, string? otherModel, IReadOnlyList<string> regions)
    {
        var what = family ?? "Claude";
        var known = regions.Count == 0 ? "" : $"{string.Join(", ", regions.Take(8))}{(regions.Count > 8 ? ", …" : "")}";
        if (!CommandLine)
        {
            return $"{resource} stays in {location}: {(family is null ? "" : LeaveFamilyOut + ", or ")}deploy to a new resource (another name, answering \"Yes, create it\") " +
                $"in a region that offers {what}{(known.Length == 0 ? "" : $" ({known})")}.";
        }

        var ways = new List<string>();
        if (family is not null && otherModel is not null) ways.Add($"pin a model it offers (--model {family}={otherModel})");
        if (family is not null) ways.Add(LeaveFamilyOut);
        ways.Add($"{(ways.Count > 0 ? "or " : "")}deploy to a new resource in a region that offers {what}: --resource NEW-NAME --create --resource-group RG " +
            $"--location {(regions.Count == 0 ? "REGION" : regions[0])}{(known.Length == 0 ? "" : $" ({what} is offered in {known})")}");
        return $"{resource} stays in {location} (--location only places a new resource): {string.Join(", ", ways)}.";
    }

    public string RunAgain => CommandLine ? "run deploy again" : "run \"Foundry: Deploy Claude Models\" again";

    public string RunAgainAtStart => AtStart(RunAgain);

    /// <summary>A phrase that opens a sentence.</summary>
    public static string AtStart(string phrase) => phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];

    public string TestConnection(string resource) =>
        CommandLine ? $"`foundry-ide test --resource {resource}`" : "\"Foundry: Test Connection\"";
}
