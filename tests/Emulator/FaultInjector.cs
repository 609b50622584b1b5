using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace FoundryIde.Emulator;

/// <summary>What a fault rule does to a matching request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultAction>))]
public enum FaultAction
{
    /// <summary>Waits <see cref="FaultRule.DelayMs"/>, then handles the request normally.</summary>
    Latency,

    /// <summary>Answers <see cref="FaultRule.StatusCode"/> with an Azure-shaped error body (after DelayMs, if set).</summary>
    Status,

    /// <summary>Aborts the connection without a response (after DelayMs, if set).</summary>
    Drop,

    /// <summary>Handles the request normally but trickles the response body: ChunkBytes every ChunkDelayMs.</summary>
    SlowBody,

    /// <summary>
    /// Handles the request normally but stalls mid-body: the status, headers and the first StallAfterBytes bytes of the
    /// body go out, then nothing more until the client gives up (the connection stays open).
    /// </summary>
    StallBody,
}

/// <summary>A fault: which requests it matches, what it does, and how many times.</summary>
public sealed class FaultRule
{
    /// <summary>Assigned by <see cref="FaultInjector.Add"/>.</summary>
    public string? Id { get; set; }

    /// <summary>HTTP method to match (any when null).</summary>
    public string? Method { get; set; }

    /// <summary>Substring of path+query to match, case-insensitive (any when null).</summary>
    public string? PathContains { get; set; }

    /// <summary>Regular expression over path+query (any when null).</summary>
    public string? PathRegex { get; set; }

    /// <summary>Host (without port) to match, case-insensitive (any when null).</summary>
    public string? Host { get; set; }

    /// <summary>Apply to the next N matching requests, then expire; null applies always.</summary>
    public int? Count { get; set; }

    public FaultAction Action { get; set; } = FaultAction.Status;

    public int DelayMs { get; set; }
    public int StatusCode { get; set; } = 503;

    /// <summary>Retry-After header value in seconds (sent with any status; defaults to 1 for 429).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Error code in the body (default chosen from the status).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Error message in the body (default chosen from the status).</summary>
    public string? ErrorMessage { get; set; }

    public int ChunkBytes { get; set; } = 16;
    public int ChunkDelayMs { get; set; } = 100;

    /// <summary>For <see cref="FaultAction.StallBody"/>: how much of the body is sent before the stall.</summary>
    public int StallAfterBytes { get; set; } = 64;

    public static FaultRule Status(int statusCode, string? pathContains = null, int? count = null, int? retryAfterSeconds = null) =>
        new() { Action = FaultAction.Status, StatusCode = statusCode, PathContains = pathContains, Count = count, RetryAfterSeconds = retryAfterSeconds };

    public static FaultRule Latency(int delayMs, string? pathContains = null, int? count = null) =>
        new() { Action = FaultAction.Latency, DelayMs = delayMs, PathContains = pathContains, Count = count };

    public static FaultRule Drop(string? pathContains = null, int? count = null) =>
        new() { Action = FaultAction.Drop, PathContains = pathContains, Count = count };

    public static FaultRule SlowBody(int chunkBytes, int chunkDelayMs, string? pathContains = null, int? count = null) =>
        new() { Action = FaultAction.SlowBody, ChunkBytes = chunkBytes, ChunkDelayMs = chunkDelayMs, PathContains = pathContains, Count = count };

    public static FaultRule StallBody(int afterBytes, string? pathContains = null, int? count = null) =>
        new() { Action = FaultAction.StallBody, StallAfterBytes = afterBytes, PathContains = pathContains, Count = count };

    /// <summary>A short label for the request log.</summary>
    public string Describe() => Action switch
    {
        FaultAction.Latency => $"latency:{DelayMs}ms",
        FaultAction.Status => $"status:{StatusCode}",
        FaultAction.Drop => "drop",
        FaultAction.SlowBody => $"slowbody:{ChunkBytes}b/{ChunkDelayMs}ms",
        FaultAction.StallBody => $"stallbody:after {StallAfterBytes}b",
        _ => Action.ToString(),
    };

    internal bool IsMatch(string method, string host, string pathAndQuery)
    {
        return (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
            && (Host is null || Host.Equals(host, StringComparison.OrdinalIgnoreCase))
            && (PathContains is null || pathAndQuery.Contains(PathContains, StringComparison.OrdinalIgnoreCase))
            && (PathRegex is null || Regex.IsMatch(pathAndQuery, PathRegex, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
    }
}

/// <summary>Thread-safe list of fault rules, consulted (first match wins) before every non-admin request.</summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();
    private int _nextId;

    /// <summary>Adds a rule (validating its regex) and returns it with its id.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.PathRegex is not null)
        {
            _ = new Regex(rule.PathRegex, RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        lock (_gate)
        {
            rule.Id ??= $"fault-{++_nextId}";
            _rules.Add(rule);
            return rule;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Finds the first matching rule and uses up one of its applications.</summary>
    internal FaultRule? Take(string method, string host, string pathAndQuery)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.IsMatch(method, host, pathAndQuery));
            if (rule?.Count is int remaining)
            {
                if (remaining <= 1)
                {
                    _rules.Remove(rule);
                }

                rule.Count = remaining - 1;
            }

            return rule;
        }
    }
}
