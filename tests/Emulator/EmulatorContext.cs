namespace FoundryIde.Emulator;

/// <summary>The services every endpoint group shares.</summary>
internal sealed class EmulatorContext(
    EmulatorState state, EmulatorOptions options, TokenIssuer tokens, RequestLog requests, FaultInjector faults, string identityHeader)
{
    public EmulatorState State { get; } = state;
    public EmulatorOptions Options { get; } = options;
    public TokenIssuer Tokens { get; } = tokens;
    public RequestLog Requests { get; } = requests;
    public FaultInjector Faults { get; } = faults;
    public string IdentityHeader { get; } = identityHeader;

    /// <summary>https://127.0.0.1:PORT/ once Kestrel listens.</summary>
    public Uri BaseUri { get; set; } = new("https://127.0.0.1/");

    /// <summary>The "AI Foundry API" endpoint of an account as ARM reports it.</summary>
    public string FoundryEndpoint(AccountSeed account) => account.FoundryEndpoint ?? (Options.LoopbackEndpoints
        ? $"{BaseUri}accounts/{account.CustomSubDomainName}/"
        : $"https://{account.CustomSubDomainName}.services.ai.azure.com/");
}

/// <summary>What the handlers learned about a request, for the request log.</summary>
internal sealed class RequestNote
{
    public string AuthKind { get; set; } = "none";
    public string? PrincipalId { get; set; }
    public string? Fault { get; set; }
    public string? Deployment { get; set; }
    public string? Account { get; set; }
    public string? Audience { get; set; }
    public string? Detail { get; set; }
    public MessagesBody? Messages { get; set; }
}
