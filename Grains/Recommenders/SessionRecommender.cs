using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// The seed's session recommender. Per request: advance the user's (method, failCount) with
/// the previous play's time (<see cref="SessionStateMachine"/>); then read the method's
/// per-user table: for de-duplicating methods (lgcf, lfm) a uniform pick among the first
/// <see cref="SessionOptions.SampleSize"/> tracks not in the history, otherwise (lgcf_m) a
/// uniform pick over the whole list. Fallback when that yields nothing (no table, no row,
/// every track played): Indexed(<see cref="SessionOptions.FallbackTable"/>) → Random.
/// </summary>
public sealed class SessionRecommender : IRecommender
{
    private readonly SessionStateMachine machine;
    private readonly string[] tables;       // by method index
    private readonly bool[] skipPlayed;     // by method index
    private readonly int sampleSize;
    private readonly IRecommender fallback;

    public SessionRecommender(SessionOptions options, IRecommender random)
    {
        machine = new SessionStateMachine(options);
        var methods = machine.Methods;
        tables = new string[methods.Count];
        skipPlayed = new bool[methods.Count];
        for (var i = 0; i < methods.Count; i++)
        {
            if (!options.Tables.TryGetValue(methods[i], out var table) || string.IsNullOrWhiteSpace(table))
                throw new ArgumentException($"Botify:Session:Tables:{methods[i]} is missing; name the per-user table that method reads");
            tables[i] = table;
            skipPlayed[i] = options.SkipPlayed.GetValueOrDefault(methods[i], true);
        }
        if (options.SampleSize < 1)
            throw new ArgumentException($"Botify:Session:SampleSize is {options.SampleSize}; it must be 1 or more");
        sampleSize = options.SampleSize;
        fallback = new IndexedRecommender(options.FallbackTable, random);
    }

    public string Name => "Session";

    public SessionStateMachine Machine => machine;

    public int Recommend(in RecommendationContext context)
    {
        var method = Advance(in context);
        if (context.TryGetUserRow(tables[method], out var row))
        {
            if (!skipPlayed[method]) return RowSampling.Any(row, context.Random);
            if (RowSampling.TryPickUnplayed(row, context.History, sampleSize, context.Random, out var track)) return track;
        }
        return fallback.Recommend(in context);
    }

    /// <summary>The last play of a session counts like any other: the next session continues the cycle.</summary>
    public void ObserveLast(in RecommendationContext context) => Advance(in context);

    private int Advance(in RecommendationContext context)
    {
        var state = context.State;
        var next = machine.Advance(new SessionPosition(state.Method, state.FailCount), context.PrevTime);
        state.Method = next.Method;
        state.FailCount = next.FailCount;
        return machine.IndexOf(next.Method);
    }
}
