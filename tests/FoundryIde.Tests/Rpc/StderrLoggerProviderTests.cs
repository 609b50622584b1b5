using FoundryIde.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Tests.Rpc;

/// <summary>The sidecar's log lines: one per entry, the simple console logger's single-line format.</summary>
[TestClass]
public sealed class StderrLoggerProviderTests
{
    private static readonly string[] ConsoleLabels = ["trce:", "dbug:", "info:", "fail:", "crit:"];

    [TestMethod]
    public void Log_MessageAndException_OneLineWithTimeLevelCategoryAndEventId()
    {
        using var output = new StringWriter();
        using var provider = new StderrLoggerProvider(output);
        var logger = provider.CreateLogger("FoundryIde.Test");

        logger.Log(LogLevel.Warning, new EventId(42), "first\nsecond", new InvalidOperationException("boom\nmore"), (s, _) => s);

        var line = output.ToString();
        Assert.EndsWith("\n", line);
        Assert.AreEqual(1, line.Count(c => c == '\n'), line);
        Assert.MatchesRegex(@"^\d\d:\d\d:\d\d\.\d{3} warn: FoundryIde\.Test\[42\] first second System\.InvalidOperationException: boom more\n$", line);
    }

    [TestMethod]
    public void Log_EachLevel_HasTheConsoleLoggersLabel()
    {
        using var output = new StringWriter();
        using var provider = new StderrLoggerProvider(output);
        var logger = provider.CreateLogger("c");

        foreach (var level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Error, LogLevel.Critical })
        {
            logger.Log(level, default, "m", null, (s, _) => s);
        }

        var labels = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToArray();
        CollectionAssert.AreEqual(ConsoleLabels, labels);
    }
}
