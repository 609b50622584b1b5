using System.Reflection;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Hosting;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// JsonRpc that sends expected failures as their stable code and message, and unexpected ones as a plain
/// internal error: never a stack trace, never a secret (the full exception goes to the log on stderr).
/// </summary>
public sealed class FoundryJsonRpc(IJsonRpcMessageHandler handler, SecretRedactor redactor, ILogger logger)
    : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var e = Unwrap(exception);
        switch (e)
        {
            case FoundryException expected:
                var message = redactor.Redact(expected.Message);
                var code = expected.Code.ToString();
                Log.ExpectedFailure(logger, request.Method ?? "?", code, message);
                return new JsonRpcError.ErrorDetail
                {
                    Code = (JsonRpcErrorCode)(int)expected.Code,
                    Message = message,
                    Data = new RpcErrorData(code),
                };
            case OperationCanceledException:
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.RequestCanceled,
                    Message = "The request was cancelled.",
                };
            case System.Text.Json.JsonException json:
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.InvalidParams,
                    Message = $"Invalid params for {request.Method}: {redactor.Redact(json.Message)}",
                };
            case LocalRpcException local:
                return new JsonRpcError.ErrorDetail
                {
                    Code = (JsonRpcErrorCode)local.ErrorCode,
                    Message = redactor.Redact(local.Message),
                };
            default:
                var details = redactor.Redact(e.ToString());
                Log.UnexpectedFailure(logger, request.Method ?? "?", details);
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.InternalError,
                    Message = $"Internal error in foundry-ide ({e.GetType().Name}): {redactor.Redact(e.Message)} See the sidecar log for details.",
                };
        }
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };
}
