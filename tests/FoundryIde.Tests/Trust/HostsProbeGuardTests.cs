using Azure.Core;
using Azure.Core.Pipeline;
using FoundryIde.Emulator;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Connection;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Tests.Trust;

/// <summary>The Messages probe's last line: where the key is attached, a URL outside the Foundry hosts is refused before the wire.</summary>
[TestClass]
public sealed class HostsProbeGuardTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SendAsync_ForeignUrlPastEveryEarlierCheck_RefusedAndNothingReachesTheHost()
    {
        _ = await HostileArm.EmulatorAsync(); // starts the recorder on evil.example
        var before = ForeignHostRecorder.Shared.Connections.Count;
        var key = new KeyPolicy();
        var probe = new MessagesProbe(MessagesProbe.CreatePipeline(key, FoundryHosts.Public));

        var error = await Assert.ThrowsExactlyAsync<FoundryException>(() =>
            probe.SendAsync(new Uri($"https://{HostileSeed.ForeignHost}:443/anthropic/v1/messages?beta=true"), "sonnet", TestContext.CancellationToken));

        Assert.AreEqual(FoundryErrorCode.UntrustedValue, error.Code);
        StringAssert.Contains(error.Message, "evil.example");
        Assert.AreEqual(1, key.Calls, "the guard runs after the key was attached (the last line before the wire)");
        await Task.Delay(200, TestContext.CancellationToken);
        Assert.AreEqual(before, ForeignHostRecorder.Shared.Connections.Count, "a connection reached the foreign host");
    }

    private sealed class KeyPolicy : HttpPipelineSynchronousPolicy
    {
        public int Calls { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            Calls++;
            message.Request.Headers.SetValue("x-api-key", "canary");
        }
    }
}
