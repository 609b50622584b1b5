using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FoundryIde.Server.Rpc;

/// <summary>
/// Writes a <see cref="ResourcesResult"/> as the UTF-8 JSON it serialized to the first time it was written: the
/// sidecar answers every cached `resources/list` with the same result object, which is then copied, not
/// re-serialized (≈62 KiB at 75 resources, ≈870 KiB at 1,050; bench/results.md). The bytes live as long as the
/// object (a weak table keyed by identity); results are immutable once listed. Reading is the generated code's.
/// </summary>
public sealed class SerializedOnceConverter : JsonConverter<ResourcesResult>
{
    private static readonly ConditionalWeakTable<ResourcesResult, byte[]> Serialized = new();

    public override ResourcesResult? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, FoundryJsonContext.Default.ResourcesResult);

    public override void Write(Utf8JsonWriter writer, ResourcesResult value, JsonSerializerOptions options) =>
        writer.WriteRawValue(Serialized.GetValue(value, ToUtf8), skipInputValidation: true);

    private static byte[] ToUtf8(ResourcesResult value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, FoundryJsonContext.Default.ResourcesResult);
}
