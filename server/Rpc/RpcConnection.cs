using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Credentials;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace FoundryIde.Server.Rpc;

/// <summary>The one place where a pair of streams becomes the JSON-RPC channel.</summary>
public static class RpcConnection
{
    /// <summary>The contract's methods, read once from the interface.</summary>
    private static readonly RpcTargetMetadata TargetMetadata = ReadTargetMetadata();

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification =
        "The generics it closes at run time are Task<T> over reference types (records), whose shared code AOT has.")]
    private static RpcTargetMetadata ReadTargetMetadata() => RpcTargetMetadata.FromInterface(typeof(IFoundryRpc));

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification =
        "Every type on the wire is in FoundryJsonContext, inserted first; tests run with reflection-based JSON off.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As above: source-generated JSON only.")]
    public static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, FoundryJsonContext.Default);
        formatter.JsonSerializerOptions.Converters.Add(new SerializedOnceConverter());
        return formatter;
    }

    public static FoundryJsonRpc Attach(
        Stream output, Stream input, IFoundryRpc target, SecretRedactor redactor, ILogger logger, ClientNotifier? notifier = null,
        Action? afterFirstAnswer = null)
    {
        var handler = new BoundedHeaderDelimitedMessageHandler(output, input, CreateFormatter(),
            BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes, afterFirstAnswer);
        var rpc = new FoundryJsonRpc(handler, redactor, logger);
        rpc.TraceSource = new TraceSource("StreamJsonRpc");
        FollowLogLevel(rpc.TraceSource, logger);
        rpc.TraceSource.Listeners.Clear();
        rpc.TraceSource.Listeners.Add(new LoggerTraceListener(logger));
        rpc.AddLocalRpcTarget(TargetMetadata, target, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        notifier?.Attach(rpc);
        rpc.StartListening();
        return rpc;
    }

    /// <summary>StreamJsonRpc traces only what the logger would write (whole messages at Trace): call again when the level changes.</summary>
    public static void FollowLogLevel(TraceSource trace, ILogger logger) =>
        trace.Switch.Level = logger.IsEnabled(LogLevel.Trace) ? SourceLevels.All
            : logger.IsEnabled(LogLevel.Debug) ? SourceLevels.Information
            : SourceLevels.Warning | SourceLevels.ActivityTracing;
}
