using System.Diagnostics;
using System.Globalization;
using Botify.Contracts.Catalog;
using StackExchange.Redis;

namespace Botify.Catalogs.Redis;

/// <summary>
/// Catalog versions in Redis. A publish writes every part under a new version prefix (with
/// a TTL, so an interrupted publish cleans itself up), checks each key is there, then one
/// Lua script makes the version current, persists its keys, appends it to the version list
/// and publishes the version on the channel. Old versions beyond
/// <see cref="RedisCatalogOptions.KeepVersions"/> are deleted afterwards.
/// Keys (prefix `botify:catalog`):
///   `:current` (string: the current version) · `:versions` (list, oldest first) ·
/// `:next-version` (counter; a version is `&lt;counter&gt;-&lt;UTC time to the ms&gt;`, unique even after Redis restarts empty) ·
/// `:v:&lt;version&gt;:manifest` (hash) ·
///   `:v:&lt;version&gt;:tracks:&lt;i&gt;`, `:v:&lt;version&gt;:top:&lt;i&gt;`, `:v:&lt;version&gt;:table:&lt;name&gt;:&lt;i&gt;` (binary chunks) ·
///   channel `:published`.
/// </summary>
public sealed class RedisCatalogStore
{
    public const int FormatVersion = 1;

    // Checks first and writes after, so a failed check changes nothing (scripts are not rolled back).
    private const string FlipScript = """
        for i = 3, #KEYS do
          if redis.call('EXISTS', KEYS[i]) == 0 then
            return redis.error_reply('catalog publish incomplete: ' .. KEYS[i] .. ' is missing')
          end
        end
        for i = 3, #KEYS do redis.call('PERSIST', KEYS[i]) end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[1])
        return 1
        """;

    private readonly IConnectionMultiplexer redis;

    public RedisCatalogStore(IConnectionMultiplexer redis, RedisCatalogOptions? options = null)
    {
        this.redis = redis;
        Options = options ?? new RedisCatalogOptions();
    }

    public RedisCatalogOptions Options { get; }

    public RedisChannel Channel => RedisChannel.Literal(Options.Channel);

    private IDatabase Db => redis.GetDatabase();

    private string CurrentKey => Options.KeyPrefix + ":current";

    private string VersionsKey => Options.KeyPrefix + ":versions";

    /// <summary>Writes the catalog as a new version, makes it current atomically, notifies loaders, prunes old versions.</summary>
    public async Task<CatalogPublishResult> PublishAsync(CatalogSnapshot catalog, string source, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var parts = await Task.Run(() => Encode(catalog), cancellation);
        var counter = await Db.StringIncrementAsync(Options.KeyPrefix + ":next-version");
        var version = string.Create(CultureInfo.InvariantCulture, $"{counter}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}");
        var written = new List<RedisKey>();
        try
        {
            var writes = new List<Task>();
            long bytes = 0;
            foreach (var (info, chunks) in parts)
            {
                for (var i = 0; i < chunks.Count; i++)
                {
                    var key = ChunkKey(version, info.Name, i);
                    written.Add(key);
                    writes.Add(Db.StringSetAsync(key, chunks[i], Options.PendingTtl));
                    bytes += chunks[i].Length;
                }
            }
            var manifestKey = ManifestKey(version);
            written.Add(manifestKey);
            writes.Add(Db.HashSetAsync(manifestKey, Manifest(catalog, version, source, parts)));
            writes.Add(Db.KeyExpireAsync(manifestKey, Options.PendingTtl));
            await Task.WhenAll(writes);
            cancellation.ThrowIfCancellationRequested();
            await VerifyAsync(parts, version);
            var keys = new RedisKey[written.Count + 2];
            keys[0] = CurrentKey;
            keys[1] = VersionsKey;
            written.CopyTo(keys, 2);
            await Db.ScriptEvaluateAsync(FlipScript, keys, [version, Options.Channel]);
            written.Clear();
            var pruned = await PruneAsync();
            var infos = new List<CatalogPartInfo>(parts.Count);
            foreach (var (info, _) in parts) infos.Add(info);
            return new CatalogPublishResult(version, infos, bytes, pruned, clock.Elapsed);
        }
        finally
        {
            if (written.Count > 0) await DeleteQuietlyAsync(version, written);
        }
    }

    /// <summary>The current version, or null when none has been published (or Redis lost it).</summary>
    public async Task<string?> GetCurrentVersionAsync()
    {
        var value = await Db.StringGetAsync(CurrentKey);
        return value.IsNullOrEmpty ? null : value.ToString();
    }

