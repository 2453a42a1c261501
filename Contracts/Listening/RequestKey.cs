namespace Botify.Contracts.Listening;

/// <summary>
/// The 64-bit key a user's state remembers of a request id (a random GUID made by the gateway): the two halves XORed, which
/// keeps all the randomness of a version-4 GUID (its fixed version and variant bits fall in different halves). 0 means "no id".
/// Collision risk: a new request is wrongly taken for a retry only when its key equals one of the user's last
/// <c>IdempotencyWindow</c> keys (16): 16 / 2^64 ≈ 8.7e-19 per request, so under 1e-6 over a trillion requests. A retry always
/// carries the same GUID, so it always maps to the same key.
/// </summary>
public static class RequestKey
{
    public static long Of(Guid requestId)
    {
        Span<byte> bytes = stackalloc byte[16];
        requestId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
