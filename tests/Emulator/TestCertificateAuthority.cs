using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FoundryIde.Emulator;

/// <summary>
/// A throw-away certificate authority and a server certificate signed by it, for the loopback emulator.
/// Clients trust it through <see cref="CaPemPath"/> (Node: NODE_EXTRA_CA_CERTS) or <see cref="BundlePemPath"/>
/// (Python requests: REQUESTS_CA_BUNDLE; .NET/OpenSSL: SSL_CERT_FILE).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>The system trust store that <see cref="BundlePemPath"/> starts with.</summary>
    public const string SystemBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>DNS names always present in the server certificate.</summary>
    public static readonly IReadOnlyList<string> DefaultDnsNames =
    [
        "localhost",
        "*.services.ai.azure.com",
        "*.cognitiveservices.azure.com",
        "*.openai.azure.com",
        "management.azure.com",
        "login.microsoftonline.com",
    ];

    private TestCertificateAuthority(string directory, X509Certificate2 ca, X509Certificate2 server)
    {
        Directory = directory;
        Ca = ca;
        ServerCertificate = server;
        CaPemPath = Path.Combine(directory, "ca.pem");
        BundlePemPath = Path.Combine(directory, "ca-bundle.pem");
    }

    public string Directory { get; }

    /// <summary>PEM file with the CA certificate only.</summary>
    public string CaPemPath { get; }

    /// <summary>PEM file with the system CA bundle followed by the CA certificate.</summary>
    public string BundlePemPath { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate with its private key, loaded from PKCS#12 so Kestrel can use it.</summary>
    public X509Certificate2 ServerCertificate { get; }

    public static TestCertificateAuthority Create(string directory, IEnumerable<string>? extraDnsNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        System.IO.Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest(
            "CN=FoundryIde Test CA, O=FoundryIde Tests", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest(
            "CN=localhost, O=FoundryIde Tests", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        serverRequest.CertificateExtensions.Add(BuildSubjectAlternativeNames(extraDnsNames));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var serverPublic = serverRequest.Create(caWithKey, now.AddDays(-1), now.AddYears(2), serial);
        using var serverWithKey = serverPublic.CopyWithPrivateKey(serverKey);

        // Kestrel on Linux wants a key it can use from an exportable PKCS#12 import, not an ephemeral one.
        var server = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);

        var authority = new TestCertificateAuthority(directory, ca, server);
        authority.WritePemFiles();
        return authority;
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        Ca.Dispose();
    }

    private static X509Extension BuildSubjectAlternativeNames(IEnumerable<string>? extraDnsNames)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        var names = new HashSet<string>(DefaultDnsNames, StringComparer.OrdinalIgnoreCase);
        foreach (var name in DefaultDnsNames)
        {
            san.AddDnsName(name);
        }

        foreach (var name in extraDnsNames ?? [])
        {
            if (names.Add(name))
            {
                san.AddDnsName(name);
            }
        }

        return san.Build(critical: false);
    }

    private void WritePemFiles()
    {
        var caPem = Ca.ExportCertificatePem() + "\n";
        File.WriteAllText(CaPemPath, caPem);
        var system = File.Exists(SystemBundlePath) ? File.ReadAllText(SystemBundlePath) : string.Empty;
        if (system.Length > 0 && !system.EndsWith('\n'))
        {
            system += "\n";
        }

        File.WriteAllText(BundlePemPath, system + caPem);
    }
}
