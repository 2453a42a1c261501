namespace Botify.Contracts.Catalog;

/// <summary>One line of `tracks.json`: `{"track":int,"artist":str,"title":str}`.</summary>
public sealed record TrackEntry(int Track, string Artist, string Title);
