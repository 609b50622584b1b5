using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using FoundryIde.Server.Rpc;
using StreamJsonRpc;

namespace FoundryIde.Tests.Rpc;

/// <summary>
/// The sidecar's contract as one JSON document: every method of <see cref="IFoundryRpc"/> by its
/// <see cref="JsonRpcMethodAttribute"/> name with its params and result, the server's notifications, the error codes,
/// and every record as a JSON Schema exported from the source-generated <see cref="FoundryJsonContext"/>.
/// Committed as server/Rpc/rpc-schema.json; the extension's protocol/*.generated.ts are generated from that file.
/// </summary>
public static class RpcSchemaExport
{
    public const string RelativePath = "server/Rpc/rpc-schema.json";

    /// <summary>Notifications the server sends (they are not methods of the interface it implements).</summary>
    private static readonly (string Method, Type Params)[] ServerNotifications = [("$/progress", typeof(ProgressParams))];

    public static string Build()
    {
        // Nullability and required constructor parameters make the schema say what may be absent or null.
        var options = new JsonSerializerOptions(FoundryJsonContext.Default.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        var context = new FoundryJsonContext(options);
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonSchemaExporterOptions exporter = null!;
        JsonNode Schema(Type type) => context.GetTypeInfo(type)!.GetJsonSchemaAsNode(exporter);
        exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            // The exporter points a type's second use at its first ("#/properties/..."); records move to $defs, so
            // such a pointer would dangle: the type is exported again in place instead (no contract type is recursive).
            TransformSchemaNode = (ctx, node) => ToReference(ctx, IsPathReference(node) ? Schema(ctx.TypeInfo.Type) : node, definitions),
        };

        var methods = new JsonObject();
        foreach (var method in typeof(IFoundryRpc).GetMethods().OrderBy(m => m.GetCustomAttribute<JsonRpcMethodAttribute>()!.Name, StringComparer.Ordinal))
        {
            var name = method.GetCustomAttribute<JsonRpcMethodAttribute>()!.Name!;
            var parameter = method.GetParameters().FirstOrDefault(p => p.ParameterType != typeof(CancellationToken));
            var result = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
            methods[name] = new JsonObject
            {
                ["kind"] = method.ReturnType == typeof(void) ? "notification" : "request",
                ["params"] = parameter is null ? null : Schema(parameter.ParameterType),
                ["paramsOptional"] = parameter is not null && parameter.HasDefaultValue,
                ["result"] = method.ReturnType == typeof(void) ? null : result is null ? new JsonObject { ["type"] = "null" } : Schema(result),
            };
        }

        var notifications = new JsonObject();
        foreach (var (method, type) in ServerNotifications) notifications[method] = new JsonObject { ["params"] = Schema(type) };

        var errorCodes = new JsonObject();
        foreach (var code in Enum.GetValues<FoundryErrorCode>()) errorCodes[code.ToString()] = (int)code;

        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "FoundryIde sidecar JSON-RPC contract (generated from server/Rpc by the RpcSchema tests; do not edit)",
            ["methods"] = methods,
            ["serverNotifications"] = notifications,
            ["errorCodes"] = errorCodes,
            ["$defs"] = new JsonObject(definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static bool IsPathReference(JsonNode node) =>
        node is JsonObject { Count: 1 } o && o["$ref"]?.GetValue<string>() is { } target && !target.StartsWith("#/$defs/", StringComparison.Ordinal);

    /// <summary>Each record of ours becomes a named definition and is referred to by $ref (null stays allowed where it was).</summary>
    private static JsonNode ToReference(JsonSchemaExporterContext context, JsonNode node, SortedDictionary<string, JsonNode> definitions)
    {
        // A string property that takes only some words ([property: AllowedValues(...)]) gets them as its enum.
        if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), true) is [AllowedValuesAttribute allowed, ..]
            && node is JsonObject property)
        {
            var words = new JsonArray([.. allowed.Values.Select(v => JsonValue.Create(v as string))]);
            if (property["items"] is JsonObject items)
            {
                items["enum"] = words; // a list of those words
            }
            else
            {
                if (property["type"] is JsonArray kinds && kinds.Any(k => k?.GetValue<string>() == "null")) words.Add(null);
                property["enum"] = words;
            }
        }

        var type = context.TypeInfo.Type;
        if (context.TypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            || type.Namespace?.StartsWith("FoundryIde.", StringComparison.Ordinal) != true
            || node is not JsonObject schema)
        {
            return node;
        }

        var nullable = schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
        var definition = (JsonObject)schema.DeepClone();
        definition["type"] = "object";
        definition.Remove("$schema");
        definition.Insert(0, "title", type.Name);
        definitions[type.Name] = definition;
        var reference = new JsonObject { ["$ref"] = $"#/$defs/{type.Name}" };
        return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
    }
}
