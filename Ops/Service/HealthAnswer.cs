namespace Botify.Ops.Service;

/// <summary>
/// One GET of a JSON endpoint: the HTTP status (0 when nothing answered), the parsed body when it parsed, and what went wrong otherwise.
/// </summary>
public sealed record HealthAnswer<T>(int StatusCode, T? Body, string? Problem)
    where T : class
{
    public bool Answered => StatusCode != 0;
}
