namespace Botify.Contracts.Catalog;

/// <summary>What a recommendation table's rows are keyed by.</summary>
public enum TableKeyKind
{
    /// <summary>`{"user":u,"tracks":[...]}` lines: a list per user.</summary>
    User,

    /// <summary>`{"track":t,"recommendations":[...]}` lines: a list per track.</summary>
    Track,
}
