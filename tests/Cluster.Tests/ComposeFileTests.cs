using Xunit.Abstractions;

namespace Botify.Cluster.Tests;

/// <summary>docker/compose.yaml, checked by `docker-compose config` (parses and validates; no engine runs).</summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string ComposeFile = Path.Combine(RepositoryRoot.Path, "docker", "compose.yaml");

    [ComposeFact]
    public void Compose_file_is_valid_and_has_redis_scalable_silos_and_gateways_and_nginx()
    {
        var (code, config, error) = ComposeTool.Run("-f", ComposeFile, "config");
        Assert.True(code == 0, $"docker-compose config failed: {error}");
        var services = ServiceBlocks(config);
        output.WriteLine($"services: {string.Join(", ", services.Keys)}");
        Assert.Equal(["gateway", "nginx", "redis", "silo"], services.Keys.Order());
        foreach (var (name, block) in services)
        {
            Assert.True(block.Contains("healthcheck:"), $"service {name} has no health check");
        }
        // Scaled services cannot share a fixed host port; only nginx (and Redis, for the lab's publish) map one.
        Assert.DoesNotContain("ports:", services["silo"]);
        Assert.DoesNotContain("ports:", services["gateway"]);
        Assert.Contains("ports:", services["nginx"]);
        Assert.Contains("Dockerfile.silo", services["silo"]);
        Assert.Contains("Dockerfile.gateway", services["gateway"]);
        foreach (var dockerfile in new[] { "Dockerfile.silo", "Dockerfile.gateway" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker", dockerfile));
            Assert.Contains("AS build", text); // multi-stage: the SDK image builds, the runtime image runs
            Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet", text);
            Assert.Contains("USER app", text);
        }
    }

    [ComposeFact]
    public void Only_nginx_exposes_the_public_API_management_stays_on_each_container_loopback_and_a_Redis_password_reaches_every_service()
    {
        var (code, config, error) = ComposeTool.Run(new Dictionary<string, string> { ["BOTIFY_REDIS_PASSWORD"] = "compose-secret" }, "-f", ComposeFile,
            "config");
        Assert.True(code == 0, $"docker-compose config failed: {error}");
        var services = ServiceBlocks(config);
        Assert.Contains("Botify__AdminUrls: http://127.0.0.1:8081", services["gateway"]);
        Assert.Contains("Botify__AdminUrls: http://127.0.0.1:8080", services["silo"]);
        Assert.DoesNotContain("- '8081'", services["gateway"]);
        Assert.DoesNotContain("- '8080'", services["silo"]);
        foreach (var service in new[] { "silo", "gateway" }) Assert.Contains("Botify__Redis: redis:6379,password=compose-secret", services[service]);
        Assert.Contains("- compose-secret", services["redis"]); // --requirepass
        Assert.Contains("127.0.0.1:", services["nginx"]); // nginx's host port is on loopback too

        var nginx = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker", "nginx.conf"));
        Assert.Contains("location ~ ^/($|health$|track/|next/|last/) {", nginx);
        Assert.Single(nginx.Split("proxy_pass").Skip(1)); // one proxied location: the public paths
        Assert.Contains("return 404", nginx);
        foreach (var dockerfile in new[] { "Dockerfile.silo", "Dockerfile.gateway" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker", dockerfile));
            Assert.Contains("Botify__AdminUrls=http://127.0.0.1:", text);
        }
    }

    [ComposeFact]
    public void A_broken_compose_file_is_rejected_by_the_same_check()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("botify-compose-").FullName, "compose.yaml");
        File.WriteAllText(broken, File.ReadAllText(ComposeFile).Replace("    depends_on:\n      redis:", "    depends_on: 7\n      redis:"));
        var (code, _, error) = ComposeTool.Run("-f", broken, "config");
        output.WriteLine(error);
        Assert.NotEqual(0, code);
    }

    // Top-level service name → its lines, from the normalised `config` output.
    private static Dictionary<string, string> ServiceBlocks(string config)
    {
        var blocks = new Dictionary<string, string>();
        string? current = null;
        var inServices = false;
        foreach (var line in config.Split('\n'))
        {
            if (line.Length > 0 && line[0] != ' ')
            {
                inServices = line.StartsWith("services:", StringComparison.Ordinal);
                current = null;
                continue;
            }
            if (!inServices) continue;
            if (line.StartsWith("  ", StringComparison.Ordinal) && line.Length > 2 && line[2] != ' ' && line.TrimEnd().EndsWith(':'))
            {
                current = line.Trim().TrimEnd(':');
                blocks[current] = "";
            }
            else if (current is not null)
            {
                blocks[current] += line + "\n";
            }
        }
        return blocks;
    }
}
