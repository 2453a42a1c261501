namespace Botify.Gateway;

/// <summary>
/// Endpoint metadata: which listener may serve the endpoint. Endpoints without it (the botify API)
/// are served on every listener; <see cref="ListenerEndpointPolicy"/> drops the others from routing
/// on the wrong listener, so they answer 404 there as an unknown path would.
/// </summary>
public sealed class ListenerRestriction
{
    /// <summary>Served on the `--admin-urls` listener only (dashboard, `/user`, detailed `/health`, OpenAPI, experiments).</summary>
    public static readonly ListenerRestriction ManagementOnly = new(management: true);

    /// <summary>Served on the public listener only (the status-only `/health`).</summary>
    public static readonly ListenerRestriction PublicOnly = new(management: false);

    private ListenerRestriction(bool management) => Management = management;

    /// <summary>True for the management listener, false for the public one.</summary>
    public bool Management { get; }
}
