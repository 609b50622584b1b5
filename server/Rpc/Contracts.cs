namespace FoundryIde.Server.Rpc;

public sealed record InitializeParams(string? ClientName = null, string? ClientVersion = null);

public sealed record InitializeResult(string ServerName, string ServerVersion, ServerCapabilities Capabilities);

public sealed record ServerCapabilities(IReadOnlyList<string> Methods, int MaxMessageBytes);

public sealed record PingResult(DateTimeOffset Time);

public sealed record DoctorParams(double? ProbeTimeoutSeconds = null);

/// <summary>Whether a variable is set; its value is never carried.</summary>
public sealed record SecretPresence(bool Set);

/// <summary>One link of the credential chain Claude Code uses, as probed here.</summary>
public sealed record CredentialLinkReport(string Name, string Status, string Detail, string? Fix);

public sealed record IdentityInfo(string? TenantId, string? ObjectId, string? Name);

public sealed record DoctorReport(
    SecretPresence ApiKey,
    SecretPresence AuthToken,
    IReadOnlyList<CredentialLinkReport> Links,
    string? Selected,
    IdentityInfo? Identity,
    string Summary,
    IReadOnlyList<string> Problems)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WouldAuthenticate => Selected is not null;
}

/// <summary>The status words of <see cref="CredentialLinkReport.Status"/>.</summary>
public static class LinkStatus
{
    public const string Ok = "ok";
    public const string Unavailable = "unavailable";
    public const string Failed = "failed";
}
