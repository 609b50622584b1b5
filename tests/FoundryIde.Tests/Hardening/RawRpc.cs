using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Hardening;

/// <summary>Runs calls against a fresh `foundry-ide serve` as raw frames; returns each answer's exact JSON text, in call order.</summary>
internal static class RawRpc
{
    public static async Task<(string[] Answers, string Stderr)> RunAsync(
        IReadOnlyDictionary<string, string> environment, IReadOnlyList<(string Method, string Params)> calls, CancellationToken cancellationToken)
    {
        using var process = Sidecar.Start("serve", environment);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(120));
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        var answers = new string?[calls.Count];
        try
        {
            // One at a time: each call sees the settings the ones before it made.
            for (var i = 0; i < calls.Count; i++)
            {
                await process.StandardInput.BaseStream.WriteAsync(RawFrames.Request(i, calls[i].Method, calls[i].Params), cts.Token);
                await process.StandardInput.BaseStream.FlushAsync(cts.Token);
                while (answers[i] is null)
                {
                    using var doc = await RawFrames.ReadAsync(process.StandardOutput.BaseStream, cts.Token)
                        ?? throw new AssertFailedException($"the sidecar ended before answering {calls[i].Method}: {await stderr}");
                    if (doc.RootElement.TryGetProperty("id", out var id) && id.TryGetInt32(out var n) && n == i)
                    {
                        answers[i] = doc.RootElement.GetRawText();
                    }
                }
            }
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
        }

        return (answers.Select(a => a!).ToArray(), await stderr);
    }
}
