using FoundryIde.Server.Credentials;

namespace FoundryIde.Tests.Support;

/// <summary>An environment given as a dictionary, for the decision logic that reads variables.</summary>
internal sealed class TestEnvironment(params (string Name, string Value)[] variables) : IEnvironmentReader
{
    private readonly Dictionary<string, string> _values = variables.ToDictionary(v => v.Name, v => v.Value);

    public string? Read(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
