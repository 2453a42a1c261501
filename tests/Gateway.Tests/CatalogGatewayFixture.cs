namespace Botify.Gateway.Tests;

/// <summary>One gateway in memory mode serving <see cref="TestCatalogFolder"/>, shared by a test class.</summary>
public sealed class CatalogGatewayFixture : IAsyncLifetime
{
    private int nextUser = 1000;

    internal GatewayApp App { get; private set; } = null!;

    internal HttpClient Http { get; private set; } = null!;

    /// <summary>The management listener: /user, detailed /health, OpenAPI, dashboard.</summary>
    internal HttpClient Admin { get; private set; } = null!;

    /// <summary>A user no other test touched.</summary>
    public int NewUser() => Interlocked.Increment(ref nextUser);

    public Task InitializeAsync()
    {
        App = new GatewayApp(catalog: TestCatalogFolder.Write(), dashboard: true);
        Http = App.Http();
        Admin = App.AdminHttp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await App.DisposeAsync();
    }
}
