using Microsoft.AspNetCore.Diagnostics;

namespace Botify.Gateway;

/// <summary>JSON bodies for the answers the framework gives by itself: unknown path (404), wrong method (405), unexpected failures.</summary>
public static class JsonErrorPages
{
    private const string Endpoints = "GET /, GET /track/{track}, POST /next/{user}, POST /last/{user}, GET /health";

    public static WebApplication UseJsonErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteExceptionAsync, StatusCodeSelector = StatusFor });
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        return app;
    }

    private static Task WriteStatusAsync(HttpContext http)
    {
        var request = http.Request;
        var path = PathId.Shorten(request.Path.Value);
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => new ApiError($"path {path} has no endpoint ({request.Method}); the API is {Endpoints}", "path"),
            // The routing refuses a non-JSON body itself (the endpoints declare what they accept).
            StatusCodes.Status415UnsupportedMediaType => ApiError.UnsupportedContentType(request.ContentType),
            StatusCodes.Status405MethodNotAllowed
                => new ApiError($"method {request.Method} is not allowed on {path}; use {http.Response.Headers.Allow}", "method"),
            var status => new ApiError($"the request failed with status {status}"),
        };
        return http.Response.WriteAsJsonAsync(error, ApiError.Json);
    }

    private static int StatusFor(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static Task WriteExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = exception is BadHttpRequestException bad
            ? new ApiError($"the request could not be read: {bad.Message}")
            : new ApiError("the service failed unexpectedly; the failure is logged, retry shortly");
        return http.Response.WriteAsJsonAsync(error, ApiError.Json);
    }
}
