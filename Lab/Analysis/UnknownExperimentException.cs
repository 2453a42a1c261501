namespace Botify.Lab.Analysis;

/// <summary>The experiment (or its control arm) is not in the events; the message lists what is.</summary>
public sealed class UnknownExperimentException(string message, IReadOnlyDictionary<string, IReadOnlyList<string>> found)
    : Exception(message)
{
    /// <summary>Experiments found in the events, with their arms.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Found { get; } = found;
}
