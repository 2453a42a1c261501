using System.Diagnostics;
using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>
/// The `train` pipeline: logs → positives and hold-outs → TopPop, Contextual, LFM, LGCF, ALS, UB → evaluation on
/// the held-out positives and next-track hits on the held-out sessions → tables (+ track embeddings) in <see cref="TrainSettings.Out"/>.
/// </summary>
public static class TrainingRun
{
    public const string TopTracksFile = "top_tracks.json";
    public const string ContextualFile = "recommendations_contextual.json";
    public const string LfmFile = "recommendations_lfm.json";
    public const string GcfFile = "recommendations_gcf.json";
    public const string AlsFile = "recommendations_als.json";
    public const string UbFile = "recommendations_ub.json";
    public const string LfmEmbeddingsFile = "embeddings_lfm.bin";
    public const string GcfEmbeddingsFile = "embeddings_gcf.bin";

    public static TrainResult Run(TrainSettings settings, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        var log = EventLogReader.Read(settings.Logs, settings.MaxLineBytes);
        output.WriteLine($"train: {log.Summary()} ({total.Elapsed.TotalSeconds:0.0} s)");

        var events = log.Events;
        var knownTracks = settings.Catalog is { } catalogPath ? CatalogFiles.ReadTracks(catalogPath) : null;
        if (knownTracks is not null)
        {
            events = KnownTracksOnly(events, knownTracks, settings.Catalog!, output);
        }

        // With the catalog, a play's time is undone of the listener's artist discount before it is compared with the threshold.
        var discount = knownTracks is not null && settings.ArtistDiscount < 1 ? new ArtistDiscount(knownTracks.ArtistOf, settings.ArtistDiscount) : null;
        var data = TrainingData.Build(events, settings.PositiveThreshold, settings.Holdout, settings.Seed, settings.HoldoutSessions, discount);
        var train = data.Train;
        output.WriteLine($"train: {data.Positives:N0} positive (user, track) pairs with time > {settings.PositiveThreshold}; " +
                         $"{train.Count:N0} for training ({train.Users:N0} users × {train.Items:N0} tracks), " +
                         $"{data.HeldOutPairs:N0} held out ({settings.Holdout:P0}) for {data.HeldOut.Count:N0} users; " +
                         $"{data.HeldOutSessions.Count:N0} sessions held out ({settings.HoldoutSessions:P0}) for the next-track evaluation");

        Directory.CreateDirectory(settings.Out);
        var files = new List<string>();
        var seconds = new Dictionary<string, double>();
        var metrics = new List<RankingMetrics>();
        var evaluate = data.HeldOut.Count > 0;
        var nextTrack = new List<NextTrackMetrics>();
        var replay = data.HeldOutSessions.Count > 0;
        var itemIndex = new Dictionary<int, int>(train.Items);
        for (var i = 0; i < train.Items; i++)
        {
            itemIndex[train.TrackIds[i]] = i;
        }

        var userIndex = new Dictionary<int, int>(train.Users);
        for (var u = 0; u < train.Users; u++)
        {
            userIndex[train.UserIds[u]] = u;
        }

        // TopPop
        var watch = Stopwatch.StartNew();
        var top = TopPopular.Rank(data.TrackTime);
        seconds["TopPop"] = watch.Elapsed.TotalSeconds;
        files.Add(Write(settings.Out, TopTracksFile, path => RecommendationFiles.WriteTopTracks(path, top)));
        if (evaluate)
        {
            var popular = new List<int>();
            foreach (var track in top)
            {
                if (itemIndex.TryGetValue(track, out var item))
                {
                    popular.Add(item);
                }
            }

            metrics.Add(RankingEvaluator.Evaluate("TopPop", data, user => TopUnseen(popular, train.ItemsOf(user), 10)));
        }

        if (replay)
        {
            nextTrack.Add(NextTrackEvaluator.Evaluate("TopPop", data, (_, _) => top));
        }

        // Contextual
        watch.Restart();
        var contextual = ContextualCooccurrence.Build(data, settings.Contextual);
        seconds["Contextual"] = watch.Elapsed.TotalSeconds;
        output.WriteLine($"train: Contextual: {contextual.Count:N0} tracks with followers ({seconds["Contextual"]:0.0} s)");
        if (contextual.Count > 0)
        {
            files.Add(Write(settings.Out, ContextualFile, path => RecommendationFiles.WriteTrackTable(path, contextual)));
        }
        else
        {
            // an empty table is not a catalog file (`lab publish` refuses it); a stale one from an earlier run must not be published either
            File.Delete(Path.Combine(settings.Out, ContextualFile));
            output.WriteLine($"train: Contextual: no follower weighs --contextual-min-weight {settings.Contextual.MinWeight} or more, so no " +
                             $"{ContextualFile} (Contextual falls back to StickyArtist); pass logs of more sessions, --catalog to undo the artist " +
                             "discount, or a lower --contextual-min-weight.");
        }
        if (evaluate)
        {
            metrics.Add(RankingEvaluator.Evaluate("Contextual", data, user => ContextualCooccurrence.RecommendForUser(data, contextual, itemIndex, user, 10)));
        }

        if (replay)
        {
            nextTrack.Add(NextTrackEvaluator.Evaluate("Contextual", data, (_, previous) => contextual.TryGetValue(previous, out var row) ? row.Tracks : null));
        }

        // LFM and LGCF
        var lfm = new MatrixFactorisation(settings.Lfm);
        var gcf = new LightGcn(settings.Gcf);
        var embeddingModels = new (string, string, string, string, int, Func<Action<EpochReport>, EmbeddingModel>)[]
                 {
                     (MatrixFactorisation.Name, LfmFile, LfmEmbeddingsFile, Describe(settings.Lfm), settings.Lfm.Threads, p => lfm.Fit(train, p)),
                     (LightGcn.Name, GcfFile, GcfEmbeddingsFile, Describe(settings.Gcf, train.Count), settings.Gcf.Threads, p => gcf.Fit(train, p)),
                 };
        foreach (var (name, file, embeddings, description, threads, fit) in embeddingModels)
        {
            if (!settings.Trains(name))
            {
                continue;
            }

            output.WriteLine($"train: {name}: {description}");
            watch.Restart();
            var model = fit(r => output.WriteLine(r.Describe()));
            var trained = watch.Elapsed.TotalSeconds;
            seconds[name] = trained;
            watch.Restart();
            var lists = UserLists.Build(model, settings.Top, settings.UserLists, threads, data.AsPlayed);
            var scoring = watch.Elapsed.TotalSeconds;
            output.WriteLine($"train: {name}: {model.Summary?.Reason}");
            output.WriteLine($"train: {name}: trained in {trained:0.0} s ({model.Summary?.Epochs} epochs), " +
                             $"top-{settings.Top} for {train.Users:N0} users × {train.Items:N0} tracks in {scoring:0.0} s " +
                             $"({Describe(settings.UserLists)})");
            if (evaluate)
            {
                // the offline protocol: training positives excluded from the ranking of held-out positives
                var heldOutUsers = data.HeldOut.Keys.ToArray();
                Array.Sort(heldOutUsers);
                var ranked = TopKScorer.TopK(model.UserFactors, model.ItemFactors, model.ItemBias, model.Dimensions, 10, train, heldOutUsers, threads);
                var byUser = new Dictionary<int, int[]>(heldOutUsers.Length);
                for (var r = 0; r < heldOutUsers.Length; r++)
                {
                    byUser[heldOutUsers[r]] = ranked[r];
                }

                metrics.Add(RankingEvaluator.Evaluate(name, data, user => byUser[user]));
            }

            files.Add(Write(settings.Out, file, path => RecommendationFiles.WriteUserTable(path, train, lists)));
            files.Add(Write(settings.Out, embeddings, path => TrackEmbeddingsFile.From(model).Write(path)));
            if (replay)
            {
                nextTrack.Add(NextTrackEvaluator.Evaluate(name, data, UserRows(train, userIndex, lists)));
            }
        }

        // ALS: the published list ranks every track, the user's training positives included; the evaluation leaves them out.
        if (settings.Trains(ImplicitAls.Name))
        {
            var options = settings.AlsOrDefaults;
            output.WriteLine($"train: {ImplicitAls.Name}: {options.Factors} factors, α {options.Alpha}, λ {options.Regularisation}, " +
                             $"{options.Iterations} iterations × {options.CgSteps} CG steps, {options.Threads} threads");
            watch.Restart();
            var model = ImplicitAls.Train(train, options, r => output.WriteLine(
                $"  {ImplicitAls.Name} iteration {r.Iteration,3}/{r.Iterations}  loss {r.Loss:0.000000}  {r.Seconds:0.00} s"));
            seconds[ImplicitAls.Name] = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var lists = model.Recommend(settings.Top, options.Threads, excludeSeen: false);
            output.WriteLine($"train: {ImplicitAls.Name}: trained in {seconds[ImplicitAls.Name]:0.0} s, " +
                             $"top-{settings.Top} in {watch.Elapsed.TotalSeconds:0.0} s");
            if (evaluate)
            {
                var unseen = model.Recommend(10, options.Threads);
                metrics.Add(RankingEvaluator.Evaluate(ImplicitAls.Name, data, user => unseen[user]));
            }

            files.Add(Write(settings.Out, AlsFile, path => RecommendationFiles.WriteUserTable(path, train, lists)));
            if (replay)
            {
                nextTrack.Add(NextTrackEvaluator.Evaluate(ImplicitAls.Name, data, UserRows(train, userIndex, lists)));
            }
        }

        // UB: the user counts as its own nearest neighbour (similarity 1), so its liked tracks are in its published list.
        if (settings.Trains(UserBasedCf.Name))
        {
            var options = settings.UserBasedOrDefaults;
            watch.Restart();
            var lists = UserBasedCf.Recommend(train, options, settings.Top, excludeSeen: false);
            seconds[UserBasedCf.Name] = watch.Elapsed.TotalSeconds;
            output.WriteLine($"train: {UserBasedCf.Name}: {options.Neighbours} cosine neighbours (shrink {options.Shrink}, exponent {options.Exponent}), " +
                             $"top-{settings.Top} for {train.Users:N0} users in {seconds[UserBasedCf.Name]:0.0} s");
            if (evaluate)
            {
                var unseen = UserBasedCf.Recommend(train, options, 10, excludeSeen: true);
                metrics.Add(RankingEvaluator.Evaluate(UserBasedCf.Name, data, user => unseen[user]));
            }

            files.Add(Write(settings.Out, UbFile, path => RecommendationFiles.WriteUserTable(path, train, lists)));
            if (replay)
            {
                nextTrack.Add(NextTrackEvaluator.Evaluate(UserBasedCf.Name, data, UserRows(train, userIndex, lists)));
            }
        }

        if (settings.Catalog is { } catalog)
        {
            files.Add(Write(settings.Out, "tracks.json", path => File.Copy(catalog, path, overwrite: true)));
        }

        // Similar artists (the SessionNeighbours recommender's table) need each track's artist, so only with the catalog.
        if (knownTracks is not null && settings.Trains(SimilarArtists.ModelName))
        {
            var similarClock = Stopwatch.StartNew();
            var artists = SimilarArtists.Write(Path.Combine(settings.Out, SimilarArtists.FileName), data.OrderedEvents, knownTracks!,
                settings.SimilarArtists ?? SimilarArtistsOptions.Defaults);
            files.Add(Path.Combine(settings.Out, SimilarArtists.FileName));
            output.WriteLine($"train: similar artists: {artists:N0} artists with a list ({similarClock.Elapsed.TotalSeconds:0.0} s)");
        }

        output.WriteLine($"train: done in {total.Elapsed.TotalSeconds:0.0} s");
        return new TrainResult(metrics, files, seconds, train.Count, nextTrack);
    }

