using StreamJsonRpc;

namespace FoundryIde.Server.Rpc;

/// <summary>Sends notifications to the client of the current session (e.g. `$/progress`).</summary>
public sealed class ClientNotifier
{
    public const string ProgressMethod = "$/progress";

    private JsonRpc? _rpc;

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    /// <summary>A progress sink for a request's progressToken; null when the client gave none.</summary>
    public IProgress<ProgressValue>? ProgressFor(string? token) =>
        token is null || _rpc is null ? null : new Sink(_rpc, token);

    private sealed class Sink(JsonRpc rpc, string token) : IProgress<ProgressValue>
    {
        private static readonly Dictionary<string, Type> Types = new()
        {
            ["token"] = typeof(string),
            ["value"] = typeof(ProgressValue),
        };

        // Named arguments with declared types: trim- and AOT-safe (no reflection over an anonymous object).
        public void Report(ProgressValue value) =>
            _ = rpc.NotifyWithParameterObjectAsync(ProgressMethod, new Dictionary<string, object?> { ["token"] = token, ["value"] = value }, Types);
    }
}
