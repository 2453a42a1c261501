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
        var stopping = EarlyStoppingOptions.Defaults with
        {
            CheckEvery = (int)Args.Doubles(args, "check-every", EarlyStoppingOptions.Defaults.CheckEvery),
            Patience = (int)Args.Doubles(args, "patience", EarlyStoppingOptions.Defaults.Patience),
        };
        var lfm = MatrixFactorisationOptions.Defaults with
        {
            Dimensions = (int)Args.Doubles(args, "lfm-dim", MatrixFactorisationOptions.Defaults.Dimensions),
            LearningRate = Args.Doubles(args, "lfm-lr", MatrixFactorisationOptions.Defaults.LearningRate),
            Regularisation = Args.Doubles(args, "lfm-reg", MatrixFactorisationOptions.Defaults.Regularisation),
            MaxEpochs = (int)Args.Doubles(args, "lfm-epochs", MatrixFactorisationOptions.Defaults.MaxEpochs),
            EarlyStopping = stopping,
        };
        var gcf = LightGcnOptions.Defaults with
        {
            Dimensions = (int)Args.Doubles(args, "gcf-dim", LightGcnOptions.Defaults.Dimensions),
            Layers = (int)Args.Doubles(args, "gcf-layers", LightGcnOptions.Defaults.Layers),
            MaxEpochs = (int)Args.Doubles(args, "gcf-epochs", LightGcnOptions.Defaults.MaxEpochs),
            BatchSize = (int)Args.Doubles(args, "gcf-batch", LightGcnOptions.Defaults.BatchSize),
            LearningRate = Args.Doubles(args, "gcf-lr", LightGcnOptions.Defaults.LearningRate),
            Regularisation = Args.Doubles(args, "gcf-reg", LightGcnOptions.Defaults.Regularisation),
            EarlyStopping = stopping,
        };
        var lists = UserListOptions.Defaults with
        {
            Seeds = (int)Args.Doubles(args, "list-seeds", UserListOptions.Defaults.Seeds),
            SeedListeners = (int)Args.Doubles(args, "list-seed-listeners", UserListOptions.Defaults.SeedListeners),
        };
        if ((lfm.Problem() ?? gcf.Problem() ?? lists.Problem()) is { } wrong) throw new ArgumentException(wrong);
        return new TrainSettings("", "", 42, 0.8, 0, 100, contextual, lfm, gcf, Lists: lists,
            Als: als, UserBased: userBased, SimilarArtists: similar,
            ArtistDiscount: Args.Doubles(args, "artist-discount", ArtistDiscount.DefaultFactor), Models: args.GetValueOrDefault("models"));
    }
}
