using System.Text;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

public static class DeployTextRenderer
{
    public static string Render(DeployResult result)
    {
        var text = new StringBuilder();
        if (result.Resource is { } r)
        {
            text.AppendLine($"Resource {r.Name} ({(r.Exists ? r.Created ? "created" : "exists" : "to be created")}) in {r.ResourceGroup}, {r.Location}" +
                (r.Endpoint is null ? "" : $": {r.Endpoint}"));
        }

        text.AppendLine("Preflight:");
        foreach (var v in result.Plan.Preflight)
        {
            text.AppendLine($"  [{v.Status}] {v.Check}: {v.Detail}");
            if (v.Fix is not null) text.AppendLine($"         fix: {v.Fix}");
        }

        text.AppendLine(result.DryRun ? "Plan (nothing was written):" : "ARM calls:");
        foreach (var c in result.Plan.Calls)
        {
            text.AppendLine($"  {(c.Done ? "done" : "todo")} {c.Method} {c.Path}  ({c.Purpose})");
            if (c.Body is not null) text.AppendLine($"       {c.Body}");
        }

        text.AppendLine("Deployments:");
        foreach (var d in result.Deployments)
        {
            text.AppendLine($"  {d.Family}: {d.Name} = {d.Model}@{d.Version}, {d.Sku} {d.Capacity}, {d.State}{(d.Created ? " (created now)" : "")}");
        }

        var others = result.Plan.Offers.Where(o => !o.Chosen).ToList();
        if (result.DryRun && others.Count > 0)
        {
            text.AppendLine("Also offered here (choose one with --model):");
            foreach (var o in others) text.AppendLine($"  --model {o.Pin}{(o.Lifecycle is null ? "" : $"  ({o.Lifecycle})")}");
        }

        if (result.RoleAssignment is { } role) text.AppendLine($"Access: {role.Role} for {role.PrincipalId}: {role.State}. {role.Detail}");
        foreach (var w in result.Warnings) text.AppendLine("warning: " + w);
        foreach (var e in result.Errors) text.AppendLine($"error: {e.Code}: {e.Message}{(e.Fix is null ? "" : " Fix: " + e.Fix)}");
        return text.ToString().TrimEnd();
    }
}
