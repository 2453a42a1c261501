using System.Text.Json;

namespace Botify.Gateway.Tests;

/// <summary>Reads the event log files of a folder the way a reader would: every complete line of every *.jsonl file.</summary>
internal static class EventLines
{
    public static List<JsonElement> ReadAll(string dir)
    {
        var lines = new List<JsonElement>();
        foreach (var path in Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(stream).ReadToEnd();
            var end = text.LastIndexOf('\n');
            if (end < 0) continue;
            foreach (var line in text[..end].Split('\n'))
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return lines;
    }

    public static List<JsonElement> OfUser(string dir, int user) =>
        ReadAll(dir).Where(e => e.GetProperty("user").GetInt32() == user).ToList();

    /// <summary>Waits (up to 10 s) until the user has at least <paramref name="count"/> lines, then returns them all.</summary>
    public static async Task<List<JsonElement>> WaitForUser(string dir, int user, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = OfUser(dir, user);
            if (lines.Count >= count || DateTime.UtcNow > deadline) return lines;
            await Task.Delay(25);
        }
    }
}
