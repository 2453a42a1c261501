using Botify.Lab.Training;

namespace Botify.SessionBench;

/// <summary>The `Lab train` settings the bench trains with: the lab's defaults, changed by the bench's training options.</summary>
public static class BenchSettings
{
    public static TrainSettings Training(Dictionary<string, string?> args)
    {
        var contextual = ContextualOptions.Defaults with
        {
            Weighting = args.GetValueOrDefault("contextual-weighting") is not { } weighting
                ? ContextualOptions.Defaults.Weighting
                : Enum.TryParse<ContextualWeighting>(weighting, ignoreCase: true, out var parsed)
                    ? parsed
                    : throw new ArgumentException($"--contextual-weighting '{weighting}': expected count, cosine, lift or bm25"),
            Shrink = Args.Doubles(args, "contextual-shrink", ContextualOptions.Defaults.Shrink),
            Size = (int)Args.Doubles(args, "contextual-size", ContextualOptions.Defaults.Size),
            MinWeight = Args.Doubles(args, "contextual-min-weight", ContextualOptions.Defaults.MinWeight),
            PositiveSources = !args.ContainsKey("contextual-any-source"),
        };
        var als = AlsOptions.Defaults with
        {
            Factors = (int)Args.Doubles(args, "als-factors", AlsOptions.Defaults.Factors),
            Alpha = Args.Doubles(args, "als-alpha", AlsOptions.Defaults.Alpha),
            Regularisation = Args.Doubles(args, "als-reg", AlsOptions.Defaults.Regularisation),
            Iterations = (int)Args.Doubles(args, "als-iterations", AlsOptions.Defaults.Iterations),
        };
        var userBased = UserBasedOptions.Defaults with
        {
            Neighbours = (int)Args.Doubles(args, "ub-neighbours", UserBasedOptions.Defaults.Neighbours),
            Shrink = Args.Doubles(args, "ub-shrink", UserBasedOptions.Defaults.Shrink),
            Exponent = Args.Doubles(args, "ub-exponent", UserBasedOptions.Defaults.Exponent),
        };
        var similar = SimilarArtistsOptions.Defaults with
        {
            Baseline = Args.Doubles(args, "baseline", SimilarArtistsOptions.Defaults.Baseline),
            Shrink = Args.Doubles(args, "shrink", SimilarArtistsOptions.Defaults.Shrink),
            TwoHopWeight = Args.Doubles(args, "two-hop", SimilarArtistsOptions.Defaults.TwoHopWeight),
            PairWeight = Args.Doubles(args, "pair", SimilarArtistsOptions.Defaults.PairWeight),
        };
        return new TrainSettings("", "", 42, 0.8, 0, 100, contextual, MatrixFactorisationOptions.Defaults, LightGcnOptions.Defaults,
            Als: als, UserBased: userBased, SimilarArtists: similar,
            ArtistDiscount: Args.Doubles(args, "artist-discount", ArtistDiscount.DefaultFactor), Models: args.GetValueOrDefault("models"));
    }
}
