using Botify.Contracts.Catalog;

namespace Botify.Grains.Catalog;

/// <summary>
/// The silo-wide current catalog. Readers take <see cref="Current"/> once per request and
/// use that snapshot throughout; the loader replaces it atomically with <see cref="Swap"/>.
/// </summary>
public interface ICatalogProvider
{
    CatalogSnapshot Current { get; }

    void Swap(CatalogSnapshot next);
}
