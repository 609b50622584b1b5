using FoundryIde.Server.Rpc;
using static FoundryIde.Server.ClaudeConfig.EffectiveConfigFixes;
using static FoundryIde.Server.ClaudeConfig.EffectiveVariableNames;

namespace FoundryIde.Server.ClaudeConfig;

/// <summary>The configurations that silently keep one Claude Code process off Foundry, each with its exact fix.</summary>
public static class EffectiveConfigChecks
{
    public static IReadOnlyList<ConfigConflict> Run(
        EffectiveConfigView view, SettingsSourcePaths paths, IReadOnlyCollection<string>? knownDeployments)
    {
        var userSettings = new ConfigOrigin(ConfigSources.User, paths.UserSettings);
        var conflicts = new List<ConfigConflict>();
        CheckProvider(view, userSettings, conflicts);
        CheckEndpoint(view, userSettings, conflicts);
        if (knownDeployments is not null) CheckDeployments(view, knownDeployments, conflicts);
        CheckLeftovers(view, conflicts);
        CheckWorkspaceTrust(view, userSettings, conflicts);
        CapabilityChecks.Run(view, conflicts);
        return conflicts;
    }

    private static void CheckProvider(EffectiveConfigView view, ConfigOrigin userSettings, List<ConfigConflict> conflicts)
    {
        foreach (var (name, provider, code) in new[]
                 {
                     (UseBedrock, "Amazon Bedrock", ConflictCodes.BedrockSelected),
                     (UseVertex, "Google Vertex AI", ConflictCodes.VertexSelected),
                 })
        {
            if (view.Get(name) is { } set && IsTruthy(set.Value))
            {
                conflicts.Add(Conflict(code, ConflictSeverity.Error,
                    $"Claude Code will use {provider}, not Foundry: {ShowWithOrigin(set)} is checked before {UseFoundry}.",
                    Remove(name, set.Places), set));
            }
        }

        var foundry = view.Get(UseFoundry);
        if (foundry is null)
        {
            conflicts.Add(Conflict(ConflictCodes.FoundryNotEnabled, ConflictSeverity.Error,
                $"{UseFoundry} is not set anywhere Claude Code looks, so it does not use Foundry (it asks you to sign in to Anthropic instead).",
                Set(UseFoundry, "1", userSettings), userSettings, UseFoundry));
        }
        else if (!IsTruthy(foundry.Value))
        {
            conflicts.Add(Conflict(ConflictCodes.FoundryNotEnabled, ConflictSeverity.Error,
                $"{ShowWithOrigin(foundry)} reads as off: Claude Code takes only 1, true, yes or on there.",
                Set(UseFoundry, "1", foundry.Origin), foundry));
        }

        if (view.Get(TokenCredentials) is { } mode && mode.Value.Trim().ToLowerInvariant() is not ("" or "dev" or "prod"))
        {
            conflicts.Add(Conflict(ConflictCodes.TokenCredentialsInvalid, ConflictSeverity.Error,
                $"{ShowWithOrigin(mode)}: Claude Code's Azure library takes only dev or prod there, and any other value makes every Entra ID sign-in fail.",
                Remove(TokenCredentials, mode.Places) + " Or set it to dev (az, pwsh, azd) or prod (environment, workload identity, managed identity).", mode));
        }

        if (view.Get(SkipFoundryAuth) is { } skip && IsTruthy(skip.Value))
        {
            conflicts.Add(Conflict(ConflictCodes.FoundryAuthSkipped, ConflictSeverity.Warning,
                $"{ShowWithOrigin(skip)}: Claude Code sends Foundry no credential at all, which only works behind a gateway that adds one.",
                Remove(SkipFoundryAuth, skip.Places), skip));
        }
    }

