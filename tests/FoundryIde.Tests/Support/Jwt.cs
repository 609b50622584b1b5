using System.Buffers.Text;
using System.Text;

namespace FoundryIde.Tests.Support;

/// <summary>Builds unsigned JWT-shaped strings for claim-reading tests.</summary>
internal static class Jwt
{
    public static string WithPayload(string json) =>
        $"{Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Encode(json)}.c2ln";

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