    /// <summary>A per-user table as the next-track evaluation reads it: external user id → the row's external track ids.</summary>
    private static Func<int, int, IReadOnlyList<int>?> UserRows(InteractionMatrix train, Dictionary<int, int> userIndex, int[][] lists)
    {
        var rows = new int[lists.Length][];
        for (var u = 0; u < lists.Length; u++)
        {
            rows[u] = new int[lists[u].Length];
            for (var k = 0; k < rows[u].Length; k++)
            {
                rows[u][k] = train.TrackIds[lists[u][k]];
            }
        }

        return (user, _) => userIndex.TryGetValue(user, out var u) ? rows[u] : null;
    }

    /// <summary>
    /// Events of tracks the catalog lacks would make every table unpublishable (publish checks each id
    /// against tracks.json): they are dropped and counted.
    /// </summary>
    private static IReadOnlyList<LogEvent> KnownTracksOnly(IReadOnlyList<LogEvent> events, TrackCatalog catalog, string path, TextWriter output)
    {
        var kept = new List<LogEvent>(events.Count);
        var first = -1;
        foreach (var e in events)
        {
            if (catalog.Contains(e.Track))
            {
                kept.Add(e);
            }
            else if (first < 0)
            {
                first = e.Track;
            }
        }

        if (kept.Count < events.Count)
        {
            output.WriteLine($"train: skipped {events.Count - kept.Count:N0} events whose track is not in --catalog {path} (first: track {first})");
        }

        if (kept.Count == 0)
        {
            throw new ArgumentException($"no event names a track of --catalog {path}; pass the tracks.json of the world the logs were recorded in.");
        }

        return kept;
    }

