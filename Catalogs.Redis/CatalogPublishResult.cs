using Botify.Contracts.Catalog;

namespace Botify.Catalogs.Redis;

/// <summary>What a publish wrote: the new current version, its parts, the bytes sent and the old versions pruned.</summary>
public sealed record CatalogPublishResult(string Version, IReadOnlyList<CatalogPartInfo> Parts, long BytesWritten,
    IReadOnlyList<string> PrunedVersions, TimeSpan Elapsed);
