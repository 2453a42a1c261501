using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Botify.Gateway;

/// <summary>
/// A validated `/next` or `/last` request — user from the path, track and time from the
/// body — or the 4xx answer explaining what is wrong with it.
/// </summary>
public readonly record struct PlayRequest(int User, PlayBody Body, JsonHttpResult<ApiError>? Error)
{
    /// <summary>Checks, in order: user id, content type, body size, body JSON.</summary>
    public static async ValueTask<PlayRequest> ReadAsync(string user, HttpRequest request, int maxBodyBytes)
    {
        if (!PathId.TryParse(user, "user", out var userId, out var idError)) return Fail(idError!, StatusCodes.Status400BadRequest);
        if (!IsJson(request.ContentType))
        {
            return Fail(ApiError.UnsupportedContentType(request.ContentType), StatusCodes.Status415UnsupportedMediaType);
        }
        if (request.ContentLength > maxBodyBytes) return TooLarge(maxBodyBytes);

        var pipe = request.BodyReader;
        PlayBody body = default;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await pipe.ReadAsync(request.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException e)
            {
                return Fail(new ApiError($"the request body could not be read ({e.Message}); send the whole body, as its Content-Length or chunked " +
                    "encoding announces", "body"), e.StatusCode);
            }
            catch (OperationCanceledException)
            {
                return Fail(new ApiError("the request was aborted before its body arrived", "body"), StatusCodes.Status400BadRequest);
            }
            var buffer = read.Buffer;
            if (buffer.Length > maxBodyBytes)
            {
                pipe.AdvanceTo(buffer.End);
                return TooLarge(maxBodyBytes);
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                ApiError? error;
                try
                {
                    error = buffer.IsEmpty
                        ? new ApiError("the request body is empty; send {\"track\":<track id>,\"time\":<share listened 0..1>}", "body")
                        : PlayBodyParser.TryParse(buffer, out body);
                }
                finally
                {
                    pipe.AdvanceTo(buffer.End);
                }
                return error is null ? new PlayRequest(userId, body, null) : Fail(error, StatusCodes.Status400BadRequest);
            }
            pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public static JsonHttpResult<ApiError> ErrorResult(ApiError error, int status) =>
        TypedResults.Json(error, ApiError.Json, statusCode: status);

    private static PlayRequest Fail(ApiError error, int status) => new(0, default, ErrorResult(error, status));

    private static PlayRequest TooLarge(int maxBodyBytes) => Fail(
        new ApiError($"the request body is larger than {maxBodyBytes} bytes; send only {{\"track\":<int>,\"time\":<0..1>}}", "body"),
        StatusCodes.Status413PayloadTooLarge);

    private static bool IsJson(string? contentType)
    {
        if (contentType is null) return false;
        var value = contentType.AsSpan().Trim();
        const string json = "application/json";
        if (!value.StartsWith(json, StringComparison.OrdinalIgnoreCase)) return false;
        return value.Length == json.Length || value[json.Length] is ';' or ' ';
    }
}