    /// <summary>Versions still stored, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetVersionsAsync()
    {
        var values = await Db.ListRangeAsync(VersionsKey);
        var versions = new List<string>(values.Length);
        foreach (var value in values) versions.Add(value.ToString());
        return versions;
    }

    /// <summary>Loads the current version; null when none is current.</summary>
    public async Task<CatalogSnapshot?> LoadCurrentAsync(CancellationToken cancellation = default)
    {
        var version = await GetCurrentVersionAsync();
        return version is null ? null : await LoadAsync(version, cancellation);
    }

    /// <summary>Reads a version's manifest and parts, checks sizes and checksums, and builds an immutable snapshot.</summary>
    public async Task<CatalogSnapshot> LoadAsync(string version, CancellationToken cancellation = default)
    {
        var manifest = await Db.HashGetAllAsync(ManifestKey(version));
        if (manifest.Length == 0)
        {
            throw new InvalidDataException($"catalog version {version} has no manifest at {ManifestKey(version)}: it was pruned or Redis lost it; " +
                $"publish the catalog again");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in manifest) fields[entry.Name.ToString()] = entry.Value.ToString();
        if (!fields.TryGetValue("format", out var format) || format != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"catalog version {version} has format {format ?? "(none)"}, this build reads format {FormatVersion}; " +
                $"publish it again with this build's lab");
        }
        var reads = new List<(CatalogPartInfo Info, Task<RedisValue[]> Chunks)>();
        foreach (var (name, value) in fields)
        {
            if (!name.StartsWith("part:", StringComparison.Ordinal)) continue;
            var info = CatalogPartInfo.Parse(name["part:".Length..], value);
            var keys = new RedisKey[info.Chunks];
            for (var i = 0; i < keys.Length; i++) keys[i] = ChunkKey(version, info.Name, i);
            reads.Add((info, Db.StringGetAsync(keys)));
        }
        await Task.WhenAll(reads.Select(r => r.Chunks));
        cancellation.ThrowIfCancellationRequested();
        var decoded = new List<Task<object>>();
        foreach (var (info, chunksTask) in reads)
        {
            var chunks = Checked(version, info, chunksTask.Result);
            decoded.Add(Task.Run(() => Decode(info, chunks), cancellation));
        }
        await Task.WhenAll(decoded);
        TrackCatalog? tracks = null;
        int[] top = [];
        var tables = new Dictionary<string, RecommendationTable>(StringComparer.Ordinal);
        for (var i = 0; i < reads.Count; i++)
        {
            switch (decoded[i].Result)
            {
                case TrackCatalog t: tracks = t; break;
                case int[] ids: top = ids; break;
                case RecommendationTable table: tables.Add(table.Name, table); break;
            }
        }
        if (tracks is null) throw new InvalidDataException($"catalog version {version} has no tracks part; publish the catalog again");
        return new CatalogSnapshot(version, tracks, top, tables);
    }

    /// <summary>Deletes stored versions beyond the newest <see cref="RedisCatalogOptions.KeepVersions"/>, never the current one.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync()
    {
        var versions = await GetVersionsAsync();
        var current = await GetCurrentVersionAsync();
        var pruned = new List<string>();
        for (var i = 0; i < versions.Count - Math.Max(1, Options.KeepVersions); i++)
        {
            var version = versions[i];
            if (version == current) continue;
            var keys = new List<RedisKey> { ManifestKey(version) };
            foreach (var entry in await Db.HashGetAllAsync(ManifestKey(version)))
            {
                var name = entry.Name.ToString();
                if (!name.StartsWith("part:", StringComparison.Ordinal)) continue;
                var info = CatalogPartInfo.Parse(name["part:".Length..], entry.Value.ToString());
                for (var c = 0; c < info.Chunks; c++) keys.Add(ChunkKey(version, info.Name, c));
            }
            await Db.KeyDeleteAsync(keys.ToArray());
            await Db.ListRemoveAsync(VersionsKey, version, 1);
            pruned.Add(version);
        }
        return pruned;
    }

    private string ManifestKey(string version) => $"{Options.KeyPrefix}:v:{version}:manifest";

    private string ChunkKey(string version, string part, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"{Options.KeyPrefix}:v:{version}:{part}:{chunk}");

    private List<(CatalogPartInfo Info, List<byte[]> Chunks)> Encode(CatalogSnapshot catalog)
    {
        var chunkBytes = Math.Max(4096, Options.ChunkBytes);
        var parts = new List<(CatalogPartInfo, List<byte[]>)>
        {
            Part("tracks", "tracks", catalog.Tracks.Count, catalog.Tracks.Count, CatalogBinary.EncodeTracks(catalog.Tracks, chunkBytes)),
            Part("top", "top", catalog.TopTracks.Length, catalog.TopTracks.Length, CatalogBinary.EncodeInts(catalog.TopTracks, chunkBytes)),
        };
        foreach (var (name, table) in catalog.Tables)
        {
            long items = 0;
            foreach (var row in table.Rows) items += row.Value.Length;
            var kind = table.KeyKind == TableKeyKind.User ? "user" : "track";
            parts.Add(Part("table:" + name, kind, table.RowCount, items, CatalogBinary.EncodeTable(table, chunkBytes)));
        }
        return parts;
    }

    private static (CatalogPartInfo, List<byte[]>) Part(string name, string kind, int rows, long items, List<byte[]> chunks)
    {
        long bytes = 0;
        foreach (var chunk in chunks) bytes += chunk.Length;
        return (new CatalogPartInfo(name, kind, rows, items, chunks.Count, bytes, CatalogBinary.Checksum(chunks)), chunks);
    }

    private static HashEntry[] Manifest(CatalogSnapshot catalog, string version, string source, List<(CatalogPartInfo Info, List<byte[]> Chunks)> parts)
    {
        var entries = new List<HashEntry>
        {
            new("format", FormatVersion),
            new("version", version),
            new("created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            new("source", source),
            new("tracks", catalog.Tracks.Count),
            new("top", catalog.TopTracks.Length),
            new("tables", string.Join(',', catalog.Tables.Keys.Order(StringComparer.Ordinal))),
        };
        foreach (var (info, _) in parts) entries.Add(new HashEntry("part:" + info.Name, info.ToManifestValue()));
        return entries.ToArray();
    }

    // Catches keys that vanished between write and flip (e.g. evicted under maxmemory).
    private async Task VerifyAsync(List<(CatalogPartInfo Info, List<byte[]> Chunks)> parts, string version)
    {
        var checks = new List<(RedisKey Key, int Expected, Task<long> Length)>();
        foreach (var (info, chunks) in parts)
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                var key = ChunkKey(version, info.Name, i);
                checks.Add((key, chunks[i].Length, Db.StringLengthAsync(key)));
            }
        }
        await Task.WhenAll(checks.Select(c => c.Length));
        foreach (var (key, expected, length) in checks)
        {
            if (length.Result != expected)
            {
                throw new InvalidOperationException($"Redis holds {length.Result} bytes at {key}, {expected} were written (evicted? check " +
                    $"maxmemory-policy); the current catalog was not changed");
            }
        }
    }

    private static byte[][] Checked(string version, CatalogPartInfo info, RedisValue[] values)
    {
        var chunks = new byte[values.Length][];
        long bytes = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull) throw new InvalidDataException($"catalog version {version} part {info.Name} chunk {i} is missing from Redis; " +
                $"publish the catalog again");
            chunks[i] = (byte[])values[i]!;
            bytes += chunks[i].Length;
        }
        if (bytes != info.Bytes || CatalogBinary.Checksum(chunks) != info.Checksum)
        {
            throw new InvalidDataException($"catalog version {version} part {info.Name} does not match its manifest checksum (corrupt); publish " +
                $"the catalog again");
        }
        return chunks;
    }

    private static object Decode(CatalogPartInfo info, byte[][] chunks) => info.Kind switch
    {
        "tracks" => TrackCatalog.Build(CatalogBinary.DecodeTracks(chunks)),
        "top" => CatalogBinary.DecodeInts(chunks),
        "user" => new RecommendationTable(info.Name["table:".Length..], TableKeyKind.User, CatalogBinary.DecodeTable(info.Name, chunks)),
        "track" => new RecommendationTable(info.Name["table:".Length..], TableKeyKind.Track, CatalogBinary.DecodeTable(info.Name, chunks)),
        _ => throw new InvalidDataException($"catalog part {info.Name} has unknown kind {info.Kind}; this build cannot read it"),
    };

    private async Task DeleteQuietlyAsync(string version, List<RedisKey> keys)
    {
        try
        {
            // The flip may have run even though its reply was lost: never delete the current version.
            if (await GetCurrentVersionAsync() == version) return;
            await Db.KeyDeleteAsync(keys.ToArray());
        }
        catch (RedisException)
        {
            // The pending TTL removes them anyway.
        }
    }
}
