using Botify.Hosting;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Botify.Gateway;

/// <summary>Registers the gateway: options, JSON, event log, endpoints' services, OpenAPI, its listeners and their limits.</summary>
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
        builder.AddBotifyListeners();
        return builder;
    }

    /// <summary>
    /// The public listener (`--urls`) and, with `--admin-urls`, the management listener beside it, both under
    /// <see cref="HttpLimitsOptions"/>; prints one line saying where management is served, or that it is not.
    /// A bad `--admin-urls` throws <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static WebApplicationBuilder AddBotifyListeners(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(HttpLimitsOptions.Section).Get<HttpLimitsOptions>() ?? new HttpLimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel => Apply(kestrel.Limits, limits));

        var silo = builder.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        var publicUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : "http://localhost:5000";
        var management = ManagementUrls.Parse(silo.AdminUrls, publicUrls);
        if (management is null)
        {
            Console.WriteLine("botify gateway: no --admin-urls given: the management endpoints "
                + "(dashboard, /user/{user}, detailed /health, /experiments, OpenAPI) are not served; pass --admin-urls http://127.0.0.1:PORT to serve them");
            return builder;
        }
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, publicUrls + ";" + management.Urls);
        builder.Services.AddSingleton(management);
        builder.Services.AddSingleton<MatcherPolicy, ListenerEndpointPolicy>();
        Console.WriteLine($"botify gateway: public API on {publicUrls}; "
            + $"admin (dashboard, /user/{{user}}, detailed /health, /experiments, OpenAPI) on {management.Urls} only"
            + (management.LoopbackOnly ? "" : " — not loopback: anyone who reaches it sees every user's history, put it behind a firewall"));
        return builder;
    }

    private static void Apply(KestrelServerLimits kestrel, HttpLimitsOptions limits)
    {
        kestrel.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.KeepAliveTimeout = limits.KeepAliveTimeout;
        kestrel.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinDataRateGracePeriod);
        kestrel.MinResponseDataRate = new MinDataRate(limits.MinResponseBytesPerSecond, limits.MinDataRateGracePeriod);
        kestrel.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        kestrel.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.MaxRequestLineSize = limits.MaxRequestLineSize;
        kestrel.MaxRequestBodySize = limits.MaxRequestBodySize;
        kestrel.MaxConcurrentConnections = limits.MaxConcurrentConnections;
    }
}
