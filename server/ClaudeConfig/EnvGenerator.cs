using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Discovery;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>
/// Builds the variables that make Claude Code use one Foundry resource, renders them in a format, and (when asked)
/// merges them into a file safely. Deployments and the endpoint come from what ARM reports for the resource.
/// </summary>
public sealed class EnvGenerator(ResourceLocator locator, AzureConnections connections, IEnvironmentReader environment)
{
    public const string EntraAuth = "entra";
    public const string KeyAuth = "key";

    public async Task<EnvResult> GenerateAsync(EnvParams request, CancellationToken cancellationToken)
    {
        var format = EnvFormat.Parse(request.Format ?? (request.Output is { } target ? EnvFormat.ForOutput(target) : null));
        if (request.WorkspaceFolder is { } workspace && !Path.IsPathFullyQualified(workspace))
        {
            throw new FoundryException(FoundryErrorCode.InvalidInput, $"workspaceFolder must be an absolute path; \"{workspace}\" is not.");
        }

        var auth = (request.Auth ?? EntraAuth).Trim().ToLowerInvariant() is var a && a is EntraAuth or KeyAuth ? a
            : throw new FoundryException(FoundryErrorCode.InvalidInput, $"Unknown auth \"{request.Auth}\": use entra or key.");
        var resource = await locator.GetAsync(request.Resource, request.Subscription, cancellationToken);
        var (choices, choiceWarnings) = DeploymentChoice.Choose(resource, request.Opus, request.Sonnet, request.Haiku, request.Fable);
        var warnings = new List<string>(choiceWarnings);

        string? key = null;
        if (auth == KeyAuth)
        {
            if (resource.DisableLocalAuth)
            {
                throw new FoundryException(FoundryErrorCode.InvalidInput,
                    $"{resource.Name} has local authentication disabled (disableLocalAuth): it refuses API keys. Use --auth entra.");
            }

            key = request.FetchKey ? await KeyFetcher.FetchAsync(connections.Current, resource, cancellationToken)
                : request.ApiKey ?? environment.Read(EnvNames.FoundryApiKey)
                ?? throw new FoundryException(FoundryErrorCode.InvalidInput,
                    "Key auth needs the key: set ANTHROPIC_FOUNDRY_API_KEY (from the portal's Keys and Endpoint page), " +
                    "or pass --fetch-key to read it with listKeys (that needs the listKeys permission on the resource).");
        }
        else
        {
            if (environment.Read(EnvNames.FoundryApiKey) is not null)
            {
                warnings.Add("ANTHROPIC_FOUNDRY_API_KEY is set in this environment: Claude Code uses it instead of Entra ID. Unset it to use Entra ID.");
            }

            if (environment.Read(EnvNames.FoundryAuthToken) is not null)
            {
                warnings.Add("ANTHROPIC_FOUNDRY_AUTH_TOKEN is set in this environment: Claude Code sends it instead of asking Entra ID. Unset it.");
            }
        }

        var picker = Models.ModelPicker.For(resource);
        warnings.AddRange(Models.ModelPicker.Left(resource, choices));
        if (format is not (EnvFormat.ClaudeSettings or EnvFormat.Json) && Models.ModelPicker.UnknownFromVariablesAlone(choices,
                "write them too: run this env again with --format claude-settings --output ~/.claude/settings.json.") is { } unknownWindow)
        {
            warnings.Add(unknownWindow);
        }

        foreach (var unknown in choices.Select(c => c.Deployment).OfType<ClaudeDeployment>().Where(d => Models.ClaudeModels.Find(d.Model) is null).DistinctBy(d => d.Name))
        {
            warnings.Add($"{unknown.Name} serves {unknown.Model ?? "a model Azure does not name"}, which this FoundryIde (and Claude Code 2.1.332) does not know: " +
                "no _SUPPORTED_CAPABILITIES is written, so Claude Code assumes a new model (adaptive thinking, effort). If the model refuses them (a 400), " +
                $"set the family's _SUPPORTED_CAPABILITIES to the words it supports among {string.Join(",", Models.ClaudeCapability.All)}.");
        }

        var variables = FoundryVariables.Build(resource with { Endpoint = connections.Current.Cloud.Foundry.RequireUsable(resource) }, choices, key);
        FileWriteResult? file = null;
        if (request.Output is { } output)
        {
            string?[] linkRoots = [request.WorkspaceFolder, SettingsSourcePaths.Home(environment)];
            file = await SafeFileWriter.WriteAsync(output, linkRoots, existing => EnvFormat.IsJson(format)
                ? JsonSettingsMerge.Merge(output, existing, format, variables, picker)
                : EnvFileMerge.Merge(existing, format, variables), holdsSecret: key is not null, cancellationToken);
            var userSettings = SettingsSourcePaths.For(environment, null).UserSettings;
            if (ClaudeSettingsLocations.TrustNote(file.Path, userSettings, format, variables) is { } trust) warnings.Add(trust);
        }

        var shown = request.RevealSecrets ? variables : variables.Select(v => v.Secret ? v with { Value = "***" } : v).ToArray();
        return new EnvResult(resource.Name, format, auth, shown, EnvFormat.Render(format, shown, picker), choices, warnings, file, picker);
    }
}
