using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>What Claude Code will actually see, for the current user and one workspace folder: behind `config/effective`,
/// `foundry-ide config` and the doctor's <see cref="DoctorReport.Effective"/>.</summary>
public sealed class EffectiveConfigService(SettingsSources sources, SecretRedactor redactor)
{
    /// <param name="workspaceFolder">An absolute, existing folder, or null for the user-level sources only.</param>
    /// <param name="knownDeployments">The deployment names on the configured resource, if known.</param>
    public async Task<EffectiveConfig> ExplainAsync(
        string? workspaceFolder, IReadOnlyCollection<string>? knownDeployments, CancellationToken cancellationToken)
    {
        var folder = CheckedWorkspace(workspaceFolder);
        var snapshot = await sources.ReadAsync(folder, cancellationToken);
        return EffectiveConfigExplainer.Explain(snapshot, knownDeployments, redactor);
    }

    private static string? CheckedWorkspace(string? workspaceFolder)
    {
        if (string.IsNullOrWhiteSpace(workspaceFolder)) return null;
        if (!Path.IsPathFullyQualified(workspaceFolder))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput,
                $"workspaceFolder must be an absolute path; \"{workspaceFolder}\" is not.");
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceFolder));
        if (!Directory.Exists(folder))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"The workspace folder {folder} does not exist.");
        }

        return folder;
    }
}
