namespace Botify.Contracts.Catalog;

/// <summary>Progress of reading a catalog folder: one file done, what it held and how long it took.</summary>
public sealed record CatalogFileRead(string Path, string What, int Rows, TimeSpan Elapsed);
