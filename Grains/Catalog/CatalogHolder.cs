using Botify.Contracts.Catalog;

namespace Botify.Grains.Catalog;

/// <summary>The in-process <see cref="ICatalogProvider"/>: one volatile reference, swapped whole.</summary>
public sealed class CatalogHolder : ICatalogProvider
{
    private CatalogSnapshot current;

    public CatalogHolder(CatalogSnapshot? initial = null) => current = initial ?? CatalogSnapshot.Empty;

    public CatalogSnapshot Current => Volatile.Read(ref current);

    public void Swap(CatalogSnapshot next) => Volatile.Write(ref current, next);
}
