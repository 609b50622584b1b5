using System.Text.Json.Nodes;
using FoundryIde.Server.Credentials;
using FoundryIde.Server.Rpc;

namespace FoundryIde.Server.Cli;

/// <summary>How a CLI verb ends when something goes wrong: one readable line on stderr, never a stack trace.</summary>
public static class CliErrors
{
    public const int Expected = 1;
    public const int Unexpected = 70;

    /// <param name="json">--json was given: the failure is also printed on stdout as {"error":{"code","name","message"}},
    /// so a script that parses stdout gets JSON either way (the codes are the JSON-RPC ones).</param>
    public static async Task<int> RunAsync(string verb, Func<Task<int>> action, bool json = false)
    {
        try
        {
            return await action();
        }
        catch (FoundryException e)
        {
            return await FailAsync(verb, (int)e.Code, e.Code.ToString(), Redact(e.Message), Expected, json);
        }
        catch (OperationCanceledException)
        {
            return await FailAsync(verb, 130, "Cancelled", "cancelled.", 130, json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return await FailAsync(verb, -32603, "InternalError",
                $"internal error ({e.GetType().Name}): {Redact(e.Message)} Run again with FOUNDRYIDE_LOG_LEVEL=Debug for details, and report it.", Unexpected, json);
        }
    }

    /// <summary>Options that do not parse, for a verb run with --json: the problems on stderr and as JSON on stdout.</summary>
    public static Task<int> UsageAsync(string verb, IEnumerable<string> problems) =>
        FailAsync(verb, (int)FoundryErrorCode.InvalidInput, nameof(FoundryErrorCode.InvalidInput),
            $"{string.Join(" ", problems)} See foundry-ide {verb} --help.", Expected, json: true);

    private static async Task<int> FailAsync(string verb, int code, string name, string message, int exitCode, bool json)
    {
        await Console.Error.WriteLineAsync($"foundry-ide {verb}: {message}");
        if (json)
        {
            var error = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["name"] = name, ["message"] = message } };
            await Console.Out.WriteLineAsync(error.ToJsonString(CliJson.Options));
        }

        return exitCode;
    }

    private static string Redact(string text) => new SecretRedactor(new ProcessEnvironment()).Redact(text);
}
