using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Logs on stderr, one line per entry, in the format the simple console logger's single-line mode used:
/// <c>HH:mm:ss.fff info: Category[EventId] message exception</c>. Written synchronously under a lock: the sidecar
/// logs a few lines per session, and the console logger it replaces cost the start path a queue thread and about
/// twenty generic option types that NativeAOT builds at run time (see bench/results.md).
/// </summary>
public sealed class StderrLoggerProvider(TextWriter? output = null, LogLevelSwitch? levels = null) : ILoggerProvider
{
    private readonly TextWriter _output = output ?? Console.Error;
    private readonly LogLevelSwitch _levels = levels ?? new LogLevelSwitch(LogLevel.Trace);
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _output.Write(line);
            _output.Flush();
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider._levels.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null) return;
            var line = new StringBuilder(64 + message.Length);
            line.Append(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture))
                .Append(Label(logLevel)).Append(": ").Append(category)
                .Append('[').Append(eventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ")
                .Append(message.ReplaceLineEndings(" "));
            if (exception is not null) line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
            line.Append('\n');
            provider.Write(line.ToString());
        }
    }
}
