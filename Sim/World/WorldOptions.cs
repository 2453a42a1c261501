namespace Botify.Sim.World;

/// <summary>
/// Generator parameters of a synthetic world. The defaults are the calibrated world of
/// SIM_AND_AB.md (Random ≈ 7.05 tracks / 2.05 time per session, StickyArtist ≈ +45 % time).
/// </summary>
public sealed record WorldOptions
{
    public long Seed { get; init; } = 42;
    public int Tracks { get; init; } = 50_000;
    public int Artists { get; init; } = 5_000;
    public int Genres { get; init; } = 40;
    public int Dimension { get; init; } = 64;
    public int Listeners { get; init; } = 10_000;
    public int InterestsPerListener { get; init; } = 3;
    /// <summary>Tracks the listener model draws the first track from (nearest to the interest).</summary>
    public int InterestNeighbours { get; init; } = 10;
    /// <summary>Artist weights w_r = r^-exponent: heavy-tailed tracks per artist.</summary>
    public double ArtistSizeExponent { get; init; } = 0.8;
    public int MaxTracksPerArtist { get; init; } = 400;
    /// <summary>Genre of an artist drawn with p_g ∝ (g+1)^-exponent.</summary>
    public double GenreExponent { get; init; } = 0.5;
    /// <summary>Shares of the squared norm: global direction, genre, artist; the rest is per-track noise.</summary>
    public double GlobalShare { get; init; } = 0.5 / 12;
    public double GenreShare { get; init; } = 3.0 / 12;
    public double ArtistShare { get; init; } = 5.0 / 12;
    /// <summary>Squared length of every embedding (self dot product).</summary>
    public double SquaredNorm { get; init; } = 12;
    public double ConsumeBiasMin { get; init; } = 0;
    public double ConsumeBiasMax { get; init; } = 10;
    public double ConsumeSharpnessMin { get; init; } = 0.5;
    public double ConsumeSharpnessMax { get; init; } = 2;

    /// <summary>Throws with a message naming the option and the fix when the parameters cannot make a world.</summary>
    public void Validate()
    {
        if (Tracks < 1) throw new ArgumentException($"--tracks {Tracks}: need at least 1 track");
        if (Artists < 1 || Artists > Tracks) throw new ArgumentException($"--artists {Artists}: need 1..tracks ({Tracks}) artists");
        if ((long)Artists * MaxTracksPerArtist < Tracks) throw new ArgumentException($"--max-tracks-per-artist {MaxTracksPerArtist}: {Artists} " +
            $"artists cannot hold {Tracks} tracks; raise the cap or the artist count");
        if (Genres < 1) throw new ArgumentException($"--genres {Genres}: need at least 1 genre");
        if (Dimension < 1) throw new ArgumentException($"--dimension {Dimension}: need at least 1");
        if (Listeners < 1) throw new ArgumentException($"--listeners {Listeners}: need at least 1 listener");
        if (InterestsPerListener < 1) throw new ArgumentException($"interests per listener {InterestsPerListener}: need at least 1");
        if (InterestNeighbours < 1 || InterestNeighbours > Tracks)
            throw new ArgumentException($"interest neighbours {InterestNeighbours}: need 1..tracks ({Tracks})");
        if (GlobalShare < 0 || GenreShare < 0 || ArtistShare < 0 || GlobalShare + GenreShare + ArtistShare > 1)
            throw new ArgumentException("embedding shares: global, genre and artist shares must be non-negative and sum to at most 1");
    }
}
