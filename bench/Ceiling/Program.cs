using Botify.Bench.Ceiling;

// The same shape as POST /next/{user} (JSON body in, small JSON out) with no grain, no Redis, no event log:
// what Kestrel and a minimal API alone manage on this machine, the denominator of bench.sh's ratios.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, CeilingJsonContext.Default));

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok());
app.MapPost("/next/{user:int}", (int user, CeilingPlay play)
    => TypedResults.Json(new CeilingAnswer(user, play.Track), CeilingJsonContext.Default.CeilingAnswer));
app.Run();
