using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.Sim.Listening;

/// <summary>
/// One listening session by the rules of SIM_AND_AB.md. Reused across episodes (no allocation
/// per step): Start picks the taste and first track, Consume scores each recommendation.
/// </summary>
public sealed class ListenerSession
{
    private readonly SimWorld world;
    private readonly ListenerModelOptions options;
    private readonly HashSet<int> history = new();
    private readonly int[] artistPlays;
    private readonly List<int> touchedArtists = new();
    private readonly float[] taste;
    private ListenerProfile profile = null!;
    private int budget;

    public ListenerSession(SimWorld world, ListenerModelOptions options)
    {
        this.world = world;
        this.options = options;
        artistPlays = new int[world.ArtistNames.Length];
        taste = new float[world.Dimension];
    }

    public int Listener { get; private set; }
    public int Interest { get; private set; }
    public int FirstTrack { get; private set; }
    /// <summary>The last track played and its listened share: what the next request reports.</summary>
    public int PreviousTrack { get; private set; }
    public double PreviousTime { get; private set; }
    /// <summary>Recommendations consumed so far.</summary>
    public int Steps { get; private set; }
    /// <summary>Sum of the listened shares of the recommendations.</summary>
    public double Reward { get; private set; }
    public int Budget => budget;
    public bool Ended { get; private set; }
    public bool HitCap { get; private set; }

    /// <summary>Picks an interest uniformly as the taste and the first track uniformly among its nearest tracks (time 1.0).</summary>
    public void Start(int listener, RandomStream rng)
    {
        foreach (var artist in touchedArtists) artistPlays[artist] = 0;
        touchedArtists.Clear();
        history.Clear();
        Listener = listener;
        profile = world.Listeners[listener];
        Interest = rng.NextInt(profile.Interests.Length);
        world.Embedding(profile.Interests[Interest]).CopyTo(taste);
        var neighbours = profile.InterestNeighbours[Interest];
        FirstTrack = neighbours[rng.NextInt(neighbours.Length)];
        budget = profile.SessionBudget ?? options.SessionBudget;
        Steps = 0;
        Reward = 0;
        Ended = budget <= 0;
        HitCap = false;
        Remember(FirstTrack);
        PreviousTrack = FirstTrack;
        PreviousTime = 1.0;
    }

    /// <summary>Listens to a recommended track: scores it, adds it to the history, maybe spends budget. Returns its time.</summary>
    public double Consume(int track, RandomStream rng)
    {
        var time = history.Contains(track) ? 0.0 : ListenedShare(track);
        Remember(track);
        Steps++;
        Reward += time;
        PreviousTrack = track;
        PreviousTime = time;
        if (rng.NextDouble() < 1.0 - time) budget--;
        if (budget <= 0) Ended = true;
        else if (Steps >= options.MaxRecommendations)
        {
            Ended = true;
            HitCap = true;
        }
        return time;
    }

    /// <summary>round(sigmoid((dot(e, q) − b)·s) · discount^(plays of the artist so far), 2), half to even.</summary>
    public double ListenedShare(int track)
    {
        var dot = (double)world.Dot(track, taste);
        var share = 1.0 / (1.0 + Math.Exp(-(dot - profile.ConsumeBias) * profile.ConsumeSharpness));
        var plays = artistPlays[world.ArtistOfTrack[track]];
        if (plays > 0) share *= Math.Pow(profile.ArtistDiscount ?? options.ArtistDiscount, plays);
        return Math.Round(share, 2, MidpointRounding.ToEven);
    }

    private void Remember(int track)
    {
        history.Add(track);
        var artist = world.ArtistOfTrack[track];
        if (artistPlays[artist]++ == 0) touchedArtists.Add(artist);
    }
}
