using System.Text;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>The doctor's report for a person at a terminal.</summary>
public static class DoctorTextRenderer
{
    public static string Render(DoctorReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("Claude Code on Microsoft Foundry: credential check");
        text.AppendLine();
        text.AppendLine($"  ANTHROPIC_FOUNDRY_AUTH_TOKEN  {(report.AuthToken.Set ? "set (used first)" : "not set")}");
        text.AppendLine($"  ANTHROPIC_FOUNDRY_API_KEY     {(report.ApiKey.Set ? "set" : "not set")}");
        text.AppendLine();
        text.AppendLine("Azure credentials, in the order Claude Code tries them:");
        var width = report.Links.Count == 0 ? 0 : report.Links.Max(l => l.Name.Length);
        foreach (var link in report.Links)
        {
            var mark = link.Status switch
            {
                LinkStatus.Ok => "[ok]  ",
                LinkStatus.Failed => "[FAIL]",
                _ => "[--]  ",
            };
            var chosen = link.Name == report.Selected ? "  <- Claude Code uses this" : "";
            text.AppendLine($"  {mark} {link.Name.PadRight(width)}  {link.Detail}{chosen}");
            if (link.Fix is not null && link.Name != report.Selected)
            {
                text.AppendLine($"         {new string(' ', width)}  fix: {link.Fix}");
                if (link.Run is { } run) text.AppendLine($"         {new string(' ', width)}  run: {run.CommandLine}");
            }
        }

        text.AppendLine();
        foreach (var problem in report.Problems)
        {
            text.AppendLine($"Problem: {problem}");
        }

        if (report.Access is { } access)
        {
            text.AppendLine($"Access to {access.Resource}: {access.Status}. {access.Detail}");
            if (access.Fix is not null) text.AppendLine($"  fix: {access.Fix}");
            if (access.Run is { } run) text.AppendLine($"  run: {run.CommandLine}");
            text.AppendLine();
        }

        if (report.Effective is { } effective) text.Append(EffectiveConfigTextRenderer.RenderForDoctor(effective));
        text.Append(report.WouldAuthenticate ? "OK: " : "NOT OK: ").AppendLine(report.Summary);
        return text.ToString().TrimEnd();
    }
}
