using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using FoundryIde.Server.Cloud;

namespace FoundryIde.Server.Discovery;

/// <summary>
/// The Azure.Core pipeline settings every ARM call uses: bearer auth for ARM's scope, a per-try network timeout,
/// and retries on 408/429/5xx that honour Retry-After, up to <see cref="ArmRetryPolicy.MaxServerDelay"/>.
/// </summary>
public static class ArmPipeline
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(30);

    public static HttpPipeline Create(TokenCredential credential, AzureCloud cloud) =>
        HttpPipelineBuilder.Build(Configure(new ArmRestOptions(), cloud), new BearerTokenAuthenticationPolicy(credential, cloud.ArmScope));

    public static ArmClient CreateArmClient(TokenCredential credential, AzureCloud cloud) =>
        new(credential, defaultSubscriptionId: null, Configure(new ArmClientOptions { Environment = cloud.Environment }, cloud));

    private static T Configure<T>(T options, AzureCloud cloud)
        where T : ClientOptions
    {
        options.AddPolicy(new ArmHostGuard(cloud.ArmEndpoint), HttpPipelinePosition.BeforeTransport);
        options.Transport = ArmTransport.Shared;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.RetryPolicy = new ArmRetryPolicy();
        options.Diagnostics.IsTelemetryEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsLoggingEnabled = false;
        return options;
    }

    private sealed class ArmRestOptions : ClientOptions;
}

/// <summary>
/// Azure.Core's retry policy (exponential back-off, Retry-After honoured) that gives up when the server asks for
/// a longer wait than <see cref="MaxServerDelay"/>: a listing must not hang for minutes; the caller reports
/// "throttled, retry after N s" instead.
/// </summary>
public sealed class ArmRetryPolicy() : RetryPolicy(maxRetries: 3, DelayStrategy.CreateExponentialDelayStrategy(
    TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8)))
{
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(10);

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && !AsksToWaitTooLong(message);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception) && !AsksToWaitTooLong(message);

    private static bool AsksToWaitTooLong(HttpMessage message) =>
        message.HasResponse && RetryAfter.Of(message.Response) is { } wait && wait > MaxServerDelay;
}

public static class RetryAfter
{
    /// <summary>The wait a response asks for: retry-after-ms, x-ms-retry-after-ms, or Retry-After (seconds or a date).</summary>
    public static TimeSpan? Of(Response response)
    {
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(name, out var ms) && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var m))
            {
                return TimeSpan.FromMilliseconds(m);
            }
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value)) return null;
        if (int.TryParse(value, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }
}
