using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// The fixes that may be run, as data (program and arguments, run without a shell) built only from validated values.
/// Anything else stays prose in a report's Fix: a placeholder (&lt;object id&gt;), an install, or anything that
/// deletes or resets (az ad app credential reset). <see cref="Create"/> enforces it for every Run.
/// </summary>
public static class FixCommands
{
    /// <summary>The programs a fix may run.</summary>
    public static readonly IReadOnlyList<string> Programs = ["az", "azd", "pwsh", "powershell"];

    /// <summary>Words that make a command destructive: such a fix is never offered to run.</summary>
    public static readonly IReadOnlyList<string> Destructive = ["delete", "reset", "remove", "purge", "logout", "Remove-AzRoleAssignment", "Disconnect-AzAccount"];

    /// <summary>
    /// The command quoted for <paramref name="shell"/>, or null when it may not be run: an unknown program, a word with a
    /// control character or a placeholder ('&lt;', '&gt;'), a destructive word, or a shell (cmd) that cannot hold a word.
    /// </summary>
    public static FixCommand? Create(string? shell, string program, params IReadOnlyList<string> arguments)
    {
        if (!Programs.Contains(program)) return null;
        foreach (var word in arguments)
        {
            if (word.Length == 0 || TrustedValues.ForbiddenChar(word) is not null || word.IndexOfAny(['<', '>']) >= 0) return null;
            if (Destructive.Any(d => word.Equals(d, StringComparison.OrdinalIgnoreCase))) return null;
        }

        return ShellQuoting.CommandLine(ShellQuoting.Of(shell), program, arguments) is { } line
            ? new FixCommand(program, [.. arguments], line)
            : null;
    }

    /// <summary>The same command quoted for another shell (reports are built once, then quoted for the caller's shell).</summary>
    public static FixCommand? ForShell(FixCommand? run, string? shell) => run is null ? null : Create(shell, run.Program, run.Arguments);

    /// <summary>
    /// az login, with --tenant when the tenant is a GUID or a domain name (else without it), and --use-device-code
    /// where a browser sign-in cannot come back (<see cref="Platforms.HostPlatform.NeedsDeviceCodeLogin"/>).
    /// </summary>
    public static FixCommand? AzLogin(string? tenant, bool deviceCode = false) => Create(null, "az", AzLoginArguments(tenant, deviceCode));

    /// <summary>The prose for az login, naming the tenant only when it is valid.</summary>
    public static string AzLoginText(string? tenant, bool deviceCode = false) => $"`az {string.Join(' ', AzLoginArguments(tenant, deviceCode))}`";

    private static string[] AzLoginArguments(string? tenant, bool deviceCode) =>
        [
            "login",
            .. tenant is not null && TrustedValues.IsTenant(tenant) ? new[] { "--tenant", tenant } : [],
            .. deviceCode ? new[] { "--use-device-code" } : [],
        ];

    /// <summary>Connect-AzAccount runs in PowerShell: the program is pwsh or Windows PowerShell, never a bash terminal.</summary>
    public static FixCommand? ConnectAzAccount(string program = "pwsh") =>
        program is "pwsh" or "powershell" ? Create(null, program, "-NoProfile", "-Command", "Connect-AzAccount") : null;

    public static FixCommand? AzdLogin() => Create(null, "azd", "auth", "login");

    /// <summary>
    /// Azure AI User for this identity on this resource: only when the object id is a GUID, the principal type is
    /// known and the resource id is an account id (all read from a token or ARM and checked).
    /// </summary>
    public static FixCommand? AssignAzureAIUser(IdentityInfo? identity, FoundryResource resource) =>
        identity?.ObjectId is { } objectId && TrustedValues.IsGuid(objectId)
        && identity.PrincipalType is "User" or "ServicePrincipal" && ArmIds.AccountProblem(resource.Id) is null
            ? Create(null, "az", "role", "assignment", "create", "--role", "Azure AI User", "--assignee-object-id", objectId,
                "--assignee-principal-type", identity.PrincipalType, "--scope", resource.Id)
            : null;

    /// <summary>The role assignments of one object id at a scope (read only).</summary>
    public static FixCommand? ListAssignments(string? objectId, string scope) =>
        objectId is not null && TrustedValues.IsGuid(objectId) && ArmIds.PathProblem(scope) is null
            ? Create(null, "az", "role", "assignment", "list", "--assignee", objectId, "--scope", scope, "--include-inherited")
            : null;
}
