using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FoundryIde.Emulator;

namespace FoundryIde.Tests.Deploy;

/// <summary>Plain HTTPS calls to an emulator as the default service principal (the test CA as the only trusted root).</summary>
internal sealed class EmulatorArmClient(AzureEmulator emulator) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        SslOptions =
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { TestSupportCa.Certificate },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    });

    public string ArmToken { get; } = emulator.IssueToken(DefaultSeed.ServicePrincipalAppId, emulator.BaseUri.ToString());

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(emulator.BaseUri, pathAndQuery.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? ArmToken);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<(int Status, JsonNode? Body)> PollAsync(Uri operation)
    {
        for (var i = 0; i < 20; i++)
        {
            var (status, body, _) = await SendAsync(HttpMethod.Get, operation.PathAndQuery);
            if (status != 200 || body?["status"]?.GetValue<string>() != "InProgress") return (status, body);
        }

        throw new AssertFailedException("the operation never ended");
    }

    public void Dispose() => _http.Dispose();
}

internal static class TestSupportCa
{
    public static X509Certificate2 Certificate => Support.TestAzure.Ca.Ca;
}
