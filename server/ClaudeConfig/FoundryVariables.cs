using System.Text.RegularExpressions;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.ClaudeConfig;

public sealed record EnvVariable(string Name, string Value, bool Secret);

/// <summary>The variables that point Claude Code at one Foundry resource.</summary>
public static partial class FoundryVariables
{
    public const string UseFoundry = "CLAUDE_CODE_USE_FOUNDRY";
    public const string Resource = "ANTHROPIC_FOUNDRY_RESOURCE";
    public const string BaseUrl = "ANTHROPIC_FOUNDRY_BASE_URL";
    public const string ApiKey = EnvNames.FoundryApiKey;
    public const string FableModel = "ANTHROPIC_DEFAULT_FABLE_MODEL";
    public const string OpusModel = "ANTHROPIC_DEFAULT_OPUS_MODEL";
    public const string SonnetModel = "ANTHROPIC_DEFAULT_SONNET_MODEL";
    public const string HaikuModel = "ANTHROPIC_DEFAULT_HAIKU_MODEL";

    /// <summary>Suffixes of a family's model variable that describe the deployment to Claude Code (its /model picker and requests).</summary>
    public const string NameSuffix = "_NAME";
    public const string DescriptionSuffix = "_DESCRIPTION";
    public const string CapabilitiesSuffix = "_SUPPORTED_CAPABILITIES";

    /// <summary>Every variable FoundryIde manages: a write sets the ones it needs and removes the others.</summary>
    public static readonly IReadOnlyList<string> Managed =
    [
        UseFoundry, Resource, BaseUrl,
        .. Models.ClaudeModels.FamilyOrder.SelectMany(f => new[] { ModelVariable(f), ModelVariable(f) + NameSuffix, ModelVariable(f) + DescriptionSuffix, ModelVariable(f) + CapabilitiesSuffix }),
        ApiKey,
    ];

    private const string CanonicalHostSuffix = ".services.ai.azure.com";

    public static IReadOnlyList<EnvVariable> Build(FoundryResource resource, IReadOnlyList<FamilyChoice> choices, string? apiKey)
    {
        var endpoint = resource.Endpoint ?? throw new FoundryException(FoundryErrorCode.NotFound,
            $"Azure reports no endpoint for {resource.Name}; it cannot be used with Claude Code yet (is it still being created?).");
        var variables = new List<EnvVariable> { new(UseFoundry, "1", false) };
        variables.Add(CanonicalResourceName(endpoint) is { } name
            ? new EnvVariable(Resource, name, false)
            : new EnvVariable(BaseUrl, endpoint.TrimEnd('/') + "/anthropic", false));
        foreach (var choice in choices)
        {
            if (choice.Deployment is not { } deployment) continue;
            if (TrustedValues.DeploymentNameProblem(deployment.Name) is { } why)
            {
                throw new FoundryException(FoundryErrorCode.UntrustedValue,
                    $"The deployment name {TrustedValues.Show(deployment.Name)} is not written: {why}.");
            }

            var variable = ModelVariable(choice.Family);
            var model = Models.ClaudeModels.Find(deployment.Model);
            variables.Add(new EnvVariable(variable, deployment.Name, false));
            variables.Add(new EnvVariable(variable + NameSuffix, Label(deployment, model, choice.Family), false));
            variables.Add(new EnvVariable(variable + DescriptionSuffix, Description(resource, deployment, model), false));
            if (model is not null)
            {
                variables.Add(new EnvVariable(variable + CapabilitiesSuffix, string.Join(",", model.Capabilities), false));
            }
        }

        if (apiKey is not null) variables.Add(new EnvVariable(ApiKey, apiKey, true));
        foreach (var variable in variables) TrustedValues.RequireWritable(variable.Name, variable.Value);
        return variables;
    }

    public static string ModelVariable(string family) => $"ANTHROPIC_DEFAULT_{family.ToUpperInvariant()}_MODEL";

    /// <summary>What every description FoundryIde writes for /model holds (<see cref="Description"/>).</summary>
    public const string DescriptionMarker = " on Foundry resource ";

    /// <summary>"Sonnet 4.5 · Sonnet45": the model, then the deployment, for /model.</summary>
    public static string Label(ClaudeDeployment deployment, Models.ClaudeModel? model, string family)
    {
        var what = model?.DisplayName ?? (family != Discovery.DeploymentFamily.Other ? Title(family)
            : deployment.Model is { } m && TrustedValues.DeploymentNameProblem(m) is null ? m : "Claude");
        return $"{what} · {deployment.Name}";
    }

    /// <summary>"claude-sonnet-4-5 (20250929) on Foundry resource contoso (eastus2)": what and where, for /model.</summary>
    public static string Description(FoundryResource resource, ClaudeDeployment deployment, Models.ClaudeModel? model)
    {
        var what = model?.FoundryModel ?? (deployment.Model is { } m && TrustedValues.DeploymentNameProblem(m) is null ? m : "an unknown Claude model");
        var version = deployment.Version is { } v && TrustedValues.DeploymentNameProblem(v) is null ? $" ({v})" : "";
        var region = resource.Location is { } l && TrustedValues.IsRegionName(l) ? $" ({l})" : "";
        return $"{what}{version}{DescriptionMarker}{(TrustedValues.IsAccountName(resource.Name) ? resource.Name : "?")}{region}";
    }

    private static string Title(string family) => char.ToUpperInvariant(family[0]) + family[1..];


    /// <summary>
    /// The bare name Claude Code accepts in ANTHROPIC_FOUNDRY_RESOURCE when the endpoint is exactly
    /// https://{name}.services.ai.azure.com/ (Claude Code builds that URL from it); null otherwise.
    /// </summary>
    public static string? CanonicalResourceName(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort
            || uri.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(uri.Query)
            || !uri.Host.EndsWith(CanonicalHostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = uri.Host[..^CanonicalHostSuffix.Length];
        return ResourceName().IsMatch(name) ? name : null;
    }

    /// <summary>What Claude Code accepts in ANTHROPIC_FOUNDRY_RESOURCE (a bare resource name).</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ResourceName();
}
