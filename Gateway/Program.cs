using Botify.Gateway;
using Botify.Hosting;

args = ClusterCommandLine.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBotifyCommandLine(args);

// Single machine (default): the silo runs in this process. Cluster (--cluster): an Orleans client of silos found through Redis.
// The public listener (--urls) serves the botify API; the management listener (--admin-urls), when given, the operator's endpoints.
try
{
    if (builder.Configuration.IsClusterMode()) builder.UseBotifyClusterClient();
    else builder.UseBotifySilo();
    builder.AddBotifyGateway();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"gateway: {e.Message}");
    return 2;
}

var app = builder.Build();
app.UseJsonErrorPages();
app.MapBotifyApi();
if (app.Services.GetService<ManagementUrls>() is not null) app.MapManagementApi();
app.Run();
return 0;
