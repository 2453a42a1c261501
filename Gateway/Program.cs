using Botify.Gateway;
using Botify.Hosting;

args = ClusterCommandLine.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBotifyCommandLine(args);

// Single machine (default): the silo runs in this process. Cluster (--cluster): an Orleans client of silos found through Redis.
var cluster = builder.Configuration.IsClusterMode();
if (cluster)
{
    try
    {
        builder.UseBotifyClusterClient();
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"gateway: {e.Message}");
        return 2;
    }
}
else
{
    builder.UseBotifySilo();
}
builder.AddBotifyGateway();

var app = builder.Build();
app.UseJsonErrorPages();
app.MapBotifyApi();
// Management views; they move to the management listener (--admin-urls) once it exists.
app.MapExperimentsApi();
app.MapOpenApi();
if (!cluster) app.MapBotifyDashboard();
app.Run();
return 0;
