namespace FoundryIde.Emulator;

/// <summary>
/// Today's models under custom deployment names (<see cref="EmulatorState.CreateModels"/>, <c>--seed-models</c>): the
/// default seed plus <see cref="Account"/> (AIServices, subscription 1, where the service principal is Cognitive
/// Services User) with a deployment of every family in several generations. Versions are what Foundry reports
/// (<c>1</c>, <c>2</c> or a date): they say where a model is hosted, not which is newer, so an older generation with
/// a "larger" version string and two deployments of one model with different capacities are here on purpose.
/// </summary>
public static class ModelsSeed
{
    public const string Account = "contoso-models";
    public const string SubDomain = "contoso-models";
    public const string Key1 = "emukey1contosomodels0000000000000";
    public const string Key2 = "emukey2contosomodels0000000000000";

    /// <summary>The newest Fable (claude-fable-5-2, version 1): the fable default.</summary>
    public const string Fable = "ink";

    /// <summary>claude-fable-5-1, version 2: an older generation with a larger version string.</summary>
    public const string OlderFable = "quill";

    /// <summary>claude-opus-5-5: the opus default.</summary>
    public const string Opus = "Opus55";

    /// <summary>claude-opus-4-1, version 20250805 (a date: larger than "1" as a string, yet older).</summary>
    public const string OlderOpus = "big-opus";

    /// <summary>claude-sonnet-5-5 with capacity 200: the sonnet default (ties with <see cref="SmallSonnet"/> on generation).</summary>
    public const string Sonnet = "sonnet-main";

    /// <summary>claude-sonnet-5-5 with capacity 20, version 2.</summary>
    public const string SmallSonnet = "sonnet-side";

    /// <summary>claude-sonnet-4-5, version 20250929: the model of Claude Code's 4.5 entry, not a default.</summary>
    public const string Sonnet45 = "Sonnet45";

    /// <summary>claude-sonnet-5-5 deployment in state Failed: never chosen.</summary>
    public const string FailedSonnet = "sonnet-failed";

    /// <summary>claude-haiku-5-5: the haiku default.</summary>
    public const string Haiku = "Haiku55";

    /// <summary>claude-haiku-4-5, version 20251001.</summary>
    public const string OlderHaiku = "quick";

    /// <summary>A Claude model Claude Code 2.1.332 does not know (family other).</summary>
    public const string Unknown = "mystery";

    public static EmulatorState Create()
    {
        var state = DefaultSeed.Create();
        state.Accounts.Add(new AccountSeed
        {
            SubscriptionId = DefaultSeed.SubscriptionId, ResourceGroup = DefaultSeed.ResourceGroup, Name = Account, Kind = "AIServices",
            Location = "swedencentral", CustomSubDomainName = SubDomain, Key1 = Key1, Key2 = Key2,
            Deployments =
            [
                DefaultSeed.Claude(OlderFable, "claude-fable-5-1", "2", 100),
                DefaultSeed.Claude(Fable, "claude-fable-5-2", "1", 100),
                DefaultSeed.Claude(OlderOpus, "claude-opus-4-1", "20250805", 300),
                DefaultSeed.Claude(Opus, "claude-opus-5-5", "1", 100),
                DefaultSeed.Claude(FailedSonnet, "claude-sonnet-5-5", "1", 500, "Failed"),
                DefaultSeed.Claude(SmallSonnet, "claude-sonnet-5-5", "2", 20),
                DefaultSeed.Claude(Sonnet, "claude-sonnet-5-5", "1", 200),
                DefaultSeed.Claude(Sonnet45, "claude-sonnet-4-5", "20250929", 100),
                DefaultSeed.Claude(OlderHaiku, "claude-haiku-4-5", "20251001", 100),
                DefaultSeed.Claude(Haiku, "claude-haiku-5-5", "1", 100),
                DefaultSeed.Claude(Unknown, "claude-nova-1", "1", 10),
            ],
        });
        return state;
    }
}
