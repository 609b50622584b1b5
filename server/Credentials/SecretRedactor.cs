using System.Text.RegularExpressions;

namespace FoundryIde.Server.Credentials;

/// <summary>
/// Scrubs secrets from text that leaves the process (RPC errors, CLI output, logs): the values of the secret
/// variables in <see cref="EnvNames.Secrets"/>, and anything shaped like a JWT.
/// </summary>
public sealed partial class SecretRedactor
{
    private const string Mask = "***";
    private readonly string[] _secrets;

    public SecretRedactor(IEnvironmentReader environment)
    {
        _secrets = EnvNames.Secrets
            .Select(environment.Read)
            .OfType<string>()
            .Where(v => v.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return JwtPattern().Replace(text, "<token>");
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtPattern();
}
