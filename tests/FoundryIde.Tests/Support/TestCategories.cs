namespace FoundryIde.Tests.Support;

internal static class TestCategories
{
    /// <summary>Tests that run the foundry-ide binary: scripts/test.sh runs them again against the NativeAOT build.</summary>
    public const string Process = "Process";
}
