using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Botify.Silo.Tests;

/// <summary>Keeps every log line so tests can assert what was reported and how often.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public int Count(LogLevel level, string fragment) => Lines.Count(l => l.Level == level && l.Message.Contains(fragment, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));
}
