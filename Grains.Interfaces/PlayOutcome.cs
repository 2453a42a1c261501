namespace Botify.Grains;

/// <summary>Whether a play was applied, or why not (nothing changes unless it is <see cref="Applied"/>).</summary>
[GenerateSerializer]
public enum PlayOutcome
{
    [Id(0)] Applied,
    /// <summary>The same request id was applied before; the earlier answer is repeated.</summary>
    [Id(1)] Duplicate,
    /// <summary>The track is not in the current catalog.</summary>
    [Id(2)] UnknownTrack,
    /// <summary>No catalog has been loaded yet.</summary>
    [Id(3)] CatalogNotLoaded,
}
