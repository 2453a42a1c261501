namespace Botify.Contracts.JsonLines;

/// <summary>What <see cref="JsonLinesReader.Read"/> found.</summary>
public enum JsonLineStatus
{
    /// <summary>The file has no more lines.</summary>
    End,

    /// <summary>A line within the size limit (possibly blank).</summary>
    Line,

    /// <summary>A line over the size limit; its bytes were skipped.</summary>
    TooLong,
}
