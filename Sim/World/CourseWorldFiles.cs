using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Botify.Sim.World;

/// <summary>
/// A world in the course simulator's files: <c>tracks.json</c> (the reference catalog lines), <c>tracks.npy</c> (NumPy
/// float32, [tracks, dimension], row i = track i) and <c>users.json</c> (one line per user: <c>user</c>, <c>interests</c>,
/// <c>consume_bias</c>, <c>consume_sharpness</c>, and optionally <c>interest_neighbours</c>, <c>session_budget</c>,
/// <c>artist_discount_gamma</c>, each a single number). What the course computes at run time — each interest's nearest
/// tracks — is computed here on load, with the exact search the generator uses.
/// The course reads these files in <c>sim/sim/envs/track.py</c> (TrackCatalog) and <c>sim/sim/envs/user.py</c> (UserCatalog).
/// </summary>
public static class CourseWorldFiles
{
    public const string Tracks = "tracks.json";
    public const string Embeddings = "tracks.npy";
    public const string Users = "users.json";

    // The course's defaults for keys a users.json line leaves out (sim/sim/envs/config.py, UserCatalogConfig).
    public const int DefaultInterestNeighbours = 10;
    public const double DefaultConsumeBias = 5.0;
    public const double DefaultConsumeSharpness = 1.0;
    public const int DefaultSessionBudget = 5;
    public const double DefaultArtistDiscountGamma = 0.8;

    private const string Fix = "fix the file or export it again with `sim export --world <dir> --format reference --out <dir>`";

    /// <summary>True when the folder has no world.json but one of the course's files: it is read (and its problems named) as a course world.</summary>
    public static bool LooksLikeCourseFolder(string directory) =>
        File.Exists(Path.Combine(directory, Embeddings)) || File.Exists(Path.Combine(directory, Users));

    /// <summary>Writes the world as the course's three files; the course simulator loads them unchanged.</summary>
    public static void Write(SimWorld world, string directory)
    {
        Directory.CreateDirectory(directory);
        WorldFiles.WriteTracks(world, Path.Combine(directory, Tracks));
        NpyFile.WriteFloat32(Path.Combine(directory, Embeddings), world.Embeddings, world.TrackCount, world.Dimension);
        WriteUsers(world, Path.Combine(directory, Users));
    }

    /// <summary>Reads a course folder; throws <see cref="WorldFileException"/> naming the file, the line and the fix.</summary>
    public static SimWorld Load(string directory)
    {
        var missing = new List<string>();
        foreach (var name in new[] { Tracks, Embeddings, Users })
            if (!File.Exists(Path.Combine(directory, name))) missing.Add(name);
        if (missing.Count > 0)
        {
            throw new WorldFileException(
                $"course world folder '{directory}': {string.Join(" and ", missing)} not found; a course world is {Tracks}, {Embeddings} and {Users} together");
        }

        var (artistNames, artistOfTrack, titles) = WorldFiles.ReadTracks(Path.Combine(directory, Tracks), Fix);
        float[] embeddings;
        int rows, dimension;
        try
        {
            (embeddings, rows, dimension) = NpyFile.ReadFloat32Matrix(Path.Combine(directory, Embeddings));
        }
        catch (NpyFormatException e)
        {
            throw new WorldFileException(e.Message);
        }
        if (rows != artistOfTrack.Length)
        {
            throw new WorldFileException(
                $"{Path.Combine(directory, Embeddings)}: {rows:N0} rows but {Tracks} has {artistOfTrack.Length:N0} tracks " +
                $"(ids 0..{artistOfTrack.Length - 1}); " +
                "the embeddings need one row per track id, in id order");
        }

        var users = ReadUsers(Path.Combine(directory, Users), artistOfTrack.Length);
        var listeners = WithNeighbours(users, embeddings, artistOfTrack.Length, dimension);
        var interests = 0;
        foreach (var user in users) interests = Math.Max(interests, user.Interests.Length);
        var options = new WorldOptions
        {
            Seed = 0,
            Tracks = artistOfTrack.Length,
            Artists = artistNames.Length,
            Dimension = dimension,
            Listeners = listeners.Length,
            InterestsPerListener = interests,
            InterestNeighbours = users[0].Neighbours,
        };
        return new SimWorld(options, artistNames, artistOfTrack, titles, embeddings, listeners);
    }

    private static void WriteUsers(SimWorld world, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(stream);
        for (var l = 0; l < world.Listeners.Length; l++)
        {
            var listener = world.Listeners[l];
            writer.WriteStartObject();
            writer.WriteNumber("user", l);
            writer.WriteStartArray("interests");
            foreach (var track in listener.Interests) writer.WriteNumberValue(track);
            writer.WriteEndArray();
            WriteFloat(writer, "consume_bias", listener.ConsumeBias);
            WriteFloat(writer, "consume_sharpness", listener.ConsumeSharpness);
            // The course takes a count and searches the neighbours itself (user.py, new_session).
            writer.WriteNumber("interest_neighbours", listener.InterestNeighbours[0].Length);
            if (listener.SessionBudget is { } budget) writer.WriteNumber("session_budget", budget);
            if (listener.ArtistDiscount is { } gamma) WriteFloat(writer, "artist_discount_gamma", gamma);
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    /// <summary>A float as Python's json writes one: always with a '.' or an exponent, so it reads back as a float, not an int.</summary>
    private static void WriteFloat(Utf8JsonWriter writer, string name, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.AsSpan().IndexOfAny(".eE") < 0) text += ".0";
        writer.WritePropertyName(name);
        writer.WriteRawValue(text);
    }

    private sealed record CourseUser(int User, int[] Interests, double ConsumeBias, double ConsumeSharpness, int Neighbours, int? SessionBudget, double? Gamma);

    private static CourseUser[] ReadUsers(string path, int tracks)
    {
        var byId = new Dictionary<int, (CourseUser User, int Line)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            CourseUser user;
            try
            {
                user = ParseUser(line, tracks);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new WorldFileException($"{path} line {lineNumber}: {e.Message}; {Fix}");
            }
            if (!byId.TryAdd(user.User, (user, lineNumber)))
                throw new WorldFileException($"{path} line {lineNumber}: user {user.User} again (first on line {byId[user.User].Line}); each user once");
        }
        if (byId.Count == 0) throw new WorldFileException($"{path}: no users; one line per user is needed");
        var users = new CourseUser[byId.Count];
        foreach (var (id, (user, line)) in byId)
        {
            if (id >= users.Length)
            {
                throw new WorldFileException(
                    $"{path} line {line}: user {id}, but with {users.Length:N0} users the ids must be 0..{users.Length - 1} (this simulator sends a " +
                    "user's position as its id); renumber the users 0..N−1");
            }
            users[id] = user;
        }
        return users;
    }

