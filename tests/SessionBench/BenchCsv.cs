using System.Globalization;
using System.Text;

namespace Botify.SessionBench;

/// <summary>--csv FILE: one line per (seed, day-1 size, configuration).</summary>
public static class BenchCsv
{
    public const string Header = "seed,day1,configuration,time_per_session,tracks_per_session,ratio_to_sticky,train_seconds";

    public static void Write(string path, IEnumerable<BenchRow> rows)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Seed},{r.Day1},{r.Configuration},{r.TimePerSession:0.0000},{r.TracksPerSession:0.0000},");
            text.Append(CultureInfo.InvariantCulture, $"{r.RatioToSticky:0.0000},{r.TrainSeconds:0.0}\n");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, text.ToString());
    }
}
