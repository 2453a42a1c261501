using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>Everything `lab train` needs; the defaults live in the options records and the command.</summary>
public sealed record TrainSettings(
    string Logs,
    string Out,
    int Seed,
    double PositiveThreshold,
    double Holdout,
    int Top,
    ContextualOptions Contextual,
    MatrixFactorisationOptions Lfm,
    LightGcnOptions Gcf,
    string? Catalog = null,
    int MaxLineBytes = EventLogReader.DefaultMaxLineBytes,
    AlsOptions? Als = null,
    UserBasedOptions? UserBased = null,
    double HoldoutSessions = 0,
    SimilarArtistsOptions? SimilarArtists = null,
    double ArtistDiscount = Training.ArtistDiscount.DefaultFactor,
    string? Models = null,
    UserListOptions? Lists = null)
{
    /// <summary>
    /// The models `train --models` names (comma-separated: LFM, LGCF, ALS, UB, SimilarArtists); null trains them all.
    /// TopPop and Contextual always train.
    /// </summary>
    public bool Trains(string model) =>
        Models is null
        || Models.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(model, StringComparer.OrdinalIgnoreCase);

    /// <summary>Implicit ALS options (<see cref="AlsOptions.Defaults"/> when not given).</summary>
    public AlsOptions AlsOrDefaults => Als ?? AlsOptions.Defaults;

    /// <summary>User-based CF options (<see cref="UserBasedOptions.Defaults"/> when not given).</summary>
    public UserBasedOptions UserBasedOrDefaults => UserBased ?? UserBasedOptions.Defaults;

    /// <summary>How the per-user tables are built (defaults: <see cref="UserListOptions.Defaults"/>).</summary>
    public UserListOptions UserLists => Lists ?? UserListOptions.Defaults;
}
