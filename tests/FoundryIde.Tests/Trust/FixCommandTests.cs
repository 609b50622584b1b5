using System.Diagnostics;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Trust;

/// <summary>Runnable fixes are data built from validated values, quoted per shell, never with a placeholder or anything destructive.</summary>
[TestClass]
public sealed class FixCommandTests
{
    private const string ObjectId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private const string AccountId =
        "/subscriptions/2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry";

    private static readonly string[] Words =
    [
        "Azure AI User", "it's", "$(touch x)", "`x`", "a\\b", "\u2018q\u2019", "*", "~", "#x", "a;b", "{a,b}", "-n", "%s", "$HOME", "a\"b", "", " ",
        "--scope", AccountId, "\\'", "x\\",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("/bin/bash", "/usr/bin/bash", "-c")]
    [DataRow("fish", "/usr/bin/fish", "--no-config")]
    public async Task CommandLine_AnyWords_TheRealShellPassesExactlyThoseWords(string shell, string program, string flag)
    {
        var line = ShellQuoting.CommandLine(ShellQuoting.Of(shell), "printf", ["%s\\0", .. Words]);
        Assert.IsNotNull(line);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (flag != "-c") info.ArgumentList.Add(flag);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(line);
        info.WorkingDirectory = TestAzure.Root;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await process.WaitForExitAsync(TestContext.CancellationToken);

        Assert.AreEqual(0, process.ExitCode, errors + "\n" + line);
        CollectionAssert.AreEqual(Words, output.Split('\0')[..^1], line);
        Assert.IsFalse(File.Exists(Path.Combine(TestAzure.Root, "x")), "a word ran as code");
    }

    [TestMethod]
    [DataRow("/bin/bash", ShellKind.Sh)]
    [DataRow("/usr/bin/zsh", ShellKind.Sh)]
    [DataRow("/usr/bin/fish", ShellKind.Fish)]
    [DataRow("pwsh", ShellKind.Pwsh)]
    [DataRow("C:\\Program Files\\PowerShell\\7\\pwsh.exe", ShellKind.Pwsh)]
    [DataRow("powershell.exe", ShellKind.Pwsh)]
    [DataRow("C:\\Windows\\System32\\cmd.exe", ShellKind.Cmd)]
    [DataRow("/usr/bin/nu", ShellKind.Sh)]
    [DataRow(null, ShellKind.Sh)]
    public void Of_ShellAsVsCodeReportsIt_Mapped(string? shell, ShellKind kind) => Assert.AreEqual(kind, ShellQuoting.Of(shell));

    [TestMethod]
    public void AssignAzureAIUser_KnownIdentity_SameArgumentsQuotedForEachShell()
    {
        var run = FixCommands.AssignAzureAIUser(new IdentityInfo(null, ObjectId, "sp", "ServicePrincipal"), Resource())!;
        string[] expected = ["role", "assignment", "create", "--role", "Azure AI User", "--assignee-object-id", ObjectId,
            "--assignee-principal-type", "ServicePrincipal", "--scope", AccountId];
        Assert.AreEqual("az", run.Program);
        CollectionAssert.AreEqual(expected, run.Arguments.ToArray());
        var tail = $"--assignee-principal-type ServicePrincipal --scope {AccountId}";
        Assert.AreEqual($"az role assignment create --role 'Azure AI User' --assignee-object-id {ObjectId} {tail}", run.CommandLine);
        Assert.AreEqual($"az role assignment create --role 'Azure AI User' --assignee-object-id '{ObjectId}' --assignee-principal-type ServicePrincipal --scope '{AccountId}'",
            FixCommands.ForShell(run, "pwsh")!.CommandLine, "pwsh reads a bare word that starts with a digit as a number");
        Assert.AreEqual($"az role assignment create --role \"Azure AI User\" --assignee-object-id {ObjectId} {tail}", FixCommands.ForShell(run, "cmd.exe")!.CommandLine);
    }

