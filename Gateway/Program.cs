// Placeholder: the HTTP gateway is built under issue 2.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => TypedResults.Ok(new { status = "alive", message = "botify on orleans" }));
app.Run();

public partial class Program;
