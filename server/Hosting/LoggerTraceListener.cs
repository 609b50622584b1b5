using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>Routes StreamJsonRpc's TraceSource into our log (stderr), at matching levels.</summary>
public sealed class LoggerTraceListener(ILogger logger) : TraceListener
{
    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        var level = Level(eventType);
        if (message is not null) Log.RpcTrace(logger, level, message);
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args)
    {
        if (format is null) return;
        var level = Level(eventType);
        if (!logger.IsEnabled(level)) return;
        var message = args is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args) : format;
        Log.RpcTrace(logger, level, message);
    }

    private static LogLevel Level(TraceEventType type) => type switch
    {
        TraceEventType.Critical => LogLevel.Critical,
        TraceEventType.Error => LogLevel.Error,
        TraceEventType.Warning => LogLevel.Warning,
        TraceEventType.Information => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
