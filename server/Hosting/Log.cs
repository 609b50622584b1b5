using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>Source-generated log messages: cheap when the level is off, no boxing, AOT-safe.</summary>
public static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "foundry-ide {Version} serving JSON-RPC on stdio")]
    public static partial void Serving(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} failed: {Code} {Message}")]
    public static partial void ExpectedFailure(ILogger logger, string method, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly: {Exception}")]
    public static partial void UnexpectedFailure(ILogger logger, string method, string exception);

    [LoggerMessage(Message = "rpc: {Message}")]
    public static partial void RpcTrace(ILogger logger, LogLevel level, string message);
}
