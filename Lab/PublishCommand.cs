using System.CommandLine;
using Botify.Lab.Publishing;
using Spectre.Console;

namespace Botify.Lab;

/// <summary>`lab publish`: reference catalog files → a new catalog version in Redis, made current atomically.</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var redis = new Option<string>("--redis")
        {
            Description = "Redis HOST:PORT[,password=…][,user=…][,ssl=true] (default: $BOTIFY_REDIS, else 127.0.0.1:6379; "
                + "prefer the variable for a password, "
                + "the command line is visible to every local user)",
            DefaultValueFactory = _ => FromEnvironment("BOTIFY_REDIS") ?? "127.0.0.1:6379",
        };
        var redisCa = new Option<string?>("--redis-ca")
        {
            Description = "PEM certificate of the authority that signed Redis' TLS certificate; implies TLS (default: $BOTIFY_REDIS_CA)",
            DefaultValueFactory = _ => FromEnvironment("BOTIFY_REDIS_CA"),
        };
        var redisCert = new Option<string?>("--redis-cert")
        {
            Description = "PEM client certificate for a Redis with tls-auth-clients; implies TLS (default: $BOTIFY_REDIS_CERT)",
            DefaultValueFactory = _ => FromEnvironment("BOTIFY_REDIS_CERT"),
        };
        var redisKey = new Option<string?>("--redis-key")
        {
            Description = "PEM private key of --redis-cert (default: $BOTIFY_REDIS_KEY)",
            DefaultValueFactory = _ => FromEnvironment("BOTIFY_REDIS_KEY"),
        };
        var data = new Option<string>("--data") { Description = "Folder with tracks.json, top_tracks.json and recommendations_<name>.json", Required = true };
        var keep = new Option<int>("--keep") { Description = "Catalog versions kept in Redis, the new one included", DefaultValueFactory = _ => 3 };
        var maxLine = new Option<int>("--max-line-bytes") { Description = "Longest accepted line of a JSON-lines file", DefaultValueFactory = _ => 1 << 20 };
        var prefix = new Option<string>("--prefix") { Description = "Redis key prefix of the catalogs", DefaultValueFactory = _ => "botify:catalog" };

        var command = new Command("publish", "Publish a catalog folder to Redis as a new version; silos hot-swap to it");
        command.Options.Add(redis);
        command.Options.Add(redisCa);
        command.Options.Add(redisCert);
        command.Options.Add(redisKey);
        command.Options.Add(data);
        command.Options.Add(keep);
        command.Options.Add(maxLine);
        command.Options.Add(prefix);
        command.SetAction((parse, cancellation) =>
        {
            var keepValue = parse.GetValue(keep);
            var maxLineValue = parse.GetValue(maxLine);
            if (keepValue < 1 || maxLineValue < 1024)
            {
                Console.Error.WriteLine("error: --keep must be 1 or more and --max-line-bytes 1024 or more.");
                return Task.FromResult(1);
            }
            if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < 120)
            {
                AnsiConsole.Profile.Width = 120; // logs and CI capture: keep one row per line
            }
            var settings = new PublishSettings(parse.GetValue(redis)!, parse.GetValue(data)!, keepValue, maxLineValue, parse.GetValue(prefix)!,
                parse.GetValue(redisCa), parse.GetValue(redisCert), parse.GetValue(redisKey));
            return CatalogPublishRun.RunAsync(settings, AnsiConsole.Console, Console.Error, cancellation);
        });
        return command;
    }

    private static string? FromEnvironment(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
