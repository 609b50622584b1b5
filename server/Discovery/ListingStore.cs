using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Discovery;

/// <summary>One listing as kept on disk: for which cloud, tenant and filter (<see cref="Key"/>), as whom, and when.</summary>
public sealed record StoredListing(int Version, string Key, string? TenantId, string? ObjectId, DateTimeOffset ListedAt, ResourcesResult Result);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(StoredListing))]
internal sealed partial class ListingStoreJsonContext : JsonSerializerContext;

/// <summary>
/// The last resource listing per cloud, tenant and subscription filter, kept on disk so that a new session (a reloaded
/// window) can show it at once while it lists afresh. One file each under the user's cache folder
/// (<c>$XDG_CACHE_HOME/foundry-ide</c>, else <c>~/.cache/foundry-ide</c>; <c>%LOCALAPPDATA%\foundry-ide</c> on
/// Windows), the folder 0700 and each file 0600. A listing holds no secret (names, ids, endpoints, deployments, the
/// errors' messages). Files are written as SafeFileWriter writes its own: a new temporary file (O_EXCL, never through a
/// link) renamed over the old one (so concurrent writers need no lock: the last rename wins, whole). A file is read only when it is a regular file itself (not a symlink, FIFO or
/// device), at most <see cref="BoundedTextFile.MaxBytes"/>, strict UTF-8, of this version and key, of the identity now
/// signed in (when that is known), and with every name and endpoint still passing the trust checks; anything else is
/// treated as absent (the next listing replaces it).
/// </summary>
public sealed class ListingStore(IEnvironmentReader environment, ILogger<ListingStore> logger)
{
    public const int Version = 1;
    private const string FolderName = "foundry-ide";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    /// <summary>The key of a listing: the cloud's ARM endpoint and authority, the Foundry suffix, the tenant, the filter.</summary>
    public static string KeyOf(AzureCloud cloud, string? tenant, string? subscription) =>
        $"{cloud.ArmEndpoint}|{cloud.AuthorityHost}|{string.Join(',', cloud.Foundry.Suffixes)}:{cloud.Foundry.Port}|{tenant}|{subscription}";

    /// <summary>The cache folder; null when no home or cache folder is known.</summary>
    public string? Folder
    {
        get
        {
            var root = OperatingSystem.IsWindows()
                ? environment.Read("LOCALAPPDATA")
                : environment.Read("XDG_CACHE_HOME") is { } xdg && Path.IsPathFullyQualified(xdg) ? xdg
                : environment.Read("HOME") is { } home && Path.IsPathFullyQualified(home) ? Path.Combine(home, ".cache")
                : null;
            return root is null ? null : Path.Combine(root, FolderName);
        }
    }

    public string? PathOf(string key) =>
        Folder is { } folder ? Path.Combine(folder, $"resources-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}.json") : null;

    /// <summary>The listing kept for this key, or null (none, unreadable, foreign, another identity's, or failing a check).</summary>
    /// <param name="identity">Who is signed in now, when known: a listing made as someone else is not shown.</param>
    public async Task<StoredListing?> ReadAsync(string key, AzureCloud cloud, IdentityInfo? identity, CancellationToken cancellationToken)
    {
        if (PathOf(key) is not { } path || FileProbe.Lstat(path) != FileKind.Regular) return null;
        var read = await BoundedTextFile.ReadAsync(path, cancellationToken);
        if (read.Content is not { } content)
        {
            if (read.Problem is { } problem) Log.ListingSkipped(logger, path, problem);
            return null;
        }

        StoredListing? stored;
        try
        {
            stored = JsonSerializer.Deserialize(content.Text, ListingStoreJsonContext.Default.StoredListing);
        }
        catch (JsonException)
        {
            Log.ListingSkipped(logger, path, "is not a listing: not read.");
            return null;
        }

        if (stored is null || stored.Version != Version || stored.Key != key || stored.Result?.Resources is null || stored.Result.Errors is null)
        {
            Log.ListingSkipped(logger, path, "is not a listing of this version and key: not read.");
            return null;
        }

        if (identity is not null && (stored.TenantId != identity.TenantId || stored.ObjectId != identity.ObjectId))
        {
            Log.ListingSkipped(logger, path, "was listed as another identity: not shown.");
            return null;
        }

        if (Problem(stored.Result, cloud) is { } untrusted)
        {
            Log.ListingUntrusted(logger, path, untrusted);
            return null;
        }

        return stored;
    }

    /// <summary>Keeps a listing (replacing the last one for the key); a failure is logged, never thrown.</summary>
    public async Task WriteAsync(string key, IdentityInfo? identity, ResourcesResult result, CancellationToken cancellationToken)
    {
        if (Folder is not { } folder || PathOf(key) is not { } path) return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new StoredListing(Version, key, identity?.TenantId, identity?.ObjectId, result.ListedAt ?? DateTimeOffset.UtcNow, result with { Stale = false }),
            ListingStoreJsonContext.Default.StoredListing);
        if (bytes.Length > BoundedTextFile.MaxBytes) return; // could not be read back
        var temp = Path.Combine(folder, $".resources.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            if (!EnsureFolder(folder)) return;
            await using (var stream = Platforms.PrivateFile.CreateNew(temp, isPrivate: true, Private))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true); // a rename replaces a link there, it never writes through it
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ListingNotKept(logger, path, e.Message);
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing was made, or the folder went away.
            }
        }
    }

    /// <summary>The folder, made 0700 when missing; false when something else than a folder (a symlink) has its name.</summary>
    private bool EnsureFolder(string folder)
    {
        switch (FileProbe.Lstat(folder))
        {
            case FileKind.Directory:
                return true;
            case FileKind.Missing:
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, PrivateFolder);
                return true;
            default:
                Log.ListingNotKept(logger, folder, "it is not a folder");
                return false;
        }
    }

    /// <summary>What in a kept listing would not pass the checks a fresh one passes (a tampered file); null when all does.</summary>
    private static string? Problem(ResourcesResult result, AzureCloud cloud)
    {
        foreach (var resource in result.Resources)
        {
            if (resource?.Name is null || resource.Deployments is null || resource.Id is null) return "a malformed resource";
            if (resource.Problem is not null) continue; // listed, never used
            if (!TrustedValues.IsAccountName(resource.Name)) return $"the account name {TrustedValues.Show(resource.Name)}";
            if (resource.Endpoint is { } endpoint && cloud.Foundry.Problem(endpoint) is not null)
            {
                return $"the endpoint {TrustedValues.Show(endpoint)}";
            }

            foreach (var deployment in resource.Deployments)
            {
                if (deployment?.Name is null) return "a malformed deployment";
                if (deployment.Problem is null && ResourceDiscovery.DeploymentProblem(deployment.Name) is not null)
                {
                    return $"the deployment name {TrustedValues.Show(deployment.Name)}";
                }
            }
        }

        return null;
    }
}
