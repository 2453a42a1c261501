using System.Text;

namespace Botify.Ops.Cluster;

/// <summary>
/// nginx in front of the gateways: least connections, keep-alive upstreams, a down gateway skipped. Only the public API is passed on
/// (the gateways' management listeners are on other ports anyway); any other path gets nginx's own 404 JSON.
/// </summary>
public static class NginxConfig
{
    /// <summary>The paths of the public API: `/`, `/health`, `/track/…`, `/next/…`, `/last/…`.</summary>
    public const string PublicPaths = "^/($|health$|track/|next/|last/)";

    public const string NotServed =
        "{\"message\":\"this path is not served here; the API is GET /, GET /track/{track}, POST /next/{user}, POST /last/{user}, GET /health\","
        + "\"field\":\"path\"}";

    public static string Render(ClusterLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine("worker_processes 1;");
        text.AppendLine($"pid {Path.Combine(layout.PidDirectory, "nginx-master.pid")};");
        text.AppendLine($"error_log {Path.Combine(layout.LogDirectory, "nginx-error.log")} warn;");
        text.AppendLine("events { worker_connections 4096; }");
        text.AppendLine("http {");
        text.AppendLine("  access_log off;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
            text.AppendLine($"  {temp}_temp_path {Path.Combine(layout.NginxPrefix, temp)};");
        text.AppendLine("  upstream botify {");
        text.AppendLine("    least_conn;");
        for (var i = 1; i <= layout.Gateways; i++) text.AppendLine($"    server 127.0.0.1:{layout.GatewayPort(i)} max_fails=1 fail_timeout=2s;");
        text.AppendLine("    keepalive 128;");
        text.AppendLine("  }");
        text.AppendLine("  server {");
        text.AppendLine($"    listen 127.0.0.1:{layout.NginxPort};");
        text.AppendLine($"    location ~ {PublicPaths} {{");
        text.AppendLine("      proxy_pass http://botify;");
        text.AppendLine("      proxy_http_version 1.1;");
        text.AppendLine("      proxy_set_header Connection \"\";");
        text.AppendLine("      proxy_connect_timeout 1s;");
        text.AppendLine("      proxy_read_timeout 30s;");
        text.AppendLine("      # A gateway that is down is skipped (POSTs are re-sent only when they never reached it).");
        text.AppendLine("      proxy_next_upstream error timeout http_502;");
        text.AppendLine("    }");
        text.AppendLine("    location / {");
        text.AppendLine("      default_type application/json;");
        text.AppendLine($"      return 404 '{NotServed}';");
        text.AppendLine("    }");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }
}
