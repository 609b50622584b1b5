using System.Text;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

public static class DeployTextRenderer
{
    public static string Render(DeployResult result)
    {
        var text = new StringBuilder();
        // Every line holds names and messages from ARM: escaped, so none can clear the screen or forge a line.
        void Line(string line) => text.AppendLine(TrustedValues.Printable(line));
        if (result.Resource is { } r)
        {
            var where = string.Join(", ", new[] { r.ResourceGroup, r.Location }.Where(w => !string.IsNullOrEmpty(w)));
            Line($"Resource {r.Name} ({(r.Exists ? r.Created ? "created" : "exists" : "to be created")}){(where.Length == 0 ? "" : " in " + where)}" +
                (r.Endpoint is null ? "" : $": {r.Endpoint}"));
        }

        Line("Preflight:");
        foreach (var v in result.Plan.Preflight)
        {
            Line($"  [{v.Status}] {v.Check}: {v.Detail}");
            if (v.Fix is not null) Line($"         fix: {v.Fix}");
        }

        Line(result.DryRun ? "Plan (nothing was written):" : "ARM calls:");
        foreach (var c in result.Plan.Calls)
        {
            Line($"  {(c.Done ? "done" : "todo")} {c.Method} {c.Path}  ({c.Purpose})");
            if (c.Body is not null) Line($"       {c.Body}");
        }

        Line("Deployments:");
        foreach (var d in result.Deployments)
        {
            Line($"  {d.Family}: {d.Name} = {d.Model}@{d.Version}, {d.Sku} {d.Capacity}, {d.State}{(d.Created ? " (created now)" : "")}");
        }

        var others = result.Plan.Offers.Where(o => !o.Chosen).ToList();
        if (result.DryRun && others.Count > 0)
        {
            Line("Also offered here (choose one with --model):");
            foreach (var o in others) Line($"  --model {o.Pin}{(o.Lifecycle is null ? "" : $"  ({o.Lifecycle})")}");
        }

        if (result.RoleAssignment is { } role) Line($"Access: {role.Role} for {role.PrincipalId}: {role.State}. {role.Detail}");
        foreach (var w in result.Warnings) Line("warning: " + w);
        foreach (var e in result.Errors) Line($"error: {e.Code}: {e.Message}{(e.Fix is null ? "" : " Fix: " + e.Fix)}");
        return text.ToString().TrimEnd();
    }
}
