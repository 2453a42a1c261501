using Botify.Catalogs.Redis;
using Botify.Contracts.Catalog;
using Botify.Lab.Publishing;
using Botify.Lab.Training;
using Botify.TestSupport;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Lab.Tests.Training;

/// <summary>train → publish → the catalog the silos load from Redis holds the trained tables.</summary>
public sealed class TrainPublishTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Trained_tables_publish_to_redis_and_load_back_unchanged()
    {
        using var folder = new TempFolder();
        var rng = new Random(9);
        var lines = new List<string>();
        var ts = 1_000L;
        for (var user = 0; user < 2 * PlantedData.UsersPerGroup; user++)
        {
            for (var k = 0; k < 12; k++)
            {
                var track = PlantedData.Track(PlantedData.GroupOfUser(user), rng.Next(PlantedData.TracksPerGroup));
                lines.Add(k == 11 ? EventLines.Last(user, track, 1.0, ts++) : EventLines.Next(user, track, 0.9, ts++));
            }
        }

        lines.Add(EventLines.Next(1, 777_777, 1.0, ts)); // a track the world does not have
        folder.Write("logs/events-gw-5001-0001.jsonl", lines);
        var catalog = folder.Write("world/tracks.json",
            Enumerable.Range(0, PlantedData.TracksPerGroup).SelectMany(i => new[] { PlantedData.Track(0, i), PlantedData.Track(1, i) })
                .Select(t => $"{{\"track\":{t},\"artist\":\"artist {t % 7}\",\"title\":\"song {t}\"}}"));
        var model = Path.Combine(folder.Path, "model");
        using var console = new StringWriter();

        var settings = new TrainSettings(Path.Combine(folder.Path, "logs"), model, 1, 0.8, 0, 20, ContextualOptions.Defaults,
            PlantedData.SmallLfm, PlantedData.SmallGcf, catalog);
        TrainingRun.Run(settings, console);

        Assert.Contains("skipped 1 events whose track is not in --catalog", console.ToString());
        var prefix = "train-test:" + Guid.NewGuid().ToString("N")[..8];
        var errors = new StringWriter();
        var published = await CatalogPublishRun.RunAsync(new PublishSettings(server.Address, model, KeyPrefix: prefix),
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), errors);
        Assert.True(published == 0, errors.ToString());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Address);
        var loaded = await new RedisCatalogStore(redis, new RedisCatalogOptions { KeyPrefix = prefix }).LoadCurrentAsync();
        Assert.NotNull(loaded);
        var fromFiles = CatalogFiles.Read(model);
        foreach (var name in new[] { "gcf", "lfm", "contextual" })
        {
            var table = loaded.Table(name);
            Assert.NotNull(table);
            Assert.Equal(fromFiles.Table(name)!.RowCount, table.RowCount);
            foreach (var (key, row) in fromFiles.Table(name)!.Rows)
            {
                Assert.True(table.TryGetRow(key, out var back));
                Assert.Equal(row, back);
            }
        }

        Assert.Equal(TableKeyKind.User, loaded.Table("gcf")!.KeyKind);
        Assert.Equal(TableKeyKind.Track, loaded.Table("contextual")!.KeyKind);
        Assert.True(loaded.Table("gcf")!.TryGetRow(0, out var user0));
        Assert.All(user0.Take(5), t => Assert.Equal(0, PlantedData.GroupOfTrack(t)));
        Assert.Equal(fromFiles.TopTracks, loaded.TopTracks);
    }
}
