using Botify.Gateway;
using Botify.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBotifyCommandLine(args);

// Single-machine mode: the silo runs in this process. (A later --cluster mode makes this an Orleans client.)
builder.UseBotifySilo();
builder.AddBotifyGateway();

var app = builder.Build();
app.UseJsonErrorPages();
app.MapBotifyApi();
app.MapOpenApi();
app.MapBotifyDashboard();
app.Run();

