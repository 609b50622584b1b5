using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Emulator;

/// <summary>
/// A loopback HTTPS emulator of the Azure pieces FoundryIde talks to: Entra ID (AAD v2 and ADFS style), managed identity
/// (App Service and IMDS style), ARM (subscriptions, Cognitive Services accounts, deployments, keys, permissions) and the
/// Foundry Anthropic Messages endpoint. Kestrel runs in-process on https://127.0.0.1:PORT/.
/// </summary>
public sealed class AzureEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorContext _context;

    private AzureEmulator(WebApplication app, EmulatorContext context)
    {
        _app = app;
        _context = context;
    }

    /// <summary>https://127.0.0.1:PORT/ (with the trailing slash).</summary>
    public Uri BaseUri => _context.BaseUri;

    public int Port => BaseUri.Port;
    public RequestLog Requests => _context.Requests;
    public FaultInjector Faults => _context.Faults;
    public EmulatorState State => _context.State;
    public EmulatorOptions Options => _context.Options;

    /// <summary>The secret for IDENTITY_HEADER (App Service managed identity).</summary>
    public string ManagedIdentityHeader => _context.IdentityHeader;

    /// <summary>The value for IDENTITY_ENDPOINT: https://127.0.0.1:PORT/msi/token.</summary>
    public Uri ManagedIdentityEndpoint => new(BaseUri, ManagedIdentityEndpoints.AppServicePath.TrimStart('/'));

    /// <summary>The value for AZURE_AUTHORITY_HOST: https://127.0.0.1:PORT (no trailing slash).</summary>
    public string AuthorityHost => BaseUri.ToString().TrimEnd('/');

    public static async Task<AzureEmulator> StartAsync(
        EmulatorState state, TestCertificateAuthority ca, EmulatorOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ca);
        options ??= new EmulatorOptions();
        var identityHeader = options.ManagedIdentityHeader ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var tokens = new TokenIssuer(options.TimeProvider, () => options.TokenLifetime);
        var context = new EmulatorContext(state, options, tokens, new RequestLog(), new FaultInjector(), identityHeader);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(ca.ServerCertificate));
        });

        var app = builder.Build();
        app.Use((ctx, next) => RequestPipeline.InvokeAsync(ctx, next, context));
        AdminEndpoints.Map(app, context);
        EntraEndpoints.Map(app, context);
        ManagedIdentityEndpoints.Map(app, context);
        ArmEndpoints.Map(app, context);
        FoundryEndpoints.Map(app, context);
        app.MapFallback((RequestDelegate)(ctx => ctx.WriteAzureErrorAsync(404, "NotFound",
            $"The emulator has no handler for '{ctx.Request.Method} {ctx.Request.Path}'.")));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        context.BaseUri = new Uri($"https://127.0.0.1:{port}/");
        return new AzureEmulator(app, context);
    }

    /// <summary>
    /// The path-style Foundry Anthropic base URL of an account (by account name or custom subdomain):
    /// https://127.0.0.1:PORT/accounts/{customSubDomain}/anthropic (for ANTHROPIC_FOUNDRY_BASE_URL).
    /// </summary>
    public string AnthropicBaseUrl(string accountName)
    {
        var account = State.FindAccountByName(accountName) ?? State.FindAccountBySubDomain(accountName)
            ?? throw new ArgumentException($"No account named '{accountName}'.", nameof(accountName));
        return $"{BaseUri}accounts/{account.CustomSubDomainName}/anthropic";
    }

    /// <summary>Mints a token directly (no HTTP) for a service principal (by app id) or managed identity (by client id).</summary>
    public string IssueToken(string appOrClientId, string audience)
    {
        var sp = State.FindServicePrincipal(appOrClientId);
        if (sp is not null)
        {
            return _context.Tokens.Issue(PrincipalKind.ServicePrincipal, sp.ObjectId, sp.AppId, sp.TenantId, sp.DisplayName,
                audience, $"{AuthorityHost}/{sp.TenantId}/").Token;
        }

        var mi = State.FindManagedIdentity(appOrClientId, null, null)
            ?? throw new ArgumentException($"No service principal or managed identity '{appOrClientId}'.", nameof(appOrClientId));
        return _context.Tokens.Issue(PrincipalKind.ManagedIdentity, mi.ObjectId, mi.ClientId, mi.TenantId, mi.Name,
            audience, $"{AuthorityHost}/{mi.TenantId}/", mi.ResourceId).Token;
    }

    /// <summary>Forgets every issued token: the next use of any of them gets a 401.</summary>
    public void RevokeAllTokens() => _context.Tokens.RevokeAll();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