    private static void CheckEndpoint(EffectiveConfigView view, ConfigOrigin userSettings, List<ConfigConflict> conflicts)
    {
        var resource = view.Value(Resource) is null ? null : view.Get(Resource);
        var baseUrl = view.Value(BaseUrl) is null ? null : view.Get(BaseUrl);
        if (resource is null && baseUrl is null)
        {
            conflicts.Add(Conflict(ConflictCodes.NoEndpoint, ConflictSeverity.Error,
                $"Neither {Resource} nor {BaseUrl} is set: Claude Code does not know which Foundry resource to call.",
                Set(Resource, "<your resource's name>", userSettings) + " `foundry-ide resources` lists the resources you can reach.",
                userSettings, Resource));
            return;
        }

        var resourceValid = resource is not null && ResourceName().IsMatch(resource.Value.Trim());
        if (resource is not null && baseUrl is not null)
        {
            var drop = resourceValid ? baseUrl : resource;
            var keep = resourceValid ? resource : baseUrl;
            conflicts.Add(Conflict(ConflictCodes.ResourceAndBaseUrl, ConflictSeverity.Error,
                $"Both {ShowWithOrigin(resource)} and {ShowWithOrigin(baseUrl)} are set: Claude Code refuses every request " +
                "(\"baseURL and resource are mutually exclusive\").",
                $"Keep only {keep.Name}. " + Remove(drop.Name, drop.Places), drop));
        }

        if (resource is not null && !resourceValid) conflicts.Add(InvalidResource(resource));
        if (baseUrl is not null && BaseUrlProblem(baseUrl) is { } problem) conflicts.Add(problem);
    }

    private static ConfigConflict InvalidResource(ResolvedVariable resource)
    {
        var value = resource.Value.Trim();
        if (Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value, UriKind.Absolute, out var url)
            && (value.Contains('/', StringComparison.Ordinal) || value.Contains('.', StringComparison.Ordinal)))
        {
            var name = url.Host.Split('.')[0];
            var fix = ResourceName().IsMatch(name)
                ? $"{Set(Resource, name, resource.Origin)} Or delete it there and set {BaseUrl} to {url.Scheme}://{url.Authority}/anthropic instead."
                : $"Delete it there ({RemoveFrom(Resource, resource.Origin)}) and set {BaseUrl} to the URL, ending in /anthropic.";
            return Conflict(ConflictCodes.ResourceInvalid, ConflictSeverity.Error,
                $"{ShowWithOrigin(resource)} is a URL: Claude Code takes only the resource's name there and refuses a URL " +
                $"(a URL belongs in {BaseUrl}).", fix, resource);
        }

