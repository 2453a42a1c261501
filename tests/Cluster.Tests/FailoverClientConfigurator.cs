using Orleans.Configuration;
using Orleans.TestingHost;

namespace Botify.Cluster.Tests;

/// <summary>The test client gives up on a call after a few seconds, as the gateway does, instead of Orleans' 30 s default.</summary>
public sealed class FailoverClientConfigurator : IClientBuilderConfigurator
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeout);
}
