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

    [LoggerMessage(Level = LogLevel.Information, Message = "The kept listing {Path} {Why}")]
    public static partial void ListingSkipped(ILogger logger, string path, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "The kept listing {Path} holds {What}, which fails the trust checks: not read.")]
    public static partial void ListingUntrusted(ILogger logger, string path, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The listing was not kept in {Path}: {Why}")]
    public static partial void ListingNotKept(ILogger logger, string path, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ARM token fetched ahead of the first listing ({Link})")]
    public static partial void TokenPrefetched(ILogger logger, string? link);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No ARM token ahead of the first listing: {Reason}")]
    public static partial void TokenPrefetchFailed(ILogger logger, string reason);
}
