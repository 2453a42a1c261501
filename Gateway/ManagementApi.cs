using Botify.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Botify.Gateway;

/// <summary>
/// The operator's endpoints, served on the `--admin-urls` listener only (<see cref="ListenerRestriction.ManagementOnly"/>):
/// on the public listener their paths answer 404 like any unknown path. A group of operator endpoints goes on this
/// surface with one line in <see cref="MapManagementApi"/>.
/// </summary>
public static class ManagementApi
{
    public static WebApplication MapManagementApi(this WebApplication app)
    {
        var admin = app.MapGroup("").WithMetadata(ListenerRestriction.ManagementOnly);
        admin.MapGet("/user/{user}",
                static (string user, HttpContext http, IGrainFactory grains, IOptions<GatewayOptions> options, ILoggerFactory logs, PlayAdmission admission) =>
                admission.AdmitAsync(http, (user, grains, options, logs), static (s, http) =>
                    BotifyApi.User(s.user, s.grains, s.options, s.logs, http.RequestServices.GetRequiredService<GrainCallRetry>(),
                        http.RequestServices.GetService<ClusterClientConnector>())))
            .WithSummary("One user's persisted state, experiment arms and recommender (read-only)")
            .Produces<UserResponse>().Produces<ApiError>(400).Produces<ApiError>(503);
        admin.MapGet("/health", BotifyApi.Health)
            .WithSummary("Ready (200) or not (503), with the catalog, the event log, where state lives (Redis without its password), the catalog problem "
                + "and the process's GC and memory figures")
            .Produces<HealthResponse>().Produces<HealthResponse>(503);
        admin.MapExperimentsApi();
        admin.MapOpenApi();
        var silo = app.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        if (silo.Dashboard && !app.Configuration.IsClusterMode()) admin.MapOrleansDashboard(routePrefix: "/dashboard");
        return app;
    }
}
