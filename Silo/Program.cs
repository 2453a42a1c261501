using Botify.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

// One silo of the Botify cluster: Redis membership, storage and catalogs; dashboard and /health on --dashboard-port.
args = ClusterCommandLine.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBotifyCommandLine(args);
builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
    .AddFilter("Polly", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
try
{
    builder.UseBotifyClusterSilo();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"silo: {e.Message}");
    return 2;
}

var app = builder.Build();
app.MapClusterSiloEndpoints();
app.Run();
return 0;
