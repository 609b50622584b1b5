using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FoundryIde.Server.Credentials;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// Runs one in-memory JSON-RPC session (an `initialize` request through the same handler, formatter and JsonRpc
/// the sidecar uses, against a stand-in target) on a thread of its own while the main thread builds the host.
/// In NativeAOT the first session pays for StreamJsonRpc's reflection over the contract, the generic types the
/// type loader builds at run time and the first JSON (de)serialization: done here, on the second core, the real
/// `initialize` finds them ready (bench/results.md). Nothing here touches stdin, stdout or any service.
/// </summary>
public static class RpcWarmup
{
    private static readonly byte[] Request =
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"clientName":"warm-up"}}""");

    public static Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "rpc warm-up" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        try
        {
            RunAsync().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // a warm-up that fails only leaves the real session to do the work itself
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task RunAsync()
    {
        var toServer = new Pipe();
        var fromServer = new Pipe();
        var redactor = new SecretRedactor(new EmptyEnvironment());
        using (var rpc = RpcConnection.Attach(fromServer.Writer.AsStream(), toServer.Reader.AsStream(), new StandIn(), redactor, NullLogger.Instance))
        {
            var frame = Encoding.ASCII.GetBytes($"Content-Length: {Request.Length}\r\n\r\n");
            await toServer.Writer.WriteAsync(frame);
            await toServer.Writer.WriteAsync(Request);
            while (true)
            {
                // Wait for the whole answer: the serialization of the result is part of what is warmed up.
                var read = await fromServer.Reader.ReadAsync();
                var done = read.IsCompleted || IsCompleteFrame(read.Buffer.ToArray());
                fromServer.Reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                if (done) break;
            }

            await toServer.Writer.CompleteAsync();
            await rpc.Completion;
        }
    }

    private static bool IsCompleteFrame(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        const string name = "Content-Length:";
        var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        return end > at && at >= 0
            && int.TryParse(text.AsSpan(at + name.Length, end - at - name.Length).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var length)
            && bytes.Length >= end + 4 + length;
    }

    private sealed class EmptyEnvironment : IEnvironmentReader
    {
        public string? Read(string name) => null;
    }

    /// <summary>Answers `initialize` as the real target does; nothing else is ever called.</summary>
    private sealed class StandIn : IFoundryRpc
    {
        public Task<InitializeResult> InitializeAsync(InitializeParams? request = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new InitializeResult("foundry-ide", FoundryRpcServer.Version,
                new ServerCapabilities(RpcMethods.All, BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes)));

        public Task<PingResult> PingAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task ShutdownAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public void OnExit() => throw new NotSupportedException();

        public void OnSetLogLevel(LogLevelParams request) => throw new NotSupportedException();
        public Task<DoctorReport> RunDoctorAsync(DoctorParams? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<EffectiveConfig> GetEffectiveConfigAsync(EffectiveConfigParams? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task UpdateSettingsAsync(CloudSettings? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<EnvResult> GenerateEnvAsync(EnvParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ApplyResult> ApplyAsync(ApplyParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ResourcesResult> ListResourcesAsync(ResourcesParams? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<TenantsResult> ListTenantsAsync(TenantsParams? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RegionsResult> ListRegionsAsync(RegionsParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SubscriptionsResult> ListSubscriptionsAsync(SubscriptionsParams? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ConnectionTestReport> TestConnectionAsync(ConnectionTestParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DeployResult> PlanDeployAsync(DeployParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DeployResult> ApplyDeployAsync(DeployParams request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
