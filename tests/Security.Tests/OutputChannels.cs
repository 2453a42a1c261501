using System.Text;

namespace Botify.Security.Tests;

/// <summary>
/// Everything a run showed to anyone: each process's stdout and stderr, every HTTP answer (status line, headers,
/// body), every event-log file. <see cref="Find"/> names the channel and line where a string appears.
/// </summary>
internal sealed class OutputChannels
{
    private readonly List<(string Channel, string Text)> channels = [];

    public int Count
    {
        get { lock (channels) return channels.Count; }
    }

    public void Add(string channel, string text)
    {
        lock (channels) channels.Add((channel, text));
    }

    public void AddProcess(ServiceProcess process)
    {
        Add($"{process.Name} stdout", process.Stdout);
        Add($"{process.Name} stderr", process.Stderr);
    }

    public void AddFolder(string channel, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Add($"{channel} {Path.GetFileName(file)}", File.ReadAllText(file));
        }
    }

    /// <summary>GET or POST over HTTP; the answer (status, headers, body) is recorded as a channel and returned.</summary>
    public async Task<(int Status, string Body)> RequestAsync(HttpClient http, HttpMethod method, string url, string? json = null,
        string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType ?? "application/json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var text = new StringBuilder().Append((int)response.StatusCode).Append(' ').Append(url).AppendLine();
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).AppendLine();
        }
        text.AppendLine().Append(body);
        Add($"HTTP {method} {url}", text.ToString());
        return ((int)response.StatusCode, body);
    }

    /// <summary>Reads a streaming answer (the dashboard's log trace) for <paramref name="duration"/> and records what came.</summary>
    public async Task StreamAsync(HttpClient http, string url, TimeSpan duration)
    {
        using var cancel = new CancellationTokenSource(duration);
        var text = new StringBuilder();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            text.Append((int)response.StatusCode).AppendLine();
            await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            var buffer = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (OperationCanceledException)
        {
            // the trace streams until the client leaves
        }
        Add($"HTTP stream {url}", text.ToString());
    }

    /// <summary>Each place <paramref name="secret"/> appears, as "channel: line".</summary>
    public List<string> Find(string secret)
    {
        var found = new List<string>();
        lock (channels)
        {
            foreach (var (channel, text) in channels)
            {
                foreach (var line in text.Split('\n'))
                {
                    if (line.Contains(secret, StringComparison.Ordinal)) found.Add($"{channel}: {line.Trim()}");
                }
            }
        }
        return found;
    }

    /// <summary>True when some channel whose name contains <paramref name="channel"/> holds <paramref name="text"/> (the positive control).</summary>
    public bool Shows(string channel, string text)
    {
        lock (channels) return channels.Any(c => c.Channel.Contains(channel, StringComparison.Ordinal) && c.Text.Contains(text, StringComparison.Ordinal));
    }
}
