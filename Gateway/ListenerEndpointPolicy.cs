using Botify.Hosting;
using Microsoft.AspNetCore.Routing.Matching;

namespace Botify.Gateway;

/// <summary>
/// Routing policy that keeps each <see cref="ListenerRestriction"/>-marked endpoint on its listener, told by the
/// connection's local port (never by the Host header, which any client can set). Routing consults it only for
/// paths that have a marked endpoint, so the public `/next`, `/last` and `/track` paths never run it.
/// </summary>
public sealed class ListenerEndpointPolicy(ManagementUrls management) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<ListenerRestriction>() is not null) return true;
        }
        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onManagement = management.IsManagementPort(httpContext.Connection.LocalPort);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint?.Metadata.GetMetadata<ListenerRestriction>() is { } restriction && restriction.Management != onManagement)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
