using System.Globalization;

namespace Botify.TestSupport;

/// <summary>Builds event-log lines in the contract's format, and temporary log folders.</summary>
public static class EventLines
{
    public static string Next(int user, int track, double time, long timestamp, string experiment = "AB", string arm = "C", double latency = 0.001) =>
        Line("next", user, track, time, timestamp, experiment, arm, latency, "7");

    public static string Last(int user, int track, double time, long timestamp, string experiment = "AB", string arm = "C", double latency = 0.001) =>
        Line("last", user, track, time, timestamp, experiment, arm, latency, "null");

    private static string Line(string message, int user, int track, double time, long timestamp, string experiment, string arm, double latency,
        string recommendation) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"message\":\"{message}\",\"timestamp\":{timestamp},\"user\":{user},\"track\":{track},\"time\":{time},\"latency\":{latency}," +
            $"\"recommendation\":{recommendation},\"experiments\":{{\"{experiment}\":\"{arm}\"}}}}");
}
