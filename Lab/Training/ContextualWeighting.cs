namespace Botify.Lab.Training;

/// <summary>How a track's followers are scored from their co-occurrence weight w(a, b) (see <see cref="ContextualCooccurrence"/>).</summary>
public enum ContextualWeighting
{
    /// <summary>w(a, b): raw co-occurrence; rows fill with the most frequent followers as data grows.</summary>
    Count,

    /// <summary>w(a, b) / (√(n(a) · n(b)) + shrink), n the total weight of a track as a source and as a follower.</summary>
    Cosine,

    /// <summary>w(a, b) / (n(b) + shrink): how much more often b follows a than it follows anything.</summary>
    Lift,

    /// <summary>BM25 (k1 = 1.2, b = 0.75 over rows): saturated w(a, b) times the inverse follower frequency log(1 + N / n(b)).</summary>
    Bm25,
}
