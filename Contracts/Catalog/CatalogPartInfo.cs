using System.Globalization;

namespace Botify.Contracts.Catalog;

/// <summary>
/// One part of a published catalog version as its manifest records it: name (`tracks`,
/// `top`, `table:&lt;name&gt;`), kind (`tracks`, `top`, `user`, `track`), rows, ids held,
/// chunks, bytes and the XxHash64 of the chunks in order.
/// </summary>
public sealed record CatalogPartInfo(string Name, string Kind, int Rows, long Items, int Chunks, long Bytes, string Checksum)
{
    /// <summary>The manifest hash value: `kind=user;rows=10000;items=1000000;chunks=4;bytes=4040004;xxh64=...`.</summary>
    public string ToManifestValue() =>
        string.Create(CultureInfo.InvariantCulture, $"kind={Kind};rows={Rows};items={Items};chunks={Chunks};bytes={Bytes};xxh64={Checksum}");

    public static CatalogPartInfo Parse(string name, string value)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in value.Split(';'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0) fields[pair[..eq]] = pair[(eq + 1)..];
        }
        string Field(string key) => fields.TryGetValue(key, out var v) ? v
            : throw new InvalidDataException($"catalog manifest entry {name} lacks \"{key}\": {value}");
        return new CatalogPartInfo(
            name,
            Field("kind"),
            int.Parse(Field("rows"), CultureInfo.InvariantCulture),
            long.Parse(Field("items"), CultureInfo.InvariantCulture),
            int.Parse(Field("chunks"), CultureInfo.InvariantCulture),
            long.Parse(Field("bytes"), CultureInfo.InvariantCulture),
            Field("xxh64"));
    }
}
