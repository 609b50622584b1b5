using System.Diagnostics;
using System.Text;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoundryIde.Tests.Discovery;

/// <summary>The listing kept on disk: private, per key and identity, and a hostile or foreign file is never shown.</summary>
[TestClass]
public sealed class ListingStoreTests
{
    private static readonly IdentityInfo Alice = new("tenant-1", "oid-alice", "alice@contoso.com");
    private static readonly IdentityInfo Bob = new("tenant-1", "oid-bob", "bob@contoso.com");
    private static readonly string[] StoredFields = ["version", "key", "tenantId", "objectId", "listedAt", "result"];
    private static readonly string Key = ListingStore.KeyOf(AzureCloud.Public, null, null);

    private string _home = null!;
    private ListingStore _store = null!;

    public TestContext TestContext { get; set; } = null!;

    private string CacheFolder => Path.Combine(_home, "cache", "foundry-ide");

    [TestInitialize]
    public void CreateHome()
    {
        _home = Directory.CreateTempSubdirectory("foundryide-store-").FullName;
        _store = new ListingStore(new TestEnvironment(("HOME", _home), ("XDG_CACHE_HOME", Path.Combine(_home, "cache"))),
            NullLogger<ListingStore>.Instance);
    }

    [TestCleanup]
    public void RemoveHome()
    {
        Directory.Delete(_home, recursive: true);
    }

