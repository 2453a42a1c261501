namespace Botify.Contracts.Catalog;

/// <summary>One `recommendations_&lt;name&gt;.json` file of a catalog folder and the table name it gives.</summary>
public sealed record CatalogTableFile(string Name, string Path);
