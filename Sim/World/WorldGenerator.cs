using Botify.Sim.Randomness;

namespace Botify.Sim.World;

/// <summary>
/// Generates a world from a seed (recipe of SIM_AND_AB.md): heavy-tailed artist sizes, a genre
/// per artist, embeddings mixing global, genre, artist and per-track unit directions, listeners
/// with interests and consume parameters. Each phase draws from its own stream, so changing
/// one phase (e.g. names) leaves the others' draws unchanged.
/// </summary>
public static class WorldGenerator
{
    private const long SizesStream = 1, GenresStream = 2, LayoutStream = 3, DirectionsStream = 4, NoiseStream = 5, NamesStream = 6, ListenersStream = 7;

    public static SimWorld Generate(WorldOptions options)
    {
        options.Validate();
        var sizes = ArtistSizes(options);
        var genreOfArtist = ArtistGenres(options);
        var artistOfTrack = LayOutTracks(options, sizes);
        var embeddings = Embeddings(options, artistOfTrack, genreOfArtist);
        var (artistNames, titles) = Names(options);
        var listeners = Listeners(options, embeddings);
        return new SimWorld(options, artistNames, artistOfTrack, titles, embeddings, listeners);
    }

    /// <summary>1 + Multinomial(tracks − artists, w_r ∝ r^-exponent), clipped at the cap with the excess handed out again by w.</summary>
    public static int[] ArtistSizes(WorldOptions options)
    {
        var rng = RandomStream.For(options.Seed, SizesStream);
        var weights = new double[options.Artists];
        for (var r = 0; r < weights.Length; r++) weights[r] = Math.Pow(r + 1, -options.ArtistSizeExponent);
        var sizes = new int[options.Artists];
        Array.Fill(sizes, 1);
        var toHandOut = options.Tracks - options.Artists;
        while (toHandOut > 0)
        {
            DrawMultinomial(rng, toHandOut, weights, sizes, options.MaxTracksPerArtist);
            toHandOut = 0;
            for (var a = 0; a < sizes.Length; a++)
            {
                if (sizes[a] <= options.MaxTracksPerArtist) continue;
                toHandOut += sizes[a] - options.MaxTracksPerArtist;
                sizes[a] = options.MaxTracksPerArtist;
            }
        }
        return sizes;
    }

