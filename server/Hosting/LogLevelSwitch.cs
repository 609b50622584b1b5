using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// The sidecar's log level, changed while it runs: FOUNDRYIDE_LOG_LEVEL at start, then `log/setLevel` from the editor
/// (it follows the level of its output channel). The stderr logger and StreamJsonRpc's trace read it.
/// </summary>
public sealed class LogLevelSwitch(LogLevel minimum)
{
    private volatile int _minimum = (int)minimum;

    public event Action<LogLevel>? Changed;

    public LogLevel Minimum
    {
        get => (LogLevel)_minimum;
        set
        {
            _minimum = (int)value;
            Changed?.Invoke(value);
        }
    }

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Minimum;
}