        return Conflict(ConflictCodes.ResourceInvalid, ConflictSeverity.Error,
            $"{ShowWithOrigin(resource)} is not a Foundry resource name (letters, digits and hyphens, 2 to 64 characters, " +
            "no hyphen first or last), so Claude Code refuses it.",
            Set(Resource, "<your resource's name>", resource.Origin) + " `foundry-ide resources` lists the resources you can reach.",
            resource);
    }

    private static ConfigConflict? BaseUrlProblem(ResolvedVariable baseUrl)
    {
        var value = baseUrl.Value.Trim();
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return Conflict(ConflictCodes.BaseUrlInvalid, ConflictSeverity.Error,
                $"{ShowWithOrigin(baseUrl)} is not an http(s) URL.",
                Set(BaseUrl, "https://<resource>.services.ai.azure.com/anthropic", baseUrl.Origin), baseUrl);
        }

        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/anthropic", StringComparison.OrdinalIgnoreCase)) return null;
        var at = path.IndexOf("/anthropic/", StringComparison.OrdinalIgnoreCase);
        var suggested = $"{url.Scheme}://{url.Authority}{(at >= 0 ? path[..(at + "/anthropic".Length)] : "/anthropic")}";
        return Conflict(ConflictCodes.BaseUrlPath, ConflictSeverity.Error,
            $"{ShowWithOrigin(baseUrl)} does not end in /anthropic: Claude Code appends /v1/messages to it, " +
            $"so it would call {value.TrimEnd('/')}/v1/messages, which Foundry does not serve.",
            Set(BaseUrl, suggested, baseUrl.Origin), baseUrl);
    }

    private static void CheckDeployments(EffectiveConfigView view, IReadOnlyCollection<string> known, List<ConfigConflict> conflicts)
    {
        var names = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase);
        foreach (var name in EffectiveVariableNames.Models)
        {
            if (view.Value(name) is not { } value || !IsDeploymentName(value)) continue;
            var variable = view.Get(name)!;
            if (names.Contains(WithoutContextSuffix(value.Trim()))) continue;
            var family = name switch
            {
                DefaultFableModel => "fable",
                DefaultOpusModel => "opus",
                DefaultSonnetModel => "sonnet",
                DefaultHaikuModel or SmallFastModel => "haiku",
                _ => null,
            };
            var suggestion = known.FirstOrDefault(k => family is not null && k.Contains(family, StringComparison.OrdinalIgnoreCase))
                ?? known.FirstOrDefault();
            var there = known.Count == 0 ? "The resource has no Claude deployments." : $"Its deployments: {string.Join(", ", known)}.";
            conflicts.Add(Conflict(ConflictCodes.UnknownDeployment, ConflictSeverity.Error,
                $"{ShowWithOrigin(variable)} names no deployment on the resource. Claude Code sends it as the model, so Foundry " +
                $"answers 404 (DeploymentNotFound). {there}",
                suggestion is null
                    ? $"Deploy a Claude model on the resource, then: {Set(name, "<its deployment name>", variable.Origin)}"
                    : Set(name, suggestion, variable.Origin),
                variable));
        }
    }

    private static void CheckLeftovers(EffectiveConfigView view, List<ConfigConflict> conflicts)
    {
        if (view.Value(Model) is { } model && IsDeploymentName(model))
        {
            var set = view.Get(Model)!;
            conflicts.Add(Conflict(ConflictCodes.ModelOverride, ConflictSeverity.Warning,
                $"{ShowWithOrigin(set)} pins one model for everything and overrides the opus/sonnet/haiku aliases " +
                "(ANTHROPIC_DEFAULT_*_MODEL); it is often left over from another provider.",
                $"{Remove(Model, set.Places)} Then set {DefaultOpusModel}, {DefaultSonnetModel} and {DefaultHaikuModel} to your deployment names " +
                "(keep it only if you mean to pin one model).", set));
        }

        if (view.Value(SmallFastModel) is not null)
        {
            var set = view.Get(SmallFastModel)!;
            conflicts.Add(Conflict(ConflictCodes.ModelOverride, ConflictSeverity.Warning,
                $"{ShowWithOrigin(set)} is the legacy name of the small model and is read before {DefaultHaikuModel}; " +
                "it is often left over from another provider.",
                $"{Remove(SmallFastModel, set.Places)} Then set {DefaultHaikuModel} to your Haiku deployment's name.", set));
        }

        foreach (var (name, code, why) in new[]
                 {
                     (AnthropicApiKey, ConflictCodes.AnthropicApiKeySet, "is Anthropic's own API key"),
                     (AnthropicBaseUrl, ConflictCodes.AnthropicBaseUrlSet, "is for Anthropic's API or an LLM gateway"),
                 })
        {
            if (view.Value(name) is null) continue;
            var set = view.Get(name)!;
            conflicts.Add(Conflict(code, ConflictSeverity.Warning,
                $"{ShowWithOrigin(set)} {why}: Claude Code ignores it with Foundry, but it is a sign of a mixed configuration " +
                $"(without {UseFoundry} Claude Code would use it).",
                Remove(name, set.Places), set));
        }
    }

    /// <summary>Before a folder is trusted, project and local `env` may set only a safe list, which lacks these.</summary>
    private static void CheckWorkspaceTrust(EffectiveConfigView view, ConfigOrigin userSettings, List<ConfigConflict> conflicts)
    {
        foreach (var name in NeedWorkspaceTrust)
        {
            if (view.Get(name) is not { Source: ConfigSources.Project or ConfigSources.Local } set) continue;
            var before = set.Overridden.LastOrDefault(o => o.Source is not (ConfigSources.Project or ConfigSources.Local));
            var meanwhile = before is null ? "no value at all" : $"the value from {Describe(before)}";
            conflicts.Add(Conflict(ConflictCodes.NeedsWorkspaceTrust, ConflictSeverity.Warning,
                $"{name} comes from {Describe(set.Origin)}, which Claude Code applies only after you trust this folder " +
                $"({name} is not on the list project settings may set before trust). Until then it sees {meanwhile}.",
                $"Accept the trust prompt when `claude` first starts in this folder, or move {name} to the \"env\" block of {userSettings.Path}.",
                set));
        }
    }

    public static ConfigConflict Conflict(string code, string severity, string message, string fix, ResolvedVariable variable) =>
        new(code, severity, message, fix, variable.Source, variable.Path, variable.Name);

    private static ConfigConflict Conflict(string code, string severity, string message, string fix, ConfigOrigin origin, string? variable) =>
        new(code, severity, message, fix, origin.Source, origin.Path, variable);
}
