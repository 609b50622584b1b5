using System.Text;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>The connection test's report for a person at a terminal.</summary>
public static class TestTextRenderer
{
    public static string Render(ConnectionTestReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"Connection test: {report.Resource} at {report.Endpoint}, as Claude Code would authenticate ({Describe(report.Auth)})");
        text.AppendLine();
        var width = report.Results.Count == 0 ? 0 : report.Results.Max(r => r.Deployment.Length);
        foreach (var result in report.Results)
        {
            var ok = result.Status == ConnectionTestStatus.Ok;
            var what = ok ? $"{result.LatencyMs} ms (first byte {result.FirstByteMs} ms)" : result.Detail;
            text.AppendLine($"  {(ok ? "[ok]  " : "[FAIL]")} {result.Family,-6}  {result.Deployment.PadRight(width)}  {what}");
            if (result.Fix is not null) text.AppendLine($"         {new string(' ', 6 + 2 + width)}  fix: {result.Fix}");
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine($"Warning: {warning}");
        }

        text.AppendLine();
        var failed = report.Results.Count(r => r.Status != ConnectionTestStatus.Ok);
        text.Append(report.Passed
            ? $"OK: every deployment answered ({report.Results.Count})."
            : report.Results.Count == 0 ? "NOT OK: nothing to test." : $"NOT OK: {failed} of {report.Results.Count} failed.");
        return text.ToString();
    }

    private static string Describe(string auth) => auth switch
    {
        "ApiKey" => "ANTHROPIC_FOUNDRY_API_KEY, as x-api-key",
        "AuthToken" => "ANTHROPIC_FOUNDRY_AUTH_TOKEN, as a bearer token",
        _ => $"an Entra ID token from {auth}",
    };
}
