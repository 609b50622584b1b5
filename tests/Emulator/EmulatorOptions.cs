namespace FoundryIde.Emulator;

/// <summary>Knobs of one emulator instance.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Lifetime of every issued access token (default one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Page size of every ARM list; further pages come through nextLink with a $skipToken.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// When true, accounts report https://127.0.0.1:PORT/accounts/{customSubDomain}/ as their "AI Foundry API"
    /// endpoint; otherwise the canonical public host names (map them to 127.0.0.1 with a private hosts file).
    /// </summary>
    public bool LoopbackEndpoints { get; set; }

    /// <summary>The IDENTITY_HEADER secret for the App Service managed identity endpoint; null makes a random one.</summary>
    public string? ManagedIdentityHeader { get; set; }

    /// <summary>Clock for token issue and expiry checks (tests can pass their own to expire tokens).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Delay between SSE events of a streamed Anthropic reply.</summary>
    public TimeSpan StreamEventDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Added to every ARM request (management routes and Resource Graph; not Entra, managed identity, admin or Foundry
    /// data plane) before it is authenticated. Read per request, so a test may change it while the emulator runs.
    /// Requests wait independently: N concurrent calls take about one latency in total, not N.
    /// </summary>
    public TimeSpan ArmLatency { get; set; } = TimeSpan.Zero;
}
