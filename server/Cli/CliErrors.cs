using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>How a CLI verb ends when something goes wrong: one readable line on stderr, never a stack trace.</summary>
public static class CliErrors
{
    public const int Expected = 1;
    public const int Unexpected = 70;

    public static async Task<int> RunAsync(string verb, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (FoundryException e)
        {
            await Console.Error.WriteLineAsync($"foundry-ide {verb}: {Redact(e.Message)}");
            return Expected;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"foundry-ide {verb}: cancelled.");
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync(
                $"foundry-ide {verb}: internal error ({e.GetType().Name}): {Redact(e.Message)} " +
                $"Run again with FOUNDRYIDE_LOG_LEVEL=Debug for details, and report it.");
            return Unexpected;
        }
    }

    private static string Redact(string text) => new SecretRedactor(new ProcessEnvironment()).Redact(text);
}
