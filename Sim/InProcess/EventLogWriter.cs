using System.Text.Json;

namespace Botify.Sim.InProcess;

/// <summary>
/// Writes event-log lines in the shared format (`events-sim-0001.jsonl`, ...; a new file per size
/// rotation). Sequence numbers continue after files already in the folder, so a rerun adds files.
/// </summary>
public sealed class EventLogWriter : IDisposable
{
    private readonly string directory;
    private readonly string instance;
    private readonly long maxBytes;
    private readonly string experiment;
    private FileStream stream = null!;
    private Utf8JsonWriter writer = null!;
    private int sequence;

    public EventLogWriter(string directory, string experiment, string instance = "sim", long maxBytes = 64L << 20)
    {
        this.directory = directory;
        this.instance = instance;
        this.maxBytes = maxBytes;
        this.experiment = experiment;
        Directory.CreateDirectory(directory);
        sequence = LastSequence(directory, instance);
        LatestTimestamp = LatestTimestampIn(directory, instance);
        Open();
    }

    /// <summary>The largest timestamp already written by this instance in the folder (0 when none): a new run starts after it.</summary>
    public long LatestTimestamp { get; }

    public List<string> Files { get; } = new();

    public void Write(string message, long timestamp, int user, int track, double time, double latencySeconds, int? recommendation, string arm)
    {
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteNumber("timestamp", timestamp);
        writer.WriteNumber("user", user);
        writer.WriteNumber("track", track);
        writer.WriteNumber("time", time);
        writer.WriteNumber("latency", latencySeconds);
        if (recommendation is { } r) writer.WriteNumber("recommendation", r);
        else writer.WriteNull("recommendation");
        writer.WriteStartObject("experiments");
        writer.WriteString(experiment, arm);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset();
        stream.WriteByte((byte)'\n');
        if (stream.Position >= maxBytes)
        {
            Close();
            Open();
        }
    }

    public void Dispose() => Close();

    private void Open()
    {
        sequence++;
        var path = Path.Combine(directory, $"events-{instance}-{sequence:D4}.jsonl");
        stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        writer = new Utf8JsonWriter(stream);
        Files.Add(path);
    }

    private void Close()
    {
        writer.Dispose();
        stream.Dispose();
    }

    private static int LastSequence(string directory, string instance)
    {
        var last = 0;
        foreach (var file in Directory.EnumerateFiles(directory, $"events-{instance}-*.jsonl"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (int.TryParse(name.AsSpan(name.LastIndexOf('-') + 1), out var seq)) last = Math.Max(last, seq);
        }
        return last;
    }

    private static long LatestTimestampIn(string directory, string instance)
    {
        long latest = 0;
        foreach (var file in Directory.EnumerateFiles(directory, $"events-{instance}-*.jsonl"))
        {
            string? lastLine = null;
            foreach (var line in File.ReadLines(file))
                if (line.Length > 0) lastLine = line;
            if (lastLine is null) continue;
            try
            {
                using var doc = JsonDocument.Parse(lastLine);
                latest = Math.Max(latest, doc.RootElement.GetProperty("timestamp").GetInt64());
            }
            catch (JsonException)
            {
                // A torn last line (interrupted run) carries no usable timestamp; earlier lines are older.
            }
        }
        return latest;
    }
}
