using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FoundryIde.Server.Models;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeCode;

/// <summary>
/// The model table (<see cref="ClaudeModels"/>) against the model registry inside the REAL pinned Claude Code binary:
/// when Claude Code is upgraded, this says which row to add, remove or change.
/// </summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed partial class ClaudeCodeRegistryTests
{
    /// <summary>The registry's capability words FoundryIde copies as they are (thinking and interleaved_thinking it derives).</summary>
    private static readonly string[] CopiedCapabilities = [ClaudeCapability.Effort, ClaudeCapability.MaxEffort, ClaudeCapability.XhighEffort, ClaudeCapability.AdaptiveThinking];

    private sealed record RegistryEntry(string Id, string Family, string DisplayName, string? FoundryId, int Window, IReadOnlyList<string> Capabilities);

    [TestMethod]
    public void ClaudeModels_EveryRow_IsTheRegistrysFoundryModelWithItsNameWindowAndCapabilities()
    {
        ClaudeCodeRunner.AssertInstalled();
        var registry = ReadRegistry(ClaudeCodeRunner.Path);
        var onFoundry = registry.Values.Where(e => e.FoundryId is not null).ToDictionary(e => e.Id);
        var hint = $"Claude Code at {ClaudeCodeRunner.Path} has another model registry: update server/Models/ClaudeModels.cs.";

        Assert.AreEqual(string.Join(", ", onFoundry.Keys.Order(StringComparer.Ordinal)), string.Join(", ", ClaudeModels.All.Select(m => m.Id).Order(StringComparer.Ordinal)),
            "the registry's models with a Foundry id. " + hint);
        foreach (var model in ClaudeModels.All)
        {
            var entry = onFoundry[model.Id];
            Assert.AreEqual(
                $"{entry.Family} | {entry.DisplayName} | {entry.FoundryId} | {entry.Window} | {string.Join(",", CopiedCapabilities.Where(entry.Capabilities.Contains))}",
                $"{model.Family} | {model.DisplayName} | {model.FoundryModel} | {model.Window} | {string.Join(",", CopiedCapabilities.Where(model.Capabilities.Contains))}",
                $"{model.Id}: family | display name | Foundry id | window | capabilities. " + hint);
        }
    }

    /// <summary>Every <c>{id:"claude-…",family:"…",…}</c> entry of the binary's registry, first occurrence wins.</summary>
    private static Dictionary<string, RegistryEntry> ReadRegistry(string binary)
    {
        var data = File.ReadAllBytes(binary);
        var marker = "{id:\"claude-"u8;
        var entries = new Dictionary<string, RegistryEntry>(StringComparer.Ordinal);
        var at = 0;
        int found;
        while ((found = data.AsSpan(at).IndexOf(marker)) >= 0)
        {
            var start = at + found;
            var rest = data.AsSpan(start + 1, Math.Min(1500, data.Length - start - 1));
            if (rest.IndexOf(marker) is var next and >= 0) rest = rest[..next];
            var text = Encoding.Latin1.GetString(rest);
            if (Head().Match(text) is { Success: true } head)
            {
                var window = Window().Match(text) is { Success: true } w ? (int)double.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture) : 200_000;
                var foundry = Foundry().Match(text) is { Success: true } f && f.Groups[1].Success ? f.Groups[1].Value : null;
                var capabilities = Capabilities().Match(text) is { Success: true } c
                    ? c.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim('"')).ToArray()
                    : [];
                entries.TryAdd(head.Groups[1].Value, new RegistryEntry(head.Groups[1].Value, head.Groups[2].Value,
                    DisplayName().Match(text).Groups[1].Value, foundry, window, capabilities));
            }

            at = start + 1;
        }

        Assert.IsGreaterThan(10, entries.Count, $"no model registry found in {binary}: its format changed; read it with grep -a -o '{{id:\"claude-fable-5\",family:\"fable\".\\{{600\\}}' {binary}");
        return entries;
    }

    [GeneratedRegex("^id:\"(claude-[a-z0-9-]+)\",family:\"([a-z]+)\"")]
    private static partial Regex Head();

    [GeneratedRegex("display_name:\"([^\"]*)\"")]
    private static partial Regex DisplayName();

    [GeneratedRegex("foundry:(?:null|\"([^\"]*)\")")]
    private static partial Regex Foundry();

    [GeneratedRegex(@"context:\{window:([0-9.e]+)")]
    private static partial Regex Window();

    [GeneratedRegex(@"capabilities:\[([^\]]*)\]")]
    private static partial Regex Capabilities();
}
