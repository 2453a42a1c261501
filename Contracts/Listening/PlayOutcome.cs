namespace Botify.Contracts.Listening;

/// <summary>Whether a play was applied, or why not (nothing changes unless it is <see cref="Applied"/>).</summary>
public enum PlayOutcome
{
    Applied,
    /// <summary>The same request id was applied before; the earlier answer is repeated.</summary>
    Duplicate,
    /// <summary>The track is not in the current catalog.</summary>
    UnknownTrack,
    /// <summary>No catalog has been loaded yet.</summary>
    CatalogNotLoaded,
}
