using System.Text;
using FoundryIde.Server.Platforms;

namespace FoundryIde.Server.Hosting;

/// <summary>
/// Every verb prints UTF-8. Windows writes text in the console's code page (OEM 437 or 850: the "·" of a model name
/// came out as the byte 0xB7), so there the console is switched to UTF-8 before anything is written; a process with no
/// console (started detached) cannot switch it, and its redirected output gets UTF-8 writers instead.
/// </summary>
public static class ConsoleEncoding
{
    public static void UseUtf8(HostPlatform platform)
    {
        if (!platform.IsWindows) return;
        try
        {
            Console.OutputEncoding = Encoding.UTF8;
        }
        catch (IOException)
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            if (Console.IsOutputRedirected) Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true });
            if (Console.IsErrorRedirected) Console.SetError(new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true });
        }
    }
}
