using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Routes StreamJsonRpc's TraceSource into our log (stderr), at matching levels. At Trace it logs whole messages:
/// secret-bearing params (a key from the editor's secret store, sent as "apiKey") are masked first.
/// </summary>
public sealed partial class LoggerTraceListener(ILogger logger) : TraceListener
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
        if (message is null || !logger.IsEnabled(level)) return;
        var masked = MaskSecrets(message);
        Log.RpcTrace(logger, level, masked);
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args)
    {
        if (format is null) return;
        var level = Level(eventType);
        if (!logger.IsEnabled(level)) return;
        var message = MaskSecrets(args is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args) : format);
        Log.RpcTrace(logger, level, message);
    }

    public static string MaskSecrets(string message) =>
        message.Contains("apiKey", StringComparison.OrdinalIgnoreCase) ? SecretParam().Replace(message, "$1\"***\"") : message;

    [GeneratedRegex(@"(""apiKey""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParam();

    private static LogLevel Level(TraceEventType type) => type switch
    {
        TraceEventType.Critical => LogLevel.Critical,
        TraceEventType.Error => LogLevel.Error,
        TraceEventType.Warning => LogLevel.Warning,
        TraceEventType.Information => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
