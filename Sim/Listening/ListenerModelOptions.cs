namespace Botify.Sim.Listening;

/// <summary>Listener model constants of SIM_AND_AB.md, plus the session cap the reference simulator lacked.</summary>
public sealed record ListenerModelOptions
{
    public int SessionBudget { get; init; } = 5;
    /// <summary>Each earlier play of the same artist in this session multiplies the listened share by this.</summary>
    public double ArtistDiscount { get; init; } = 0.8;
    /// <summary>Recommendations per session at most; a recommender that keeps time at 1.00 would otherwise never end one.</summary>
    public int MaxRecommendations { get; init; } = 500;
}