    /// <summary>The first <paramref name="k"/> of a ranking that the user has not had as a training positive.</summary>
    public static int[] TopUnseen(IReadOnlyList<int> ranking, ReadOnlySpan<int> own, int k)
    {
        var result = new List<int>(k);
        for (var r = 0; r < ranking.Count && result.Count < k; r++)
        {
            if (own.BinarySearch(ranking[r]) < 0)
            {
                result.Add(ranking[r]);
            }
        }

        return result.ToArray();
    }

    private static string Describe(MatrixFactorisationOptions o) =>
        $"{o.Dimensions} dims, {o.Loss.ToString().ToUpperInvariant()} loss, per-sample Adagrad lr {o.LearningRate}, reg {o.Regularisation}, " +
        $"up to {o.MaxEpochs} epochs, {Describe(o.EarlyStopping)}, {o.Threads} threads";

    private static string Describe(LightGcnOptions o, int positives) =>
        $"{o.Dimensions} dims, {o.Layers} layers, batches of {o.AutoBatch(positives):N0} triples{(o.BatchSize == 0 ? " (automatic)" : "")}, " +
        $"Adam lr {o.RateFor(o.AutoBatch(positives)):0.####}, L2 {o.Regularisation}, " +
        $"up to {o.MaxEpochs} epochs, {Describe(o.EarlyStopping)}, {o.Threads} threads";

    private static string Describe(UserListOptions o) =>
        (o.Seeds > 0 ? $"neighbours of each user's {o.Seeds} best-scored liked tracks, interleaved" : "plain top-K by user·track") +
        (o.ExcludeSeen ? ", without the user's training positives" : ", with the user's training positives");

    private static string Describe(EarlyStoppingOptions o) => o.Enabled
        ? $"early stopping on NDCG@{o.K} of {o.ValidationShare:P0} of the positives of up to {o.ValidationUsers:N0} users, " +
          $"checked every {o.CheckEvery} epochs, patience {o.Patience}"
        : "no early stopping";

    private static string Write(string folder, string name, Action<string> write)
    {
        var path = Path.Combine(folder, name);
        write(path);
        return path;
    }
}
