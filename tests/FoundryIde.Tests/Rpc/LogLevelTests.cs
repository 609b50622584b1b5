using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Rpc;

/// <summary>The sidecar's log level follows `log/setLevel` while it runs (the editor sends its output channel's level).</summary>
[TestClass]
[TestCategory(TestCategories.Process)]
public sealed class LogLevelTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SetLogLevel_TraceThenWarning_WholeMessagesLoggedOnlyInBetween()
    {
        var env = TestAzure.CleanEnvironment();
        env[FoundryServices.LogLevelVariable] = "Warning";
        await using var session = SidecarSession.Start(env);
        await session.Server.PingAsync(TestContext.CancellationToken);
        var quiet = session.Stderr;

        // A notification is applied when it is dispatched, which may come after the next request was read: ping until
        // a ping is traced (bounded), then back at Warning, give it the same time before the ping that must not be.
        session.Server.OnSetLogLevel(new LogLevelParams("Trace"));
        var traced = "";
        for (var i = 0; i < 50 && Pings(traced) == 0; i++)
        {
            await session.Server.PingAsync(TestContext.CancellationToken);
            await Task.Delay(100, TestContext.CancellationToken);
            traced = session.Stderr;
        }

        session.Server.OnSetLogLevel(new LogLevelParams("Warning"));
        await Task.Delay(1000, TestContext.CancellationToken);
        var before = session.Stderr;
        await session.Server.PingAsync(TestContext.CancellationToken);
        await Task.Delay(300, TestContext.CancellationToken);
        var after = session.Stderr;
        session.Server.OnSetLogLevel(new LogLevelParams("Loud"));
        var ignored = await session.Server.PingAsync(TestContext.CancellationToken);

        Assert.DoesNotContain("trce:", quiet, "nothing below Warning at first");
        StringAssert.Contains(traced, "trce:", "whole messages at Trace");
        Assert.AreEqual(Pings(before), Pings(after), "the ping after Warning was not traced: " + after[before.Length..]);
        Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTimeOffset.UtcNow - ignored.Time).Duration(), "an unknown level is ignored, the session goes on");
    }

    private static int Pings(string log) => log.Split("\"method\":\"ping\"").Length - 1;
}
