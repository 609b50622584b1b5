namespace FoundryIde.Emulator;

/// <summary>One request the emulator served. Never holds a secret, key or token.</summary>
public sealed class RequestLogEntry
{
    public const string ClientHeader = "x-foundryide-test-client";

    public DateTimeOffset Timestamp { get; set; }
    public string Method { get; set; } = "";
    public string Host { get; set; } = "";

    /// <summary>Path plus query string.</summary>
    public string Path { get; set; } = "";

    /// <summary>"bearer", "key", "none", or for token endpoints "client_secret", "client_assertion", "identity_header", "metadata".</summary>
    public string AuthKind { get; set; } = "none";

    /// <summary>Object id of the caller when known (token holder or token requester).</summary>
    public string? PrincipalId { get; set; }

    /// <summary>0 when the connection was dropped without a response.</summary>
    public int StatusCode { get; set; }
    public double DurationMs { get; set; }

    /// <summary>The fault rule applied, e.g. "status:429" or "latency:500ms"; null if none.</summary>
    public string? Fault { get; set; }

    /// <summary>The deployment named by an Anthropic request's "model", when there was one.</summary>
    public string? Deployment { get; set; }

    /// <summary>The account an Anthropic or ARM request addressed, when known.</summary>
    public string? Account { get; set; }

    /// <summary>The audience of the token issued or presented, when there was one.</summary>
    public string? Audience { get; set; }

    /// <summary>Non-secret detail, e.g. the form field names and scope/resource of a token request.</summary>
    public string? Detail { get; set; }

    /// <summary>
    /// The <c>x-foundryide-test-client</c> header: tests that share an emulator give each client run its own value
    /// (Claude Code sends it from ANTHROPIC_CUSTOM_HEADERS), so they find their own requests among the others'.
    /// </summary>
    public string? Client { get; set; }

    /// <summary>For an Anthropic Messages request: the parts of its body and headers that say what the client asked of the model.</summary>
    public MessagesBody? Messages { get; set; }

    public override string ToString() =>
        $"{Method} {Host}{Path} -> {StatusCode} auth={AuthKind} principal={PrincipalId ?? "-"}{(Fault is null ? "" : " fault=" + Fault)}";
}

/// <summary>
/// What a Messages request asked of the model: its <c>model</c>, <c>thinking</c>, <c>output_config</c> (where effort
/// goes), <c>temperature</c> as compact JSON (null when absent), its top-level keys and its <c>anthropic-beta</c> list.
/// </summary>
public sealed class MessagesBody
{
    public string? Model { get; set; }
    public string? Thinking { get; set; }
    public string? OutputConfig { get; set; }
    public string? Temperature { get; set; }
    public List<string> Keys { get; set; } = [];
    public List<string> Betas { get; set; } = [];

    public override string ToString() =>
        $"model={Model} thinking={Thinking ?? "-"} output_config={OutputConfig ?? "-"} temperature={Temperature ?? "-"} betas=[{string.Join(',', Betas)}]";
}

/// <summary>Thread-safe log of the requests served (the /_emulator/ admin calls are not logged).</summary>
public sealed class RequestLog
{
    private readonly List<RequestLogEntry> _entries = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A copy of the entries, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    /// <summary>Entries whose path contains <paramref name="pathFragment"/> (case-insensitive).</summary>
    public IReadOnlyList<RequestLogEntry> Matching(string pathFragment) =>
        [.. Snapshot().Where(e => e.Path.Contains(pathFragment, StringComparison.OrdinalIgnoreCase))];

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
