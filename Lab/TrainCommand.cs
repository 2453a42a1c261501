using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Lab.Training;
using Spectre.Console;

namespace Botify.Lab;

/// <summary>`lab train`: event logs → TopPop, Contextual, LFM, LGCF, ALS and UB tables (+ track embeddings) for `lab publish`.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var logs = new Option<string?>("--logs")
        {
            Description = "Folder of event-log files, recursively: *.jsonl and the reference layout's data.json, data.json.N",
        };
        var output = new Option<string>("--out") { Description = "Folder for the tables and embeddings", DefaultValueFactory = _ => "model" };
        var seed = new Option<int>("--seed") { Description = "Seed of the hold-out split, initial embeddings and sampling", DefaultValueFactory = _ => 42 };
        var threshold = new Option<double>("--positive-threshold")
        {
            Description = "A (user, track) is positive when its best time is above this",
            DefaultValueFactory = _ => 0.8
        };
        var holdout = new Option<double>("--holdout")
        {
            Description = "Share of positive pairs held out for evaluation (0: train on all, no " +
            "evaluation)",
            DefaultValueFactory = _ => 0.1
        };
        var top = new Option<int>("--top") { Description = "Tracks per user in the LFM and LGCF tables", DefaultValueFactory = _ => 100 };
        var catalog = new Option<string?>("--catalog") { Description = "tracks.json to copy into --out, so the folder can be published as is" };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxLine = new Option<int>("--max-line-bytes")
        {
            Description = "Longer log lines are skipped as malformed",
            DefaultValueFactory = _ => EventLogReader.DefaultMaxLineBytes
        };

        var ctxWindow = new Option<int>("--contextual-window")
        {
            Description = "Followers up to this many events later count",
            DefaultValueFactory = _ => ContextualOptions.Defaults.Window
        };
        var ctxDecay = new Option<double>("--contextual-decay")
        {
            Description = "Weight of a follower d events later: decay^(d-1)",
            DefaultValueFactory = _ => ContextualOptions.Defaults.Decay
        };
        var ctxSize = new Option<int>("--contextual-size")
        {
            Description = "Recommendations per track",
            DefaultValueFactory = _ => ContextualOptions.Defaults.Size
        };
        var ctxWeighting = new Option<ContextualWeighting>("--contextual-weighting")
        {
            Description = "Score of a follower against its popularity: count, cosine, lift or bm25",
            DefaultValueFactory = _ => ContextualOptions.Defaults.Weighting,
        };
        var ctxShrink = new Option<double>("--contextual-shrink")
        {
            Description = "Added to the popularity denominator (cosine, lift)",
            DefaultValueFactory = _ => ContextualOptions.Defaults.Shrink
        };
        var ctxMinWeight = new Option<double>("--contextual-min-weight")
        {
            Description = "Followers with less co-occurrence weight are left out",
            DefaultValueFactory = _ => ContextualOptions.Defaults.MinWeight,
        };
        var ctxAnySource = new Option<bool>("--contextual-any-source")
        {
            Description = "Count followers of every track, not only of tracks listened above the threshold"
        };
        var artistDiscount = new Option<double>("--artist-discount")
        {
            Description = "With --catalog, a play's time is divided by this^(earlier plays of its artist in the session) " +
                "before the positive threshold (1: off)",
            DefaultValueFactory = _ => ArtistDiscount.DefaultFactor,
        };
        var models = new Option<string?>("--models")
        {
            Description = "Only these models (comma-separated: LFM, LGCF, ALS, UB, SimilarArtists; TopPop and Contextual always train); default all",
        };
        var similarTwoHop = new Option<double>("--similar-two-hop")
        {
            Description = "Similar artists: weight of two-hop similarity (0: direct evidence only)",
            DefaultValueFactory = _ => SimilarArtistsOptions.Defaults.TwoHopWeight,
        };
        var similarShrink = new Option<double>("--similar-shrink")
        {
            Description = "Similar artists: added to the evidence count of a pair",
            DefaultValueFactory = _ => SimilarArtistsOptions.Defaults.Shrink,
        };
        var holdoutSessions = new Option<double>("--holdout-sessions")
        {
            Description = "Share of sessions held out for the next-track evaluation (0: none)",
            DefaultValueFactory = _ => 0.1,
        };

        var alsFactors = new Option<int>("--als-factors") { Description = "ALS latent factors", DefaultValueFactory = _ => AlsOptions.Defaults.Factors };
        var alsAlpha = new Option<double>("--als-alpha")
        {
            Description = "ALS confidence of a positive: 1 + alpha",
            DefaultValueFactory = _ => AlsOptions.Defaults.Alpha
        };
        var alsReg = new Option<double>("--als-reg") { Description = "ALS L2 penalty λ", DefaultValueFactory = _ => AlsOptions.Defaults.Regularisation };
        var alsIterations = new Option<int>("--als-iterations") { Description = "ALS alternations", DefaultValueFactory = _ => AlsOptions.Defaults.Iterations };
        var alsCgSteps = new Option<int>("--als-cg-steps")
        {
            Description = "ALS conjugate-gradient steps per solve",
            DefaultValueFactory = _ => AlsOptions.Defaults.CgSteps
        };
        var ubNeighbours = new Option<int>("--ub-neighbours")
        {
            Description = "UB: most similar users summed",
            DefaultValueFactory = _ => UserBasedOptions.Defaults.Neighbours
        };
        var ubShrink = new Option<double>("--ub-shrink")
        {
            Description = "UB: added to the cosine denominator",
            DefaultValueFactory = _ => UserBasedOptions.Defaults.Shrink
        };
        var ubExponent = new Option<double>("--ub-exponent")
        {
            Description = "UB: similarities raised to this power",
            DefaultValueFactory = _ => UserBasedOptions.Defaults.Exponent
        };

        var lfm = new LfmOptionSet();
        var gcf = new GcfOptionSet();
        var stopping = new StoppingOptionSet();
        var listSeeds = new Option<int>("--list-seeds")
        {
            Description = "LFM and LGCF tables: interleave the neighbours of each user's N best-scored liked tracks (0: plain top-K by user·track)",
            DefaultValueFactory = _ => UserListOptions.Defaults.Seeds,
        };
        var listSeedListeners = new Option<int>("--list-seed-listeners")
        {
            Description = "Listeners of a liked track whose tracks are its neighbour candidates",
            DefaultValueFactory = _ => UserListOptions.Defaults.SeedListeners,
        };
        var excludeSeen = new Option<bool>("--exclude-seen")
        {
            Description = "Leave each user's training positives out of the LFM and LGCF tables " +
                          "(default: keep them; a liked track is a good pick in a new session)",
        };
        var benchmark = new Option<bool>("--benchmark") { Description = "Instead of logs: time LGCF and LFM on synthetic interactions and exit" };
        var benchUsers = new Option<int>("--benchmark-users") { DefaultValueFactory = _ => 10_000, Description = "Synthetic users" };
        var benchTracks = new Option<int>("--benchmark-tracks") { DefaultValueFactory = _ => 50_000, Description = "Synthetic tracks" };
        var benchInteractions = new Option<int>("--benchmark-interactions") { DefaultValueFactory = _ => 1_000_000, Description = "Synthetic interactions" };

        var command = new Command("train",
            "Train TopPop, Contextual, LFM, LGCF, ALS and UB from event logs; write tables for `lab publish` and print an offline evaluation");
        foreach (var option in new Option[]
                 {
                     logs, output, models, seed, threshold, artistDiscount, holdout, holdoutSessions, top, catalog, threads, maxLine,
                     ctxWindow, ctxDecay, ctxSize, ctxWeighting, ctxShrink,
                     ctxMinWeight, ctxAnySource, similarTwoHop, similarShrink,
                     alsFactors, alsAlpha, alsReg, alsIterations, alsCgSteps, ubNeighbours, ubShrink, ubExponent,
                 })
        {
            command.Options.Add(option);
        }

        lfm.AddTo(command);
        gcf.AddTo(command);
        stopping.AddTo(command);
        command.Options.Add(excludeSeen);
        command.Options.Add(listSeeds);
        command.Options.Add(listSeedListeners);
        command.Options.Add(benchmark);
        command.Options.Add(benchUsers);
        command.Options.Add(benchTracks);
        command.Options.Add(benchInteractions);

        command.SetAction(parse =>
        {
            var threadCount = Math.Max(1, parse.GetValue(threads));
            var seedValue = parse.GetValue(seed);
            var early = stopping.Read(parse);
            var lfmOptions = lfm.Read(parse, seedValue, threadCount, early);
            var gcfOptions = gcf.Read(parse, seedValue, threadCount, early);
            var lists = new UserListOptions
            {
                Seeds = parse.GetValue(listSeeds),
                SeedListeners = parse.GetValue(listSeedListeners),
                ExcludeSeen = parse.GetValue(excludeSeen),
            };
            if ((lfmOptions.Problem() ?? gcfOptions.Problem() ?? lists.Problem()) is { } invalid)
            {
                Console.Error.WriteLine($"train: {invalid}");
                return 2;
            }

            if (parse.GetValue(benchmark))
            {
                return Benchmark(parse.GetValue(benchUsers), parse.GetValue(benchTracks), parse.GetValue(benchInteractions), lfmOptions, gcfOptions,
                    threadCount);
            }

            var logsValue = parse.GetValue(logs);
            if (string.IsNullOrWhiteSpace(logsValue))
            {
                Console.Error.WriteLine("train: --logs DIR is required (the folder of events-*.jsonl or data.json files), or pass --benchmark.");
                return 2;
            }

            var contextual = new ContextualOptions
            {
                Window = parse.GetValue(ctxWindow),
                Decay = parse.GetValue(ctxDecay),
                Size = parse.GetValue(ctxSize),
                Weighting = parse.GetValue(ctxWeighting),
                Shrink = parse.GetValue(ctxShrink),
                PositiveSources = !parse.GetValue(ctxAnySource),
            };
            var als = AlsOptions.Defaults with
            {
                Factors = parse.GetValue(alsFactors),
                Alpha = parse.GetValue(alsAlpha),
                Regularisation = parse.GetValue(alsReg),
                Iterations = parse.GetValue(alsIterations),
                CgSteps = parse.GetValue(alsCgSteps),
                Seed = seedValue,
                Threads = threadCount,
            };
            var userBased = UserBasedOptions.Defaults with
            {
                Neighbours = parse.GetValue(ubNeighbours),
                Shrink = parse.GetValue(ubShrink),
                Exponent = parse.GetValue(ubExponent),
                Threads = threadCount,
            };
            var similar = SimilarArtistsOptions.Defaults with { TwoHopWeight = parse.GetValue(similarTwoHop), Shrink = parse.GetValue(similarShrink) };
            var wrong = ValidateOwnModels(als, userBased, contextual, parse.GetValue(holdoutSessions), parse.GetValue(artistDiscount))
                ?? ValidateModels(parse.GetValue(models))
                ?? (similar.TwoHopWeight >= 0 && similar.Shrink >= 0 ? null : "--similar-two-hop and --similar-shrink must be ≥ 0.");
            if (wrong is not null)
            {
                Console.Error.WriteLine($"train: {wrong}");
                return 2;
            }

            var settings = new TrainSettings(logsValue, parse.GetValue(output)!, seedValue, parse.GetValue(threshold), parse.GetValue(holdout),
                parse.GetValue(top), contextual, lfmOptions, gcfOptions, parse.GetValue(catalog), parse.GetValue(maxLine),
                als, userBased, parse.GetValue(holdoutSessions), SimilarArtists: similar, ArtistDiscount: parse.GetValue(artistDiscount),
                Models: parse.GetValue(models), Lists: lists);
            return Run(settings);
        });
        return command;
    }

    /// <summary>The ALS, UB, Contextual weighting and session hold-out options: null when valid, else the message naming them.</summary>
    private static string? ValidateOwnModels(
        AlsOptions als, UserBasedOptions ub, ContextualOptions contextual, double holdoutSessions, double artistDiscount) =>
        als.Factors is < 1 or > 1024 || !(als.Alpha >= 0) || !(als.Regularisation > 0) || als.Iterations < 0 || als.CgSteps < 1
            ? "--als-factors must be 1..1024, --als-alpha ≥ 0, --als-reg > 0, --als-iterations ≥ 0 and --als-cg-steps ≥ 1."
            : ub.Neighbours < 0 || !(ub.Shrink >= 0) || !(ub.Exponent > 0)
                ? "--ub-neighbours must be ≥ 0, --ub-shrink ≥ 0 and --ub-exponent > 0."
                : !(contextual.Shrink >= 0) || !(contextual.MinWeight >= 0)
                    ? "--contextual-shrink and --contextual-min-weight must be ≥ 0."
                    : !(holdoutSessions >= 0 && holdoutSessions < 1)
                        ? "--holdout-sessions must be in [0, 1)."
                        : !(artistDiscount > 0 && artistDiscount <= 1)
                            ? "--artist-discount must be in (0, 1]; 1 turns the undoing off."
                            : null;

    /// <summary>Null when every name of --models is a model `train` knows, else the message naming the first unknown one.</summary>
    private static string? ValidateModels(string? models)
    {
        string[] known = ["LFM", "LGCF", ImplicitAls.Name, UserBasedCf.Name, SimilarArtists.ModelName];
        foreach (var name in (models ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"--models: unknown model '{name}'; name some of {string.Join(", ", known)} (TopPop and Contextual always train).";
            }
        }

        return null;
    }

    public static int Run(TrainSettings settings)
    {
        if (!(settings.Holdout >= 0 && settings.Holdout < 1) || !(settings.PositiveThreshold >= 0 && settings.PositiveThreshold < 1)
            || settings.Top < 1 || settings.Contextual.Window < 1 || settings.Contextual.Size < 1 || settings.MaxLineBytes < 1024)
        {
            Console.Error.WriteLine("train: --holdout must be in [0, 1), --positive-threshold in [0, 1), --top, --contextual-window and " +
                "--contextual-size at least 1, --max-line-bytes at least 1024.");
            return 2;
        }

        if (settings.Catalog is { } catalog && !File.Exists(catalog))
        {
            Console.Error.WriteLine($"train: --catalog {catalog}: file not found; pass the world's tracks.json or leave the option out.");
            return 2;
        }

        TrainResult result;
        try
        {
            result = TrainingRun.Run(settings, Console.Out);
        }
        catch (EventLogException ex)
        {
            Console.Error.WriteLine($"train: {ex.Message}");
            return 2;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"train: {ex.Message}");
            return 2;
        }
        catch (CatalogFileException ex)
        {
            Console.Error.WriteLine($"train: --catalog: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"train: cannot write into --out {settings.Out}: {ex.Message}; pass a writable folder.");
            return 2;
        }

        if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < 120)
        {
            AnsiConsole.Profile.Width = 120;
        }

        if (result.Metrics.Count > 0 || result.NextTrack is { Count: > 0 })
        {
            WriteEvaluation(AnsiConsole.Console, result);
        }
        else
        {
            Console.WriteLine("train: no evaluation (--holdout 0 and --holdout-sessions 0, or no user with held-out positives)");
        }

        foreach (var file in result.Files)
        {
            Console.WriteLine($"  wrote {file} ({new FileInfo(file).Length / 1024.0:N0} KiB)");
        }

        return 0;
    }

    public static void WriteEvaluation(IAnsiConsole console, TrainResult result)
    {
        var next = result.NextTrack ?? [];
        var k = next.Count > 0 ? next[0].K : NextTrackEvaluator.DefaultK;
        var users = result.Metrics.Count > 0 ? $"held-out positives of {result.Metrics[0].Users:N0} users" : "no held-out positives";
        var sessions = next.Count > 0
            ? $"next well-listened track of {next[0].Targets:N0} plays in {next[0].Sessions:N0} held-out sessions"
            : "no held-out sessions";
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Offline evaluation: {users}; {sessions}")
            .AddColumn("model")
            .AddColumn(new TableColumn("precision@10").RightAligned())
            .AddColumn(new TableColumn("NDCG@10").RightAligned())
            .AddColumn(new TableColumn("coverage").RightAligned())
            .AddColumn(new TableColumn($"next-track hit@{k}").RightAligned())
            .AddColumn(new TableColumn("answered").RightAligned())
            .AddColumn(new TableColumn("train s").RightAligned());
        var baseline = result.Metrics.FirstOrDefault(m => m.Model == "TopPop");
        var models = new List<string>();
        foreach (var m in result.Metrics)
        {
            models.Add(m.Model);
        }

        foreach (var n in next)
        {
            if (!models.Contains(n.Model))
            {
                models.Add(n.Model);
            }
        }

        foreach (var model in models)
        {
            var m = result.Metrics.FirstOrDefault(x => x.Model == model);
            var n = next.FirstOrDefault(x => x.Model == model);
            var better = baseline is not null && m is not null && m != baseline && m.Ndcg > baseline.Ndcg;
            table.AddRow(better ? $"[green]{model}[/]" : model,
                m?.Precision.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
                m?.Ndcg.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
                m?.Coverage.ToString("P1", CultureInfo.InvariantCulture) ?? "",
                n?.HitRate.ToString("P2", CultureInfo.InvariantCulture) ?? "",
                n?.Answered.ToString("P1", CultureInfo.InvariantCulture) ?? "",
                result.TrainSeconds.TryGetValue(model, out var s) ? s.ToString("0.0", CultureInfo.InvariantCulture) : "");
        }

        console.Write(table);
        if (baseline is not null)
        {
            foreach (var m in result.Metrics.Where(m => m.Model is "LFM" or "LGCF" or ImplicitAls.Name or UserBasedCf.Name))
            {
                var verdict = m.Ndcg > baseline.Ndcg && m.Precision > baseline.Precision ? "beats" : "does NOT beat";
                console.MarkupLine(Markup.Escape(
                    $"  {m.Model} {verdict} TopPop: NDCG@10 {m.Ndcg:0.0000} vs {baseline.Ndcg:0.0000}, precision@10 {m.Precision:0.0000} vs " +
                        $"{baseline.Precision:0.0000}"));
            }
        }
    }

    private static int Benchmark(int users, int tracks, int interactions, MatrixFactorisationOptions lfm, LightGcnOptions gcf, int threads)
    {
        const int groups = 50;
        var watch = Stopwatch.StartNew();
        var pairs = SyntheticInteractions.Generate(users, tracks, interactions, groups, 0.8, gcf.Seed);
        var matrix = InteractionMatrix.FromPairs(pairs);
        Console.WriteLine($"benchmark: synthetic {matrix.Users:N0} users × {matrix.Items:N0} tracks, {matrix.Count:N0} interactions, " +
                          $"{groups} taste groups ({watch.Elapsed.TotalSeconds:0.0} s); {threads} threads");
        var fits = new Func<Action<EpochReport>, EmbeddingModel>[] { p => new LightGcn(gcf).Fit(matrix, p), p => new MatrixFactorisation(lfm).Fit(matrix, p) };
        foreach (var fit in fits)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            watch.Restart();
            var model = fit(r => Console.WriteLine(r.Describe()));
            var seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            watch.Restart();
            var lists = model.Recommend(100, threads, excludeSeen: true);
            var scoring = watch.Elapsed.TotalSeconds;
            long own = 0, total = 0;
            for (var u = 0; u < lists.Length; u++)
            {
                for (var k = 0; k < Math.Min(10, lists[u].Length); k++)
                {
                    total++;
                    own += matrix.TrackIds[lists[u][k]] % groups == matrix.UserIds[u] % groups ? 1 : 0;
                }
            }

            var epochs = model.Summary?.Epochs ?? 0;
            Console.WriteLine($"benchmark: {model.Name}: {model.Summary?.Reason}");
            Console.WriteLine($"benchmark: {model.Name}: {model.Dimensions} dims, {epochs} epochs in {seconds:0.0} s " +
                              $"(CPU {cpuSeconds:0.0} s), {(double)matrix.Count * epochs / seconds:N0} interactions/s; " +
                              $"top-100 unseen for {lists.Length:N0} users × {matrix.Items:N0} tracks in {scoring:0.0} s; " +
                              $"own-group share of top-10 {(double)own / total:P1}");
        }

        return 0;
    }

    /// <summary>The `--gcf-*` options; defaults from <see cref="LightGcnOptions.Defaults"/>.</summary>
    private sealed class GcfOptionSet
    {
        private static readonly LightGcnOptions D = LightGcnOptions.Defaults;
        private readonly Option<int> dimensions = new("--gcf-dim") { Description = "LGCF embedding dimensions", DefaultValueFactory = _ => D.Dimensions };
        private readonly Option<int> layers = new("--gcf-layers") { Description = "LGCF propagation layers", DefaultValueFactory = _ => D.Layers };
        private readonly Option<int> epochs = new("--gcf-epochs")
        {
            Description = "LGCF most epochs (early stopping may end sooner)",
            DefaultValueFactory = _ => D.MaxEpochs,
        };
        private readonly Option<int> batch = new("--gcf-batch")
        {
            Description = "LGCF triples per Adam step (0: 16,384, or an eighth of the positives when that is more)",
            DefaultValueFactory = _ => D.BatchSize,
        };
        private readonly Option<double> learningRate = new("--gcf-lr")
        {
            Description = "LGCF Adam learning rate up to 16,384 triples a batch; a bigger batch uses lr × √(batch / 16,384)",
            DefaultValueFactory = _ => D.LearningRate,
        };
        private readonly Option<double> regularisation = new("--gcf-reg")
        {
            Description = "LGCF L2 weight on the batch's base embeddings",
            DefaultValueFactory = _ => D.Regularisation,
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { dimensions, layers, epochs, batch, learningRate, regularisation })
            {
                command.Options.Add(option);
            }
        }

        public LightGcnOptions Read(ParseResult parse, int seed, int threads, EarlyStoppingOptions stopping) => D with
        {
            Dimensions = parse.GetValue(dimensions),
            Layers = parse.GetValue(layers),
            MaxEpochs = parse.GetValue(epochs),
            BatchSize = parse.GetValue(batch),
            LearningRate = parse.GetValue(learningRate),
            Regularisation = parse.GetValue(regularisation),
            EarlyStopping = stopping,
            Seed = seed,
            Threads = threads,
        };
    }

    /// <summary>The `--lfm-*` options; defaults from <see cref="MatrixFactorisationOptions.Defaults"/>.</summary>
    private sealed class LfmOptionSet
    {
        private static readonly MatrixFactorisationOptions D = MatrixFactorisationOptions.Defaults;
        private readonly Option<string> loss = CreateLoss();
        private readonly Option<int> dimensions = new("--lfm-dim") { Description = "LFM embedding dimensions", DefaultValueFactory = _ => D.Dimensions };
        private readonly Option<int> epochs = new("--lfm-epochs")
        {
            Description = "LFM most epochs (early stopping may end sooner)",
            DefaultValueFactory = _ => D.MaxEpochs,
        };
        private readonly Option<double> learningRate = new("--lfm-lr") { Description = "LFM Adagrad learning rate", DefaultValueFactory = _ => D.LearningRate };
        private readonly Option<double> regularisation = new("--lfm-reg")
        {
            Description = "LFM L2 penalty per update",
            DefaultValueFactory = _ => D.Regularisation,
        };
        private readonly Option<int> warpSamples = new("--lfm-warp-samples")
        {
            Description = "LFM most negatives per WARP step",
            DefaultValueFactory = _ => D.WarpMaxSamples,
        };

        private static Option<string> CreateLoss()
        {
            var option = new Option<string>("--lfm-loss")
            {
                Description = "LFM ranking loss: bpr or warp",
                DefaultValueFactory = _ => D.Loss.ToString().ToLowerInvariant(),
            };
            option.AcceptOnlyFromAmong("bpr", "warp");
            return option;
        }

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { loss, dimensions, epochs, learningRate, regularisation, warpSamples })
            {
                command.Options.Add(option);
            }
        }

        public MatrixFactorisationOptions Read(ParseResult parse, int seed, int threads, EarlyStoppingOptions stopping) => D with
        {
            Loss = parse.GetValue(loss) == "warp" ? RankingLoss.Warp : RankingLoss.Bpr,
            Dimensions = parse.GetValue(dimensions),
            MaxEpochs = parse.GetValue(epochs),
            LearningRate = parse.GetValue(learningRate),
            Regularisation = parse.GetValue(regularisation),
            WarpMaxSamples = parse.GetValue(warpSamples),
            EarlyStopping = stopping,
            Seed = seed,
            Threads = threads,
        };
    }

    /// <summary>The early-stopping options both embedding models share; defaults from <see cref="EarlyStoppingOptions.Defaults"/>.</summary>
    private sealed class StoppingOptionSet
    {
        private static readonly EarlyStoppingOptions D = EarlyStoppingOptions.Defaults;
        private readonly Option<int> users = new("--validation-users")
        {
            Description = "Users who lend positives to the early-stopping validation split (0: no early stopping)",
            DefaultValueFactory = _ => D.ValidationUsers,
        };

        private readonly Option<double> share = new("--validation-share")
        {
            Description = "Share of a validation user's positives held out",
            DefaultValueFactory = _ => D.ValidationShare,
        };
        private readonly Option<int> k = new("--validation-k") { Description = "Cut-off of the validation NDCG", DefaultValueFactory = _ => D.K };
        private readonly Option<int> every = new("--check-every") { Description = "Epochs between validation checks", DefaultValueFactory = _ => D.CheckEvery };
        private readonly Option<int> patience = new("--patience")
        {
            Description = "Checks without improvement before training stops",
            DefaultValueFactory = _ => D.Patience,
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { users, share, k, every, patience })
            {
                command.Options.Add(option);
            }
        }

        public EarlyStoppingOptions Read(ParseResult parse) => D with
        {
            ValidationUsers = parse.GetValue(users),
            ValidationShare = parse.GetValue(share),
            K = parse.GetValue(k),
            CheckEvery = parse.GetValue(every),
            Patience = parse.GetValue(patience),
        };
    }
}
