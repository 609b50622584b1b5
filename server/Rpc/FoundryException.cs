namespace FoundryIde.Server.Rpc;

/// <summary>
/// The one exception type for expected failures. Its message is shown to a person as is (so it says what to do),
/// and it travels as a JSON-RPC error with <see cref="Code"/>, never with a stack trace.
/// </summary>
public sealed class FoundryException : Exception
{
    public FoundryException(FoundryErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    public FoundryErrorCode Code { get; }
}
