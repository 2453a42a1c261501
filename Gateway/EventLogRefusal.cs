namespace Botify.Gateway;

/// <summary>Why the event log cannot take a line now (<see cref="EventLogWriter.TryReserve"/>); the request is then not applied.</summary>
public enum EventLogRefusal
{
    /// <summary>Accepted: a place in the queue is reserved.</summary>
    None,

    /// <summary>Its last write failed (disk full, I/O error); it retries by itself.</summary>
    CannotWrite,

    /// <summary>Its queue holds <see cref="EventLogOptions.QueueCapacity"/> lines not yet written (a slow or stalled disk).</summary>
    QueueFull,

    /// <summary>The service is stopping.</summary>
    Stopping,
}
