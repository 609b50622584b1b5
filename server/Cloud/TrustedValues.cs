using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cloud;

/// <summary>A value from Azure broke the host or naming rules; the scope it came from is reported, nothing is sent.</summary>
public sealed class UntrustedValueException(string message) : Exception(message);

/// <summary>
/// The naming rules every value from ARM (or from the user) must pass before it is written to a file, shown in a
/// terminal, put in a command or used to build a URL. One place, used by discovery, the env generator, the
/// connection test and the fix commands.
/// </summary>
public static partial class TrustedValues
{
    public const int MaxDeploymentName = 255;

    /// <summary>A character no value may hold: C0/C1 controls (newline, NUL, DEL...), format characters, line/paragraph separators.</summary>
    public static bool IsForbiddenChar(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>The first forbidden character, as U+XXXX, or null.</summary>
    public static string? ForbiddenChar(string value)
    {
        foreach (var c in value)
        {
            if (IsForbiddenChar(c)) return $"U+{(int)c:X4}";
        }

        return null;
    }

    /// <summary>
    /// A deployment name as Azure allows it: letters, digits, '-', '_' and '.' (the character set the Foundry portal
    /// and the ARM API accept), 1 to <see cref="MaxDeploymentName"/> characters. Null when fine, else why not.
    /// </summary>
    public static string? DeploymentNameProblem(string name) =>
        name.Length is 0 or > MaxDeploymentName ? $"its length ({name.Length}) is outside 1-{MaxDeploymentName}"
        : name.Trim('.').Length == 0 || name.EndsWith('.') ? "it ends with '.' (or is only dots, a path segment), which Azure does not allow"
        : name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? null
        : $"it holds {Describe(name.First(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))}, and Azure allows only letters, digits, '-', '_' and '.'";

    /// <summary>An account name: 2-64 letters, digits and hyphens, starting with a letter or digit.</summary>
    public static bool IsAccountName(string name) => AccountName().IsMatch(name);

    /// <summary>A custom subdomain (a DNS label), as Claude Code checks ANTHROPIC_FOUNDRY_RESOURCE.</summary>
    public static bool IsSubdomain(string name) => Subdomain().IsMatch(name);

    /// <summary>A tenant: a GUID or a domain name (contoso.onmicrosoft.com).</summary>
    public static bool IsTenant(string tenant) => Guid.TryParseExact(tenant, "D", out _) || TenantDomain().IsMatch(tenant);

    public static bool IsGuid(string value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>A region's name as ARM uses it in paths and bodies (eastus2): 2-40 letters and digits.</summary>
    public static bool IsRegionName(string name) => RegionName().IsMatch(name);

    /// <summary>A state ARM reported (Registered, Disabled) when it is a plain word of letters, else <paramref name="otherwise"/>.</summary>
    public static string PlainWord(string? value, string otherwise) =>
        value is { Length: > 0 and <= 40 } word && word.All(char.IsAsciiLetter) ? word : otherwise;

    /// <summary>Text with every control or odd character escaped (\u001b, \u000a), the rest as it is: one line, safe in a terminal.</summary>
    public static string Printable(string text)
    {
        if (ForbiddenChar(text) is null) return text;
        var printable = new StringBuilder(text.Length + 16);
        foreach (var c in text) printable.Append(IsForbiddenChar(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return printable.ToString();
    }

    /// <summary>The value in double quotes with every control or odd character escaped (\n, \u001b): safe to print anywhere.</summary>
    public static string Show(string? value)
    {
        if (value is null) return "(none)";
        var text = new StringBuilder("\"");
        foreach (var c in value.Length > 200 ? value[..200] : value)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when IsForbiddenChar(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append(value.Length > 200 ? "…\"" : "\"").ToString();
    }

    /// <summary>Throws when a value to be written holds a forbidden character; the value itself is not repeated (it may be a key).</summary>
    public static void RequireWritable(string name, string value)
    {
        if (ForbiddenChar(value) is { } c)
        {
            throw new FoundryException(FoundryErrorCode.UntrustedValue,
                $"The value for {name} holds a control character ({c}); it was not written.");
        }
    }

    private static string Describe(char c) => IsForbiddenChar(c) || char.IsWhiteSpace(c)
        ? $"U+{(int)c:X4}"
        : c is '\'' ? "a quote (U+0027)" : $"'{c}' (U+{(int)c:X4})";

    // ARM's pattern for a Cognitive Services account name (2025-06-01: ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$, 2 to 64): the host
    // name comes from its customSubDomainName, checked as a DNS label on its own.
    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{1,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();

    [GeneratedRegex("^[a-z0-9]{2,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TenantDomain();
}
