using System.Text.Json.Serialization;
using StreamJsonRpc.Protocol;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// Source-generated JSON for everything that crosses the wire or is printed with --json. No reflection: the
/// tests run with reflection disabled so that NativeAOT breakage shows up in ordinary test runs.
/// <see cref="CommonErrorData"/> must stay listed, or StreamJsonRpc's own error responses vanish under AOT, and
/// <see cref="StreamJsonRpc.RequestId"/>, or <c>$/cancelRequest</c> is refused ("arguments do not match").
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(LogLevelParams))]
[JsonSerializable(typeof(DoctorParams))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(FixCommand))]
[JsonSerializable(typeof(CloudSettings))]
[JsonSerializable(typeof(ResourcesParams))]
[JsonSerializable(typeof(ResourcesResult))]
[JsonSerializable(typeof(TenantsParams))]
[JsonSerializable(typeof(TenantsResult))]
[JsonSerializable(typeof(SubscriptionsParams))]
[JsonSerializable(typeof(SubscriptionsResult))]
[JsonSerializable(typeof(RegionsParams))]
[JsonSerializable(typeof(RegionsResult))]
[JsonSerializable(typeof(EffectiveConfigParams))]
[JsonSerializable(typeof(EffectiveConfig))]
[JsonSerializable(typeof(ConnectionTestParams))]
[JsonSerializable(typeof(ConnectionTestReport))]
[JsonSerializable(typeof(EnvParams))]
[JsonSerializable(typeof(EnvResult))]
[JsonSerializable(typeof(ApplyParams))]
[JsonSerializable(typeof(ApplyResult))]
[JsonSerializable(typeof(DeployParams))]
[JsonSerializable(typeof(DeployResult))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(ProgressValue))]
[JsonSerializable(typeof(RpcErrorData))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(StreamJsonRpc.RequestId))] // the params of $/cancelRequest
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
public sealed partial class FoundryJsonContext : JsonSerializerContext;

/// <summary>The <c>data</c> of every FoundryIde JSON-RPC error: the code's stable name.</summary>
public sealed record RpcErrorData(string Kind);
