using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Rpc;

/// <summary>
/// The committed contract (server/Rpc/rpc-schema.json) is exactly what the code exports, and the README's method table
/// names exactly its methods. FOUNDRYIDE_UPDATE_SCHEMA=1 rewrites the file instead of failing (then regenerate the
/// extension's protocol/*.generated.ts: npm run --prefix extension generate:protocol).
/// </summary>
[TestClass]
public sealed partial class RpcSchemaTests
{
    [TestMethod]
    public void RpcSchema_CodeAndCommittedFile_AreTheSame()
    {
        var path = Path.Combine(Repo.Root, RpcSchemaExport.RelativePath);
        var exported = RpcSchemaExport.Build();
        if (Environment.GetEnvironmentVariable("FOUNDRYIDE_UPDATE_SCHEMA") == "1") File.WriteAllText(path, exported);

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";

        Assert.AreEqual(committed, exported,
            $"{RpcSchemaExport.RelativePath} differs from the contract in server/Rpc. If the change is meant, run " +
            "FOUNDRYIDE_UPDATE_SCHEMA=1 on this test, then npm run --prefix extension generate:protocol, and commit both.");
    }

    [TestMethod]
    public void ReadmeMethodTable_EveryMethodOfTheSchema_ListedOnce()
    {
        var schema = JsonNode.Parse(RpcSchemaExport.Build())!;
        var expected = schema["methods"]!.AsObject().Select(m => m.Key)
            .Concat(schema["serverNotifications"]!.AsObject().Select(m => m.Key)).Order(StringComparer.Ordinal).ToArray();
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

        var listed = MethodRow().Matches(readme).Select(m => m.Groups[1].Value)
            .Where(m => m != "$/cancelRequest").Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(expected, listed, $"README lists: {string.Join(", ", listed)}");
    }

    [TestMethod]
    public void RpcSchema_EveryRecordOfAMethod_HasADefinition()
    {
        var schema = JsonNode.Parse(RpcSchemaExport.Build())!;
        var definitions = schema["$defs"]!.AsObject().Select(d => d.Key).ToHashSet();

        var references = ReferenceName().Matches(schema.ToJsonString()).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.IsTrue(definitions.Count > 10, $"only {definitions.Count} records exported");
        CollectionAssert.AreEquivalent(definitions.ToArray(), references.ToArray(), "every definition is used and every reference defined");
    }

    [GeneratedRegex(@"^\| `([^`]+)`", RegexOptions.Multiline)]
    private static partial Regex MethodRow();

    [GeneratedRegex("\"#/\\$defs/([A-Za-z]+)\"")]
    private static partial Regex ReferenceName();
}
