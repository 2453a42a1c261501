namespace Botify.Contracts.Catalog;

/// <summary>
/// The track catalog, indexed by track id for the request path: artist of a track, the
/// tracks of an artist. Track ids are non-negative; arrays are sized by the largest id.
/// </summary>
public sealed class TrackCatalog
{
    public static readonly TrackCatalog Empty = new([], [], [], []);

    private readonly int[] artistOfTrack;      // -1 where no track has that id
    private readonly string[] titleOfTrack;
    private readonly string[] artistNames;     // by artist index
    private readonly int[][] tracksOfArtist;   // by artist index

    public TrackCatalog(int[] artistOfTrack, string[] titleOfTrack, string[] artistNames, int[][] tracksOfArtist)
    {
        this.artistOfTrack = artistOfTrack;
        this.titleOfTrack = titleOfTrack;
        this.artistNames = artistNames;
        this.tracksOfArtist = tracksOfArtist;
        var count = 0;
        foreach (var artist in artistOfTrack)
        {
            if (artist >= 0) count++;
        }
        Count = count;
        AllTracks = BuildAllTracks(artistOfTrack, count);
    }

    /// <summary>Builds the indexed catalog from (track, artist name, title) rows; artists are numbered in order of first appearance.</summary>
    public static TrackCatalog Build(IEnumerable<TrackEntry> entries)
    {
        var list = entries as IReadOnlyCollection<TrackEntry> ?? entries.ToList();
        var maxId = -1;
        foreach (var entry in list)
        {
            if (entry.Track < 0) throw new ArgumentException($"track id {entry.Track} is negative; track ids must be 0 or more");
            maxId = Math.Max(maxId, entry.Track);
        }
        var artistOf = new int[maxId + 1];
        Array.Fill(artistOf, -1);
        var titles = new string[maxId + 1];
        var artistIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var artistNames = new List<string>();
        var tracksOf = new List<List<int>>();
        foreach (var entry in list)
        {
            if (artistOf[entry.Track] >= 0) throw new ArgumentException($"track id {entry.Track} appears twice; each track must be listed once");
            if (!artistIndex.TryGetValue(entry.Artist, out var artist))
            {
                artist = artistNames.Count;
                artistIndex.Add(entry.Artist, artist);
                artistNames.Add(entry.Artist);
                tracksOf.Add([]);
            }
            artistOf[entry.Track] = artist;
            titles[entry.Track] = entry.Title;
            tracksOf[artist].Add(entry.Track);
        }
        var tracksOfArtist = new int[tracksOf.Count][];
        for (var a = 0; a < tracksOf.Count; a++)
        {
            tracksOf[a].Sort();
            tracksOfArtist[a] = tracksOf[a].ToArray();
        }
        return new TrackCatalog(artistOf, titles, artistNames.ToArray(), tracksOfArtist);
    }

    /// <summary>Number of tracks in the catalog.</summary>
    public int Count { get; }

    /// <summary>Every track id, ascending (for uniform random choice).</summary>
    public int[] AllTracks { get; }

    public int ArtistCount => artistNames.Length;

    public bool Contains(int track) => (uint)track < (uint)artistOfTrack.Length && artistOfTrack[track] >= 0;

    /// <summary>Artist index of a track; the track must be in the catalog.</summary>
    public int ArtistOf(int track) => artistOfTrack[track];

    public string ArtistName(int artist) => artistNames[artist];

    public string TitleOf(int track) => titleOfTrack[track];

    public int[] TracksOfArtist(int artist) => tracksOfArtist[artist];

    private static int[] BuildAllTracks(int[] artistOfTrack, int count)
    {
        var all = new int[count];
        var next = 0;
        for (var track = 0; track < artistOfTrack.Length; track++)
        {
            if (artistOfTrack[track] >= 0) all[next++] = track;
        }
        return all;
    }
}
