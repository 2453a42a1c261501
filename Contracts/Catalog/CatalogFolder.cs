using System.Text.RegularExpressions;

namespace Botify.Contracts.Catalog;

/// <summary>
/// The files of a catalog folder in the reference layout: `tracks.json` (required),
/// `top_tracks.json` (optional: an empty top list without it) and every
/// `recommendations_&lt;name&gt;.json` (one table each, named `name`).
/// </summary>
public sealed partial record CatalogFolder(string Directory, string TracksPath, string? TopTracksPath, IReadOnlyList<CatalogTableFile> Tables)
{
    public const string TracksFileName = "tracks.json";
    public const string TopTracksFileName = "top_tracks.json";

    /// <summary>Finds the catalog files in a folder; throws <see cref="CatalogFileException"/> naming what is missing or misnamed.</summary>
    public static CatalogFolder Discover(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new CatalogFileException(directory, 0,
                "folder not found; pass the folder holding tracks.json, top_tracks.json and recommendations_<name>.json");
        }
        var tracks = System.IO.Path.Combine(directory, TracksFileName);
        if (!File.Exists(tracks))
        {
            throw new CatalogFileException(tracks, 0,
                "file not found; a catalog folder needs tracks.json (JSON lines {\"track\":int,\"artist\":str,\"title\":str})");
        }
        var top = System.IO.Path.Combine(directory, TopTracksFileName);
        var tables = new List<CatalogTableFile>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "recommendations_*.json"))
        {
            var fileName = System.IO.Path.GetFileName(path);
            var name = fileName["recommendations_".Length..^".json".Length];
            if (!TableNamePattern().IsMatch(name))
            {
                throw new CatalogFileException(path, 0,
                    $"table name \"{name}\" must be 1-64 letters, digits, '_' or '-'; rename the file recommendations_<name>.json");
            }
            tables.Add(new CatalogTableFile(name, path));
        }
        tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new CatalogFolder(directory, tracks, File.Exists(top) ? top : null, tables);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TableNamePattern();
}
