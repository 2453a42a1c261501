namespace Botify.Gateway;

/// <summary>`GET /track/{track}` answer, as the reference service.</summary>
public sealed record TrackResponse(int Track, string Artist, string Title, int[] Recommendations);
