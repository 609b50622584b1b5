using System.Buffers;
using System.Text;
using FoundryIde.Server.Rpc;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace FoundryIde.Tests.Rpc;

/// <summary>A cached listing is written from the bytes of its first serialization: the same JSON, every time.</summary>
[TestClass]
public sealed class SerializedOnceConverterTests
{
    private static ResourcesResult Listing(string suffix) => new(
        [new FoundryResource($"ai-{suffix}", "sub-1", "rg", "westus", "https://ai.services.ai.azure.com/",
            [new ClaudeDeployment("sonnet", "claude-sonnet-4-5", "20250929", "sonnet", "GlobalStandard", 20, "Succeeded")],
            "/subscriptions/sub-1/accounts/ai", "ai-sub", DisableLocalAuth: true)],
        [new DiscoveryError("/subscriptions/sub-2", "no access \"quoted\" <tag> é")]);

    private static string Frame(SystemTextJsonFormatter formatter, ResourcesResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        formatter.Serialize(buffer, new JsonRpcResult { RequestId = new RequestId(7), Result = result, ResultDeclaredType = typeof(ResourcesResult) });
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static SystemTextJsonFormatter WithoutConverter()
    {
        var formatter = RpcConnection.CreateFormatter();
        var converter = formatter.JsonSerializerOptions.Converters.OfType<SerializedOnceConverter>().Single();
        formatter.JsonSerializerOptions.Converters.Remove(converter);
        return formatter;
    }

    [TestMethod]
    public void Write_SameResultTwice_WritesWhatTheGeneratedSerializerWrites()
    {
        var result = Listing("a");
        var expected = Frame(WithoutConverter(), result);
        var formatter = RpcConnection.CreateFormatter();

        var first = Frame(formatter, result);
        var second = Frame(formatter, result);

        Assert.AreEqual(expected, first);
        Assert.AreEqual(expected, second);
        StringAssert.Contains(first, "\"disableLocalAuth\":true");
    }

    [TestMethod]
    public void Write_AnotherResult_IsNotAnsweredWithTheFirstOnesBytes()
    {
        var formatter = RpcConnection.CreateFormatter();

        var a = Frame(formatter, Listing("a"));
        var b = Frame(formatter, Listing("b"));

        StringAssert.Contains(a, "\"ai-a\"");
        StringAssert.Contains(b, "\"ai-b\"");
        Assert.DoesNotContain("\"ai-a\"", b);
    }

    [TestMethod]
    public void Read_WhatWasWritten_GivesTheListingBack()
    {
        var formatter = RpcConnection.CreateFormatter();
        var bytes = Encoding.UTF8.GetBytes(Frame(formatter, Listing("a")));

        var message = (JsonRpcResult)formatter.Deserialize(new ReadOnlySequence<byte>(bytes));
        var read = message.GetResult<ResourcesResult>();

        Assert.AreEqual("ai-a", read.Resources.Single().Name);
        Assert.AreEqual("sonnet", read.Resources.Single().Deployments.Single().Name);
        Assert.AreEqual("/subscriptions/sub-2", read.Errors.Single().Scope);
    }
}