    private static CourseUser ParseUser(string line, int tracks)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"expected a JSON object, got {root.ValueKind}");
        var user = NonNegativeInt(root, "user");
        if (!root.TryGetProperty("interests", out var interestsElement) || interestsElement.ValueKind != JsonValueKind.Array)
            throw new FormatException("\"interests\" (a list of track ids) is missing or not a list");
        var interests = new int[interestsElement.GetArrayLength()];
        if (interests.Length == 0) throw new FormatException($"user {user} has no interests; give at least one track id");
        var i = 0;
        foreach (var item in interestsElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var track))
                throw new FormatException($"user {user}'s interests hold {item.GetRawText()}, not a track id");
            if (track < 0 || track >= tracks)
                throw new FormatException($"user {user}'s interest {track} is not a track of {Tracks} (ids 0..{tracks - 1})");
            interests[i++] = track;
        }
        var neighbours = OptionalCount(root, "interest_neighbours", DefaultInterestNeighbours);
        int? budget = root.TryGetProperty("session_budget", out _) ? OptionalCount(root, "session_budget", DefaultSessionBudget) : null;
        double? gamma = root.TryGetProperty("artist_discount_gamma", out _) ? Number(root, "artist_discount_gamma", DefaultArtistDiscountGamma) : null;
        if (gamma is < 0) throw new FormatException($"\"artist_discount_gamma\" is {gamma}; give a share 0..1 (the course's default is 0.8)");
        return new CourseUser(user, interests, Number(root, "consume_bias", DefaultConsumeBias), Number(root, "consume_sharpness", DefaultConsumeSharpness),
            neighbours, budget, gamma);
    }

    private static int NonNegativeInt(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) throw new FormatException($"\"{name}\" is missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result) || result < 0)
            throw new FormatException($"\"{name}\" is {value.GetRawText()}; give an integer 0..2147483647");
        return result;
    }

    private static int OptionalCount(JsonElement root, string name, int fallback)
    {
        if (!root.TryGetProperty(name, out var value)) return fallback;
        if (value.ValueKind == JsonValueKind.Array)
        {
            throw new FormatException(
                $"\"{name}\" is a list; in the course's users.json it is a count (how many nearest tracks the first track is drawn from). " +
                "Our listeners.jsonl keeps the lists; `sim export --format reference` writes the count");
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 1)
            throw new FormatException($"\"{name}\" is {value.GetRawText()}; give a whole number 1 or more (the course's default is {fallback})");
        return count;
    }

    private static double Number(JsonElement root, string name, double fallback)
    {
        if (!root.TryGetProperty(name, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new FormatException(
                $"\"{name}\" is {value.GetRawText()}; give a number (the course's default is {fallback.ToString(CultureInfo.InvariantCulture)})");
        }
        return number;
    }

    /// <summary>Each interest's nearest tracks by dot product (the course's faiss inner-product search), searched once per distinct track.</summary>
    private static ListenerProfile[] WithNeighbours(CourseUser[] users, float[] embeddings, int tracks, int dimension)
    {
        var slot = new Dictionary<int, int>();
        var queryTracks = new List<int>();
        var k = 1;
        foreach (var user in users)
        {
            k = Math.Max(k, Math.Min(user.Neighbours, tracks)); // faiss pads beyond the catalog with -1, which the course drops
            foreach (var track in user.Interests)
                if (slot.TryAdd(track, queryTracks.Count)) queryTracks.Add(track);
        }
        var queries = new float[queryTracks.Count * dimension];
        for (var q = 0; q < queryTracks.Count; q++) Array.Copy(embeddings, queryTracks[q] * dimension, queries, q * dimension, dimension);
        var nearest = NearestTrackSearch.TopK(embeddings, tracks, dimension, queries, k);

        var listeners = new ListenerProfile[users.Length];
        for (var u = 0; u < users.Length; u++)
        {
            var user = users[u];
            var take = Math.Min(user.Neighbours, tracks);
            var rows = new int[user.Interests.Length][];
            for (var i = 0; i < rows.Length; i++)
            {
                var best = nearest[slot[user.Interests[i]]];
                rows[i] = take == best.Length ? best : best[..take];
            }
            listeners[u] = new ListenerProfile(user.Interests, user.ConsumeBias, user.ConsumeSharpness, rows)
            {
                SessionBudget = user.SessionBudget,
                ArtistDiscount = user.Gamma,
            };
        }
        return listeners;
    }
}
