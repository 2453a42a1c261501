namespace Botify.Ops.Bench;

/// <summary>
/// What a <see cref="UserFill"/> pass did: users reached (each answered 200), users that still failed after the retries,
/// requests sent (retries included), the first error seen and the wall time.
/// </summary>
public sealed record FillResult(long Reached, long Failed, long Requests, string? FirstError, double Seconds)
{
    public double UsersPerSecond => Seconds > 0 ? Reached / Seconds : 0;
}
