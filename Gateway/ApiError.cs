using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Botify.Gateway;

/// <summary>The body of every error answer: what went wrong and how to fix it, and the input at fault.</summary>
public sealed record ApiError(string Message, string? Field = null)
{
    /// <summary>Error JSON without \u0022-style escapes, so messages quoting JSON stay readable (errors are off the hot path).</summary>
    internal static readonly JsonTypeInfo<ApiError> Json = (JsonTypeInfo<ApiError>)new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = GatewayJsonContext.Default,
    }.GetTypeInfo(typeof(ApiError));

    /// <summary>The answer to a request without a JSON content type.</summary>
    internal static ApiError UnsupportedContentType(string? contentType) => new(
        $"Content-Type must be application/json, got '{PathId.Shorten(contentType)}'; send the header Content-Type: application/json",
        "Content-Type");
}