    /// <summary>Adds <paramref name="draws"/> categorical draws by weight over artists still under the cap.</summary>
    private static void DrawMultinomial(RandomStream rng, int draws, double[] weights, int[] sizes, int cap)
    {
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var a = 0; a < weights.Length; a++)
        {
            if (sizes[a] < cap) total += weights[a];
            cumulative[a] = total;
        }
        for (var i = 0; i < draws; i++)
        {
            var index = FirstAbove(cumulative, rng.NextDouble() * total);
            sizes[index]++;
        }
    }

    /// <summary>Smallest index whose cumulative weight exceeds u: a categorical draw that never picks a zero-weight entry.</summary>
    private static int FirstAbove(double[] cumulative, double u)
    {
        int low = 0, high = cumulative.Length - 1;
        if (!(cumulative[high] > u))
        {
            while (high > 0 && cumulative[high - 1] == cumulative[high]) high--;
            return high;
        }
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cumulative[mid] > u) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    private static int[] ArtistGenres(WorldOptions options)
    {
        var rng = RandomStream.For(options.Seed, GenresStream);
        var cumulative = new double[options.Genres];
        var total = 0.0;
        for (var g = 0; g < cumulative.Length; g++)
        {
            total += Math.Pow(g + 1, -options.GenreExponent);
            cumulative[g] = total;
        }
        var genres = new int[options.Artists];
        for (var a = 0; a < genres.Length; a++)
        {
            genres[a] = FirstAbove(cumulative, rng.NextDouble() * total);
        }
        return genres;
    }

    /// <summary>Artists' tracks laid out one artist after another, then track ids randomly permuted.</summary>
    private static int[] LayOutTracks(WorldOptions options, int[] sizes)
    {
        var rng = RandomStream.For(options.Seed, LayoutStream);
        var permutation = new int[options.Tracks];
        for (var i = 0; i < permutation.Length; i++) permutation[i] = i;
        rng.Shuffle(permutation);
        var artistOfTrack = new int[options.Tracks];
        var position = 0;
        for (var a = 0; a < sizes.Length; a++)
            for (var j = 0; j < sizes[a]; j++)
                artistOfTrack[permutation[position++]] = a;
        return artistOfTrack;
    }

    /// <summary>e = √norm · v/|v| with v = √c0·u0 + √cg·genre + √ca·artist + √cn·noise, all unit directions.</summary>
    private static float[] Embeddings(WorldOptions options, int[] artistOfTrack, int[] genreOfArtist)
    {
        var dim = options.Dimension;
        var directions = RandomStream.For(options.Seed, DirectionsStream);
        var global = UnitVectors(directions, 1, dim);
        var genres = UnitVectors(directions, options.Genres, dim);
        var artists = UnitVectors(directions, options.Artists, dim);
        var noise = RandomStream.For(options.Seed, NoiseStream);
        var c0 = Math.Sqrt(options.GlobalShare);
        var cg = Math.Sqrt(options.GenreShare);
        var ca = Math.Sqrt(options.ArtistShare);
        var cn = Math.Sqrt(Math.Max(0, 1 - options.GlobalShare - options.GenreShare - options.ArtistShare));
        var scale = Math.Sqrt(options.SquaredNorm);
        var embeddings = new float[options.Tracks * dim];
        var v = new double[dim];
        var own = new double[dim];
        for (var t = 0; t < options.Tracks; t++)
        {
            var artist = artistOfTrack[t];
            var genre = genreOfArtist[artist];
            DrawUnit(noise, own);
            var norm = 0.0;
            for (var d = 0; d < dim; d++)
            {
                v[d] = c0 * global[d] + cg * genres[genre * dim + d] + ca * artists[artist * dim + d] + cn * own[d];
                norm += v[d] * v[d];
            }
            var factor = scale / Math.Sqrt(norm);
            for (var d = 0; d < dim; d++) embeddings[t * dim + d] = (float)(v[d] * factor);
        }
        return embeddings;
    }

    private static double[] UnitVectors(RandomStream rng, int count, int dim)
    {
        var result = new double[count * dim];
        var one = new double[dim];
        for (var i = 0; i < count; i++)
        {
            DrawUnit(rng, one);
            one.CopyTo(result, i * dim);
        }
        return result;
    }

    private static void DrawUnit(RandomStream rng, double[] into)
    {
        double norm;
        do
        {
            norm = 0;
            for (var d = 0; d < into.Length; d++)
            {
                into[d] = rng.NextGaussian();
                norm += into[d] * into[d];
            }
        } while (norm == 0);
        norm = Math.Sqrt(norm);
        for (var d = 0; d < into.Length; d++) into[d] /= norm;
    }

    private static (string[] Artists, string[] Titles) Names(WorldOptions options)
    {
        var rng = RandomStream.For(options.Seed, NamesStream);
        var artists = new string[options.Artists];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < artists.Length; a++)
        {
            var name = NameMaker.ArtistName(rng);
            if (!taken.Add(name))
            {
                name = $"{name} {a}";
                taken.Add(name);
            }
            artists[a] = name;
        }
        var titles = new string[options.Tracks];
        for (var t = 0; t < titles.Length; t++) titles[t] = NameMaker.Title(rng);
        return (artists, titles);
    }

    private static ListenerProfile[] Listeners(WorldOptions options, float[] embeddings)
    {
        var rng = RandomStream.For(options.Seed, ListenersStream);
        var count = options.Listeners;
        var perListener = options.InterestsPerListener;
        var interests = new int[count * perListener];
        var bias = new double[count];
        var sharpness = new double[count];
        for (var l = 0; l < count; l++)
        {
            for (var k = 0; k < perListener; k++) interests[l * perListener + k] = rng.NextInt(options.Tracks);
            bias[l] = rng.NextDouble(options.ConsumeBiasMin, options.ConsumeBiasMax);
            sharpness[l] = rng.NextDouble(options.ConsumeSharpnessMin, options.ConsumeSharpnessMax);
        }

        // Each distinct interest track is searched once; many listeners can share one.
        var distinct = new Dictionary<int, int>();
        var queryTracks = new List<int>();
        foreach (var track in interests)
            if (distinct.TryAdd(track, queryTracks.Count)) queryTracks.Add(track);
        var dim = options.Dimension;
        var queries = new float[queryTracks.Count * dim];
        for (var i = 0; i < queryTracks.Count; i++)
            Array.Copy(embeddings, queryTracks[i] * dim, queries, i * dim, dim);
        var nearest = NearestTrackSearch.TopK(embeddings, options.Tracks, dim, queries, options.InterestNeighbours);

        var listeners = new ListenerProfile[count];
        for (var l = 0; l < count; l++)
        {
            var own = new int[perListener];
            var neighbours = new int[perListener][];
            for (var k = 0; k < perListener; k++)
            {
                own[k] = interests[l * perListener + k];
                neighbours[k] = nearest[distinct[own[k]]];
            }
            listeners[l] = new ListenerProfile(own, bias[l], sharpness[l], neighbours);
        }
        return listeners;
    }
}
