namespace Botify.Contracts.Catalog;

/// <summary>Bounds that keep a hostile or mistaken catalog file from exhausting memory.</summary>
public sealed record CatalogFileLimits
{
    public static readonly CatalogFileLimits Default = new();

    /// <summary>Longest accepted line in a JSON-lines file (1 MiB: a row of 100,000 ids fits).</summary>
    public int MaxLineBytes { get; init; } = 1 << 20;

    /// <summary>Largest accepted track id; the in-memory catalog is an array indexed by track id.</summary>
    public int MaxTrackId { get; init; } = 10_000_000;

    /// <summary>Largest accepted `top_tracks.json` (read whole, as one JSON list).</summary>
    public int MaxTopTracksBytes { get; init; } = 64 << 20;
}
