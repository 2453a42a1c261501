using Botify.Hosting;
using Orleans.Dashboard;

namespace Botify.Gateway;

/// <summary>Registers the gateway: options, JSON, event log, endpoints' services, OpenAPI.</summary>
public static class GatewayServiceExtensions
{
    public static WebApplicationBuilder AddBotifyGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddOptions<EventLogOptions>().BindConfiguration(EventLogOptions.Section);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        // Registered after the silo so it stops before it: Kestrel drains, then the log, then the silo.
        services.AddSingleton<EventLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLogWriter>());
        services.AddSingleton<PlayEndpoints>();
        services.AddSingleton<GrainCallRetry>();
        services.AddSingleton<PlayAdmission>();
        services.AddSingleton<LiveExperimentReader>();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The Orleans dashboard at /dashboard, when the silo serves one.</summary>
    public static WebApplication MapBotifyDashboard(this WebApplication app)
    {
        var silo = app.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        if (silo.Dashboard) app.MapOrleansDashboard(routePrefix: "/dashboard");
        return app;
    }
}