    [TestMethod]
    public void AssignAzureAIUser_UnknownObjectIdOrType_NoRun()
    {
        Assert.IsNull(FixCommands.AssignAzureAIUser(null, Resource()));
        Assert.IsNull(FixCommands.AssignAzureAIUser(new IdentityInfo(null, ObjectId, "x"), Resource()), "principal type unknown");
        Assert.IsNull(FixCommands.AssignAzureAIUser(new IdentityInfo(null, "<object id>", "x", "User"), Resource()));
        Assert.IsNull(FixCommands.AssignAzureAIUser(new IdentityInfo(null, ObjectId, "x", "User"), Resource() with { Id = "https://evil.example/subscriptions/x" }));
    }

    [TestMethod]
    public void Create_PlaceholderDestructiveOrUnknownProgram_NoRun()
    {
        Assert.IsNull(FixCommands.Create(null, "az", "role", "assignment", "list", "--assignee", "<object id>"));
        Assert.IsNull(FixCommands.Create(null, "az", "ad", "app", "credential", "reset", "--id", ObjectId));
        Assert.IsNull(FixCommands.Create(null, "az", "role", "assignment", "delete", "--ids", AccountId));
        Assert.IsNull(FixCommands.Create(null, "bash", "-c", "az login"));
        Assert.IsNull(FixCommands.Create(null, "az", "login", "--tenant", "x\ny"));
        Assert.IsNull(FixCommands.Create("cmd", "az", "login", "--tenant", "%PATH%"), "cmd cannot quote %");
    }

    [TestMethod]
    public void Explain_EveryLinkAndMessage_RunsAreSafeAndConnectAzAccountIsPwsh()
    {
        string[] links = [ClaudeCodeChain.Environment, ClaudeCodeChain.WorkloadIdentity, ClaudeCodeChain.ManagedIdentity,
            ClaudeCodeChain.AzureCli, ClaudeCodeChain.AzurePowerShell, ClaudeCodeChain.AzureDeveloperCli];
        string[] messages = ["AADSTS7000215: Invalid client secret", "Please run 'az login' to setup account.", "az not installed",
            "PowerShell is not installed", "Az.Accounts module not found", "azd could not be found", "something else"];
        var envs = new[] { new TestEnvironment(), new TestEnvironment(("AZURE_TENANT_ID", "contoso.onmicrosoft.com"), ("DISPLAY", ":0")),
            new TestEnvironment(("AZURE_TENANT_ID", "x; rm -rf ~")) };
        var runs = new List<FixCommand>();
        foreach (var link in links)
        {
            foreach (var status in new[] { LinkStatus.Unavailable, LinkStatus.Failed })
            {
                foreach (var message in messages)
                {
                    foreach (var (env, installed) in envs.SelectMany(e => new[] { (e, true), (e, false) }))
                    {
                        var outcome = LinkAdvice.Explain(link, status, message, env, null, name => installed ? "/usr/bin/" + name : null);
                        if (outcome.Run is { } run) runs.Add(run);
                        if (outcome.Fix?.Contains("credential reset", StringComparison.Ordinal) == true) Assert.IsNull(outcome.Run, "a reset is prose only");
                    }
                }
            }
        }

        Assert.IsNotEmpty(runs);
        foreach (var run in runs)
        {
            CollectionAssert.Contains(FixCommands.Programs.ToArray(), run.Program);
            Assert.IsFalse(run.Arguments.Any(a => a.Contains('<') || a.Contains('>') || a.Contains(';')), string.Join(" ", run.Arguments));
            Assert.IsFalse(run.Arguments.Any(a => FixCommands.Destructive.Contains(a, StringComparer.OrdinalIgnoreCase)), run.CommandLine);
            if (run.Arguments.Contains("Connect-AzAccount")) Assert.IsTrue(run.Program is "pwsh" or "powershell", run.Program);
        }

        CollectionAssert.Contains(runs.Select(r => r.CommandLine).ToArray(), "az login --tenant contoso.onmicrosoft.com");
        CollectionAssert.Contains(runs.Select(r => r.CommandLine).ToArray(), "pwsh -NoProfile -Command Connect-AzAccount");
    }

    private static FoundryResource Resource() =>
        new("contoso-foundry", "2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c", "rg-foundry", null, "https://contoso-foundry.services.ai.azure.com/", [], AccountId, "contoso-foundry", false);
}
