using System.CommandLine;
using Botify.Catalogs.Redis;
using Botify.Lab.Publishing;
using Botify.TestSupport;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Lab.Tests.Publishing;

public sealed class PublishCommandTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer server;
    private readonly string prefix = "test:" + Guid.NewGuid().ToString("N")[..8];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "botify-publish-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();
    private ConnectionMultiplexer redis = null!;

    public PublishCommandTests(RedisServer server) => this.server = server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        redis = await ConnectionMultiplexer.ConnectAsync(server.Address);
    }

    public async Task DisposeAsync()
    {
        await redis.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Publish_makes_the_folder_the_current_version_and_prints_a_summary()
    {
        WriteGoodFolder();

        var exit = await Run(server.Address);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.ToString());
        var loaded = await Store().LoadCurrentAsync();
        Assert.NotNull(loaded);
        var text = output.ToString();
        Assert.Contains($"Published catalog version {loaded.Version}", text);
        Assert.Contains("recommendations_a.json", text);
        Assert.Contains("40 tracks, 3 top tracks, tables: a 2 users, b 1 tracks, c 1 users", text);
        Assert.Contains("MiB written", text);
        Assert.Equal(40, loaded.Tracks.Count);
        Assert.Equal([3, 2, 1], loaded.TopTracks);
        Assert.True(loaded.Table("b")!.TryGetRow(7, out var row));
        Assert.Equal([8, 9], row);
    }

    [Fact]
    public async Task Publish_with_a_bad_file_mid_way_leaves_the_current_version_and_writes_nothing()
    {
        WriteGoodFolder();
        Assert.Equal(0, await Run(server.Address));
        var before = await Store().GetCurrentVersionAsync();
        Write("recommendations_b.json", "{\"track\":7,\"recommendations\":[8,9]}\n{\"track\":8,\"recommendations\":[99]}\n");
        Write("recommendations_a.json", "{\"user\":1,\"tracks\":[1,2]}\n{\"user\":2,\"tracks\":[2,3,4]}\n");

        var exit = await Run(server.Address);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {Path.Combine(directory, "recommendations_b.json")}:2: track 99 in \"recommendations\" is not in tracks.json",
            errors.ToString());
        Assert.Contains("current catalog version in Redis is unchanged", errors.ToString());
        Assert.Equal(before, await Store().GetCurrentVersionAsync());
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"{prefix}:v:*").Select(k => k.ToString()).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.StartsWith($"{prefix}:v:{before}:", key));
    }

    [Fact]
    public async Task Publish_to_an_unreachable_redis_fails_with_one_clear_line()
    {
        WriteGoodFolder();
        using var gone = new RedisServer(); // a free port nobody listens on

        var exit = await Run(gone.Address);

        Assert.Equal(2, exit);
        var lines = errors.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Contains($"cannot reach Redis at {gone.Address}", lines[0]);
        Assert.Contains("--redis HOST:PORT", lines[0]);
    }

    [Fact]
    public async Task Publish_command_line_publishes_with_the_given_options()
    {
        WriteGoodFolder();
        var root = new RootCommand { PublishCommand.Create() };

        var exit = await root.Parse(["publish", "--redis", server.Address, "--data", directory, "--prefix", prefix, "--keep", "1"]).InvokeAsync();
        var first = await Store().GetCurrentVersionAsync();
        var again = await root.Parse(["publish", "--redis", server.Address, "--data", directory, "--prefix", prefix, "--keep", "1"]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(0, again);
        var versions = await Store().GetVersionsAsync();
        Assert.Single(versions);
        Assert.NotEqual(first, versions[0]);
        Assert.Equal(versions[0], await Store().GetCurrentVersionAsync());
    }

    private Task<int> Run(string address)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return CatalogPublishRun.RunAsync(new PublishSettings(address, directory, KeyPrefix: prefix), console, errors);
    }

    private RedisCatalogStore Store() => new(redis, new RedisCatalogOptions { KeyPrefix = prefix });

    private void WriteGoodFolder()
    {
        Write("tracks.json", string.Concat(Enumerable.Range(0, 40).Select(t => $"{{\"track\":{t},\"artist\":\"Artist {t % 4}\",\"title\":\"T{t}\"}}\n")));
        Write("top_tracks.json", "[3, 2, 1]");
        Write("recommendations_a.json", "{\"user\":1,\"tracks\":[1,2]}\n{\"user\":2,\"tracks\":[2,3]}\n");
        Write("recommendations_b.json", "{\"track\":7,\"recommendations\":[8,9]}\n");
        Write("recommendations_c.json", "{\"user\":5,\"tracks\":[39]}\n");
    }

    private void Write(string file, string content) => File.WriteAllText(Path.Combine(directory, file), content);
}
