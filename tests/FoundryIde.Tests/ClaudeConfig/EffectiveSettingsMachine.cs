using System.Text;
using System.Text.Json;
using FoundryIde.Server.ClaudeConfig;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.ClaudeConfig;

/// <summary>
/// A user's machine in a temp folder: HOME, a workspace, a managed settings path, a shell environment, and the
/// settings files in between, for the effective-config explainer to read.
/// </summary>
internal sealed class EffectiveSettingsMachine : IDisposable
{
    private readonly List<(string Name, string Value)> _shell = [];

    public EffectiveSettingsMachine()
    {
        Root = Path.Combine(Path.GetTempPath(), "foundryide-effective-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
    }

    /// <summary>A machine where Claude Code would reach Foundry: no conflicts, unless a test adds one.</summary>
    public static EffectiveSettingsMachine Healthy()
    {
        var machine = new EffectiveSettingsMachine();
        machine.Env(machine.UserSettings,
            ("CLAUDE_CODE_USE_FOUNDRY", "1"), ("ANTHROPIC_FOUNDRY_RESOURCE", "contoso-west-7f3a"),
            ("ANTHROPIC_DEFAULT_SONNET_MODEL", "sonnet"), ("ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES", "thinking,interleaved_thinking"),
            ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-4-5"));
        return machine;
    }

    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string Workspace => Path.Combine(Root, "work space");

    public string ManagedSettings => Path.Combine(Root, "etc", "claude-code", "managed-settings.json");

    public string UserSettings => Path.Combine(Home, ".claude", "settings.json");

    public string ProjectSettings => Path.Combine(Workspace, ".claude", "settings.json");

    public string LocalSettings => Path.Combine(Workspace, ".claude", "settings.local.json");

    public string VsCodeUserSettings => Path.Combine(Home, ".config", "Code", "User", "settings.json");

    public string VsCodeServerSettings => Path.Combine(Home, ".vscode-server", "data", "Machine", "settings.json");

    public string VsCodeWorkspaceSettings => Path.Combine(Workspace, ".vscode", "settings.json");

    public EffectiveSettingsMachine Shell(string name, string value)
    {
        _shell.Add((name, value));
        return this;
    }

    public EffectiveSettingsMachine Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>A Claude Code settings file with an `env` block.</summary>
    public EffectiveSettingsMachine Env(string path, params (string Name, string Value)[] variables) =>
        Write(path, Json(w =>
        {
            w.WriteStartObject("env");
            foreach (var (name, value) in variables) w.WriteString(name, value);
            w.WriteEndObject();
        }));

    /// <summary>A VS Code settings file with claudeCode.environmentVariables.</summary>
    public EffectiveSettingsMachine VsCodeList(string path, params (string Name, string Value)[] variables) =>
        Write(path, Json(w =>
        {
            w.WriteStartArray("claudeCode.environmentVariables");
            foreach (var (name, value) in variables)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("value", value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));

    public IEnvironmentReader Environment(params (string Name, string Value)[] extra) =>
        new TestEnvironment([("HOME", Home), (SettingsSourcePaths.ManagedSettingsVariable, ManagedSettings), .. _shell, .. extra]);

    public Task<EffectiveConfig> ExplainAsync(IReadOnlyCollection<string>? knownDeployments = null, bool withWorkspace = true) =>
        ServiceFor(Environment()).ExplainAsync(withWorkspace ? Workspace : null, knownDeployments, CancellationToken.None);

    public static EffectiveConfigService ServiceFor(IEnvironmentReader environment) =>
        new(new SettingsSources(environment), new SecretRedactor(environment));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned later.
        }
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Reading an <see cref="EffectiveConfig"/> in assertions.</summary>
internal static class EffectiveConfigAssertions
{
    public static EffectiveVariable Terminal(this EffectiveConfig config, string name) =>
        config.Variables.Single(v => v.Name == name && !v.Source.StartsWith("vscode", StringComparison.Ordinal));

    public static EffectiveVariable Extension(this EffectiveConfig config, string name) =>
        config.Variables.Single(v => v.Name == name && v.Source.StartsWith("vscode", StringComparison.Ordinal));

    public static ConfigConflict[] Conflicts(this EffectiveConfig config, string code) =>
        config.Conflicts.Where(c => c.Code == code).ToArray();

    public static ConfigConflict Conflict(this EffectiveConfig config, string code) =>
        config.Conflicts.SingleOrDefault(c => c.Code == code)
        ?? throw new AssertFailedException($"no single {code} among: {string.Join(", ", config.Conflicts.Select(c => c.Code))}");

    public static string[] Codes(this EffectiveConfig config) => config.Conflicts.Select(c => c.Code).ToArray();

    public static string Serialized(this EffectiveConfig config) =>
        JsonSerializer.Serialize(config, FoundryJsonContext.Default.EffectiveConfig);
}
