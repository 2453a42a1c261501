namespace Botify.Gateway;

/// <summary>
/// Kestrel's limits on what one client may hold or send, bound from "Botify:Http" and applied to every
/// listener. Botify requests are a request line, a few headers and a body of tens of bytes, so these bounds
/// cost a legitimate client nothing and cut off slow or oversized ones (slow-loris, header floods).
/// </summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "Botify:Http";

    /// <summary>Time to receive a request's headers; a client that trickles them is disconnected (Kestrel's default is 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time between requests on a kept-alive connection; longer than nginx's 60 s upstream keep-alive, so nginx closes first.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>Slowest accepted request body, after <see cref="MinDataRateGracePeriod"/>; slower clients are disconnected.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Slowest accepted reader of a response, after <see cref="MinDataRateGracePeriod"/>.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>Time a body or response may stay below the minimum rate before the connection is cut.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>All request headers together; more gets 431.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Headers per request; more gets 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Request line (method, path, version); longer gets 414.</summary>
    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    /// <summary>Hard limit of a request body (the endpoints answer 413 from <see cref="GatewayOptions.MaxBodyBytes"/> already).</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Open connections at once; beyond it new connections are refused (the admission limit sheds requests well before).</summary>
    public long MaxConcurrentConnections { get; set; } = 10_000;
}
