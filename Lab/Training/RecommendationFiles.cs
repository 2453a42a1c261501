using System.Globalization;
using System.Text;

namespace Botify.Lab.Training;

/// <summary>
/// Writes tables in the reference formats `lab publish` reads: top_tracks.json (a JSON list),
/// per-user JSON lines {"user","tracks":[...]}, per-track JSON lines {"track","recommendations":[...]}.
/// Each file is written to a temporary name and renamed, so a folder never holds a half-written table.
/// </summary>
public static class RecommendationFiles
{
    public static void WriteTopTracks(string path, IReadOnlyList<int> tracks) =>
        WriteAtomically(path, writer =>
        {
            writer.Write('[');
            WriteInts(writer, tracks);
            writer.Write("]\n");
        });

    public static void WriteUserTable(string path, InteractionMatrix matrix, int[][] lists) =>
        WriteAtomically(path, writer =>
        {
            var tracks = new int[lists.Length == 0 ? 0 : lists.Max(l => l.Length)];
            for (var u = 0; u < lists.Length; u++)
            {
                for (var k = 0; k < lists[u].Length; k++)
                {
                    tracks[k] = matrix.TrackIds[lists[u][k]];
                }

                writer.Write("{\"user\":");
                writer.Write(matrix.UserIds[u].ToString(CultureInfo.InvariantCulture));
                writer.Write(",\"tracks\":[");
                WriteInts(writer, new ArraySegment<int>(tracks, 0, lists[u].Length));
                writer.Write("]}\n");
            }
        });

    public static void WriteTrackTable(string path, IReadOnlyDictionary<int, (int[] Tracks, float[] Weights)> table) =>
        WriteAtomically(path, writer =>
        {
            var keys = table.Keys.ToArray();
            Array.Sort(keys);
            foreach (var track in keys)
            {
                writer.Write("{\"track\":");
                writer.Write(track.ToString(CultureInfo.InvariantCulture));
                writer.Write(",\"recommendations\":[");
                WriteInts(writer, table[track].Tracks);
                writer.Write("]}\n");
            }
        });

    internal static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 16))
        {
            write(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteInts(TextWriter writer, IReadOnlyList<int> values)
    {
        Span<char> digits = stackalloc char[12];
        for (var k = 0; k < values.Count; k++)
        {
            if (k > 0)
            {
                writer.Write(',');
            }

            values[k].TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
            writer.Write(digits[..written]);
        }
    }
}
