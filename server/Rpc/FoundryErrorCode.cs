namespace FoundryIde.Server.Rpc;

/// <summary>
/// Stable JSON-RPC error codes for expected failures. Clients branch on the number; people read the message.
/// Never renumber: add new codes at the end.
/// </summary>
public enum FoundryErrorCode
{
    InvalidInput = 1001,
    NoCredential = 1002,
    AccessDenied = 1003,
    NotFound = 1004,
    Throttled = 1005,
    AzureUnavailable = 1006,
    Timeout = 1007,
    ShuttingDown = 1008,
    MessageTooLarge = 1009,
    FileConflict = 1010,

    /// <summary>A value from Azure (endpoint, id, name) broke the host or naming rules: nothing was sent or written.</summary>
    UntrustedValue = 1011,
}