    private static ResourcesResult Listing(string endpoint = "https://ai-west.services.ai.azure.com/", string deployment = "sonnet") =>
        new([new FoundryResource("ai-west", "00000000-0000-0000-0000-000000000001", "rg", "westus", endpoint,
            [new ClaudeDeployment(deployment, "claude-sonnet-4-5", "1", "sonnet", "GlobalStandard", 10, "Succeeded")],
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ai-west",
            "ai-west", false)], [], ListedAt: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private Task<StoredListing?> ReadAsync(IdentityInfo? identity = null, string? key = null) =>
        _store.ReadAsync(key ?? Key, AzureCloud.Public, identity, TestContext.CancellationToken);

    [TestMethod]
    public async Task WriteAsync_ThenRead_SameListingInAPrivateFile()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        var read = await ReadAsync(Alice);

        Assert.IsNotNull(read);
        Assert.AreEqual("ai-west", read.Result.Resources.Single().Name);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), read.ListedAt);
        Assert.AreEqual(("tenant-1", "oid-alice"), (read.TenantId, read.ObjectId));
        var path = _store.PathOf(Key)!;
        StringAssert.StartsWith(path, CacheFolder);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheFolder));
        Assert.HasCount(1, Directory.GetFiles(CacheFolder), "no temporary file is left");
    }

    [TestMethod]
    public async Task ReadAsync_IdentityUnknownYet_ReturnsTheListing()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        Assert.IsNotNull(await ReadAsync(identity: null));
    }

    [TestMethod]
    public async Task ReadAsync_AnotherIdentitySignedIn_Null()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        Assert.IsNull(await ReadAsync(Bob));
    }

    [TestMethod]
    public async Task ReadAsync_AnotherCloudOrTenant_Null()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);
        var otherTenant = ListingStore.KeyOf(AzureCloud.Public, "tenant-2", null);
        var otherCloud = ListingStore.KeyOf(AzureCloud.UsGovernment, null, null);

        Assert.IsNull(await ReadAsync(Alice, otherTenant));
        Assert.IsNull(await ReadAsync(Alice, otherCloud));
        Assert.AreNotEqual(_store.PathOf(Key), _store.PathOf(otherTenant));
    }

    [TestMethod]
    public async Task ReadAsync_FileOfAnotherKeyCopiedOverIt_Null()
    {
        var other = ListingStore.KeyOf(AzureCloud.Public, "tenant-2", null);
        await _store.WriteAsync(other, Alice, Listing(), TestContext.CancellationToken);
        Directory.CreateDirectory(CacheFolder);
        File.Copy(_store.PathOf(other)!, _store.PathOf(Key)!);

        Assert.IsNull(await ReadAsync(Alice));
    }

    [TestMethod]
    public async Task ReadAsync_Symlink_NotFollowed()
    {
        var elsewhere = Path.Combine(_home, "elsewhere.json");
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);
        File.Move(_store.PathOf(Key)!, elsewhere);
        File.CreateSymbolicLink(_store.PathOf(Key)!, elsewhere);

        Assert.IsNull(await ReadAsync(Alice));
    }

    [TestMethod]
    public async Task ReadAsync_Fifo_NullWithoutBlocking()
    {
        Directory.CreateDirectory(CacheFolder);
        using (var mkfifo = Process.Start("mkfifo", [_store.PathOf(Key)!])) await mkfifo.WaitForExitAsync(TestContext.CancellationToken);

        var read = ReadAsync(Alice);

        Assert.AreEqual(read, await Task.WhenAny(read, Task.Delay(5000, TestContext.CancellationToken)), "a FIFO is never opened");
        Assert.IsNull(await read);
    }

    [TestMethod]
    [DataRow("not json at all", DisplayName = "garbage")]
    [DataRow("{\"version\":1}", DisplayName = "no key or result")]
    [DataRow("{\"version\":2,\"key\":\"KEY\",\"listedAt\":\"2025-01-01T00:00:00Z\",\"result\":{\"resources\":[],\"errors\":[]}}", DisplayName = "another version")]
    [DataRow("[1,2,3]", DisplayName = "an array")]
    public async Task ReadAsync_NotAListing_Null(string content)
    {
        Directory.CreateDirectory(CacheFolder);
        await File.WriteAllTextAsync(_store.PathOf(Key)!, content.Replace("KEY", Key, StringComparison.Ordinal), TestContext.CancellationToken);

        Assert.IsNull(await ReadAsync(Alice));
    }

    [TestMethod]
    public async Task ReadAsync_InvalidUtf8OrTooLarge_Null()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);
        var path = _store.PathOf(Key)!;
        var bytes = await File.ReadAllBytesAsync(path, TestContext.CancellationToken);
        bytes[bytes.Length / 2] = 0xFF;
        await File.WriteAllBytesAsync(path, bytes, TestContext.CancellationToken);
        var badUtf8 = await ReadAsync(Alice);
        await File.WriteAllTextAsync(path, new string(' ', 2 * 1024 * 1024), TestContext.CancellationToken);

        Assert.IsNull(badUtf8);
        Assert.IsNull(await ReadAsync(Alice));
    }

    [TestMethod]
    [DataRow("https://evil.example.com/", "sonnet", DisplayName = "foreign endpoint")]
    [DataRow("https://ai-west.services.ai.azure.com/", "son net", DisplayName = "bad deployment name")]
    public async Task ReadAsync_TamperedValues_Null(string endpoint, string deployment)
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);
        var path = _store.PathOf(Key)!;
        var text = await File.ReadAllTextAsync(path, TestContext.CancellationToken);
        text = text.Replace("https://ai-west.services.ai.azure.com/", endpoint, StringComparison.Ordinal)
            .Replace("\"name\":\"sonnet\"", $"\"name\":\"{deployment}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text, TestContext.CancellationToken);

        Assert.IsNull(await ReadAsync(Alice));
    }

    [TestMethod]
    public async Task WriteAsync_SymlinkAtThePath_ReplacesTheLinkNotItsTarget()
    {
        var target = Path.Combine(_home, "precious.txt");
        await File.WriteAllTextAsync(target, "precious", TestContext.CancellationToken);
        Directory.CreateDirectory(CacheFolder);
        File.CreateSymbolicLink(_store.PathOf(Key)!, target);

        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        Assert.AreEqual("precious", await File.ReadAllTextAsync(target, TestContext.CancellationToken));
        Assert.IsNull(new FileInfo(_store.PathOf(Key)!).LinkTarget, "the link was replaced by the file");
        Assert.IsNotNull(await ReadAsync(Alice));
    }

    [TestMethod]
    public async Task WriteAsync_CacheFolderIsASymlink_NothingWritten()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_home, "elsewhere")).FullName;
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFolder)!);
        Directory.CreateSymbolicLink(CacheFolder, elsewhere);

        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        Assert.IsEmpty(Directory.GetFileSystemEntries(elsewhere));
    }

    [TestMethod]
    public async Task WriteAsync_Listing_HoldsNoTokenOrKey()
    {
        await _store.WriteAsync(Key, Alice, Listing(), TestContext.CancellationToken);

        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.PathOf(Key)!, TestContext.CancellationToken));

        // What is kept is the listing's own record: names, ids, endpoints, deployments; nothing else is written.
        CollectionAssert.AreEquivalent(StoredFields,
            System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject().Select(p => p.Key).ToArray());
        Assert.DoesNotContain("alice@contoso.com", text, "not even the user's name");
    }
}
