using Botify.Contracts.Catalog;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Botify.Silo.Tests;

public sealed class CatalogLoaderFromFilesTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "botify-files-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Host_with_a_catalog_folder_serves_it_without_redis()
    {
        TestCatalogs.WriteFolder(directory, tracks: 500, userTables: 2, users: 50, perUser: 10, perTrack: 5);
        using var host = Host(directory);

        await host.StartAsync();
        var current = host.Services.GetRequiredService<ICatalogProvider>().Current;
        await host.StopAsync();

        Assert.Equal(500, current.Tracks.Count);
        Assert.Equal(["i2i", "user0", "user1"], current.Tables.Keys.Order());
        Assert.Equal(TableKeyKind.Track, current.Tables["i2i"].KeyKind);
        Assert.Equal(50, current.Tables["user1"].RowCount);
    }

    [Fact]
    public async Task Host_with_a_bad_catalog_folder_fails_to_start_naming_file_and_line()
    {
        TestCatalogs.WriteFolder(directory, tracks: 100, userTables: 1, users: 5, perUser: 3, perTrack: 0);
        File.AppendAllText(Path.Combine(directory, "recommendations_user0.json"), "{\"user\":1,\"tracks\":[1]}\n");
        using var host = Host(directory);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("recommendations_user0.json:6: user 1 already has a row", error.Message);
    }

    private static IHost Host(string directory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddFileCatalog(directory);
        return builder.Build();
    }
}
