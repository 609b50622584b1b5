using System.Reflection;
using FoundryIde.Server.Credentials;

namespace FoundryIde.Server.Rpc;

/// <summary>The RPC target: thin, each method hands its work to the feature that owns it.</summary>
public sealed class FoundryRpcServer(CredentialDoctor doctor, ServerLifetime lifetime, TimeProvider clock) : IFoundryRpc
{
    public static string Version { get; } =
        typeof(FoundryRpcServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public Task<InitializeResult> InitializeAsync(InitializeParams? request = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new InitializeResult("foundry-ide", Version,
            new ServerCapabilities(RpcMethods.All, BoundedHeaderDelimitedMessageHandler.DefaultMaxMessageBytes)));

    public Task<PingResult> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PingResult(clock.GetUtcNow()));

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        lifetime.Shutdown();
        return Task.CompletedTask;
    }

    public void OnExit() => lifetime.Exit();

    public async Task<DoctorReport> RunDoctorAsync(DoctorParams? request = null, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfShuttingDown();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Work);
        return await doctor.RunAsync(request ?? new DoctorParams(), work.Token);
    }
}
