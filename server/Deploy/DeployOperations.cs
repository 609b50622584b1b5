using System.Text.Json.Serialization.Metadata;
using Azure;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Hosting;

namespace FoundryIde.Server.Deploy;

/// <summary>Deploy's operation still running past <see cref="DeployOperations.Deadline"/>: Azure goes on with it.</summary>
public sealed class StillRunningException(string message) : TimeoutException(message);

/// <summary>
/// Waiting for what a write started: its operation (Azure-AsyncOperation, or the Location of a 202) followed to its end,
/// then the resource's own provisioningState until it is final. Throttling and server errors while polling are waited
/// out (Retry-After) within the deadline; they say nothing of the operation.
/// </summary>
public static class DeployOperations
{
    public static TimeSpan Deadline { get; } = Deadlines.Read("FOUNDRYIDE_DEPLOY_OPERATION_SECONDS", 1800);

    /// <summary>Follows a write's operation to its end; null when it succeeded (or there is none), else Azure's error.</summary>
    public static async Task<ArmErrorDetail?> FollowAsync<T>(
        CognitiveServicesClient rest, WriteResult<T> write, string what, Action<string> progress, CancellationToken cancellationToken)
    {
        if (write.Operation is not { } operation) return null;
        var started = DateTimeOffset.UtcNow;
        var wait = write.RetryAfter;
        while (true)
        {
            await Task.Delay(Clamp(wait), cancellationToken);
            var (status, next) = await PollOrWaitAsync<OperationStatus>(async ct => await rest.PollAsync(operation, write.ByLocation, ct), cancellationToken);
            var elapsed = DateTimeOffset.UtcNow - started;
            switch (status?.Status)
            {
                case "Succeeded":
                    progress($"{what}: Succeeded after {elapsed.TotalSeconds:0} s");
                    return null;
                case var s when EndedBadly(s):
                    return status!.Error ?? new ArmErrorDetail(s, $"{what}: the operation ended {s}.");
            }

            StillRunning(what, status is null ? Unanswered(next) : TrustedValues.PlainWord(status.Status, "InProgress"), elapsed, progress);
            wait = next.Wait;
        }
    }

    /// <summary>
    /// The resource once its provisioningState is final: Accepted, Creating, ResolvingDNS ..., then Succeeded (the
    /// resource returned), or Failed or Canceled (returned as the failure). Null when it is gone (404).
    /// </summary>
    public static async Task<(T? Resource, ArmErrorDetail? Failure)> SettleAsync<T>(
        CognitiveServicesClient rest, string path, string apiVersion, JsonTypeInfo<T> typeInfo, Func<T, string?> stateOf, string what,
        Action<string> progress, CancellationToken cancellationToken)
        where T : class
    {
        var started = DateTimeOffset.UtcNow;
        for (var poll = 1; ; poll++)
        {
            var (resource, next) = await PollOrWaitAsync(async ct => (await rest.GetOrNullAsync(path, apiVersion, typeInfo, ct), (TimeSpan?)null), cancellationToken);
            var unanswered = next.Status is not null;
            var state = resource is null ? null : stateOf(resource);
            if (!unanswered && (state is null or "Succeeded")) return (resource, null);
            var shown = unanswered ? Unanswered(next) : TrustedValues.PlainWord(state, "in an unknown state");
            if (!unanswered && EndedBadly(state)) return (resource, new ArmErrorDetail(shown, $"Azure reports {what} as {shown}."));
            StillRunning(what, shown, DateTimeOffset.UtcNow - started, progress);
            await Task.Delay(next.Wait is { } w ? Clamp(w) : TimeSpan.FromSeconds(Math.Min(poll, 5)), cancellationToken);
        }
    }

    /// <summary>An operation's or a resource's final state other than Succeeded.</summary>
    public static bool EndedBadly(string? state) => state is "Failed" or "Canceled" or "Cancelled";

    /// <summary>One poll; a throttled or failed answer (408, 429, 5xx, no connection) becomes the wait it asks for instead.</summary>
    private static async Task<(TResult? Value, (int? Status, TimeSpan? Wait) Next)> PollOrWaitAsync<TResult>(
        Func<CancellationToken, Task<(TResult? Value, TimeSpan? RetryAfter)>> poll, CancellationToken cancellationToken)
    {
        try
        {
            var (value, retryAfter) = await ArmGate.WithDeadlineAsync(poll, cancellationToken);
            return (value, (null, retryAfter));
        }
        catch (Exception e) when (ArmFailures.LastTry(e) is RequestFailedException { Status: 0 or 408 or 429 or >= 500 } r)
        {
            return (default, (r.Status, r.GetRawResponse() is { } response ? RetryAfter.Of(response) : null));
        }
    }

    private static string Unanswered((int? Status, TimeSpan? Wait) next) =>
        next.Status is 0 ? "no answer from Azure, asking again" : $"Azure answered {next.Status}, asking again";

    /// <summary>Progress while Azure works; past <see cref="Deadline"/>, the timeout that says Azure goes on with it.</summary>
    private static void StillRunning(string what, string state, TimeSpan elapsed, Action<string> progress)
    {
        progress($"{what}: {state} ({elapsed.TotalSeconds:0} s)");
        if (elapsed > Deadline)
        {
            throw new StillRunningException($"{what}: still {state} after {Minutes(Deadline)}; Azure goes on with it. Run deploy again later.");
        }
    }

    /// <summary>A bound as people say it: "90 s", "15 minutes".</summary>
    public static string Minutes(TimeSpan bound) =>
        bound < TimeSpan.FromMinutes(2) ? $"{bound.TotalSeconds:0} s" : $"{bound.TotalMinutes:0} minutes";

    /// <summary>Retry-After when Azure gives one (at most 30 s), else 2 s.</summary>
    private static TimeSpan Clamp(TimeSpan? wait) =>
        wait is { } w ? TimeSpan.FromSeconds(Math.Clamp(w.TotalSeconds, 0, 30)) : TimeSpan.FromSeconds(2);
}
