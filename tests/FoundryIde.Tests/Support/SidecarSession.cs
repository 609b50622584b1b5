using System.Diagnostics;
using System.Text;
using FoundryIde.Server.Rpc;
using StreamJsonRpc;

namespace FoundryIde.Tests.Support;

/// <summary>A running `foundry-ide serve` and a JSON-RPC client on its stdio, through the shared contract.</summary>
internal sealed class SidecarSession : IAsyncDisposable
{
    private readonly StringBuilder _stderr = new();

    private SidecarSession(Process process, JsonRpc rpc)
    {
        Process = process;
        Rpc = rpc;
        Server = new FoundryRpcClient(rpc);
    }

    public Process Process { get; }

    public JsonRpc Rpc { get; }

    public IFoundryRpc Server { get; }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static SidecarSession Start(
        IReadOnlyDictionary<string, string> environment, Action<JsonRpc>? beforeListening = null, string? workingDirectory = null)
    {
        var process = Sidecar.Start("serve", environment, workingDirectory);
        var handler = new HeaderDelimitedMessageHandler(
            process.StandardInput.BaseStream, process.StandardOutput.BaseStream, RpcConnection.CreateFormatter());
        var session = new SidecarSession(process, new JsonRpc(handler));
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (session._stderr) session._stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        beforeListening?.Invoke(session.Rpc);
        session.Rpc.StartListening();
        return session;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose(); // closes the child's stdin: the sidecar then ends by itself
        if (!Process.HasExited && !await WaitForExitAsync(TimeSpan.FromSeconds(5))) Process.Kill(entireProcessTree: true);

        Process.Dispose();
    }
}
