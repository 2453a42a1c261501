using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Botify.Sim.Tests;

/// <summary>
/// A real Kestrel endpoint speaking the gateway's API with deterministic answers: the next track is a
/// function of (user, reported track, how many requests this user made so far), so answers depend on
/// each user's request order. Records every user's request sequence for comparisons.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int tracks;
    private readonly Func<int, int, int, int?> failure;
    private readonly ConcurrentDictionary<int, List<string>> requests = new();

    /// <param name="failure">(user, count, track) → HTTP status to answer instead, or null; a status of 0 means "answer an unknown track".</param>
    private readonly bool mixFraming;

    private FakeGateway(int tracks, Func<int, int, int, int?>? failure, bool record, bool mixFraming)
    {
        this.mixFraming = mixFraming;
        this.tracks = tracks;
        this.failure = failure ?? ((_, _, _) => null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(context => Handle(context, record));
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <param name="mixFraming">Vary the framing: some answers with Content-Length, some chunked, some closing the connection.</param>
    public static async Task<FakeGateway> StartAsync(int tracks, Func<int, int, int, int?>? failure = null, bool record = true, bool mixFraming = false)
    {
        var gateway = new FakeGateway(tracks, failure, record, mixFraming);
        await gateway.app.StartAsync();
        gateway.BaseUri = new Uri(gateway.app.Urls.First() + "/");
        return gateway;
    }

    /// <summary>Each user's requests in arrival order, as "next t=..." / "last t=..." lines.</summary>
    public IReadOnlyDictionary<int, List<string>> Requests => requests;

    public static int Recommend(int user, int track, int count, int tracks) =>
        (int)((uint)(user * 7919 + track * 104729 + count * 1299709) % (uint)tracks);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task Handle(HttpContext context, bool record)
    {
        var path = context.Request.Path.Value ?? "/";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync("{\"status\":\"alive\",\"message\":\"fake\"}");
            return;
        }
        var isNext = path.StartsWith("/next/", StringComparison.Ordinal);
        var user = int.Parse(path.AsSpan(path.LastIndexOf('/') + 1));
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var track = body.RootElement.GetProperty("track").GetInt32();
        var time = body.RootElement.GetProperty("time").GetDouble();
        var history = requests.GetOrAdd(user, _ => new List<string>());
        int count;
        lock (history)
        {
            count = history.Count;
            if (record) history.Add($"{(isNext ? "next" : "last")} track={track} time={time}");
            else history.Add("");
        }
        context.Response.ContentType = "application/json";
        if (!isNext)
        {
            await context.Response.WriteAsync($"{{\"user\":{user}}}");
            return;
        }
        var status = failure(user, count, track);
        if (status is > 0)
        {
            context.Response.StatusCode = status.Value;
            await context.Response.WriteAsync("{\"message\":\"fake failure\"}");
            return;
        }
        var recommendation = status == 0 ? tracks + 5 : Recommend(user, track, count, tracks);
        var answer = System.Text.Encoding.UTF8.GetBytes($"{{\"user\":{user},\"track\":{recommendation}}}");
        if (mixFraming && count % 3 == 0) context.Response.ContentLength = answer.Length;
        if (mixFraming && count % 5 == 0) context.Response.Headers.Connection = "close";
        await context.Response.Body.WriteAsync(answer);
    }
}
