using System.Net;
using System.Text;
using StackExchange.Redis;

namespace Botify.Catalogs.Redis;

/// <summary>
/// How to reach Redis: a StackExchange.Redis configuration string (`HOST:PORT`, `password=…`, `user=…`,
/// `ssl=true`, `sslHost=…`) plus the TLS files such a string cannot carry (a CA to trust, a client
/// certificate and key). <see cref="Display"/> is the only form that may be printed: it never holds the password.
/// </summary>
public sealed class RedisConnection
{
    private readonly ConfigurationOptions parsed;

    private RedisConnection(string configuration, ConfigurationOptions parsed, string? caFile, string? certificateFile, string? keyFile)
    {
        Configuration = configuration;
        this.parsed = parsed;
        CaFile = caFile;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        Display = Describe(parsed, caFile, certificateFile);
    }

    /// <summary>
    /// The configuration string as given, password included: only for handing on to a child process's environment
    /// (`BOTIFY_REDIS`, never its command line); print <see cref="Display"/> instead.
    /// </summary>
    public string Configuration { get; }

    /// <summary>PEM certificate of the authority that signed Redis' server certificate (trusted on top of the system's); null = the system's only.</summary>
    public string? CaFile { get; }

    /// <summary>PEM client certificate presented to Redis (when it is started with `tls-auth-clients yes`, its default); null = none.</summary>
    public string? CertificateFile { get; }

    /// <summary>PEM private key of <see cref="CertificateFile"/>; null = the key is in the certificate file.</summary>
    public string? KeyFile { get; }

    /// <summary>True when a password is set (so <see cref="Display"/> cannot be pasted back as a working `--redis`).</summary>
    public bool HasPassword => !string.IsNullOrEmpty(parsed.Password);

    /// <summary>True when the connection is encrypted (`ssl=true`, implied by any TLS file).</summary>
    public bool Tls => parsed.Ssl;

    /// <summary>Endpoints, ACL user, TLS settings and `password=*****` when one is set: safe for logs, `/health` and error messages.</summary>
    public string Display { get; }

    /// <summary>The first endpoint's host, for deciding whether everything runs on this machine.</summary>
    public string Host => parsed.EndPoints.Count == 0 ? "" : parsed.EndPoints[0] switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        var other => other.ToString() ?? "",
    };

    /// <summary>
    /// Reads a configuration string and the TLS files. A mistake throws <see cref="ArgumentException"/> whose message
    /// names the option and the fix, and never repeats the configuration string (it may hold the password).
    /// </summary>
    public static RedisConnection Create(string configuration, string? caFile = null, string? certificateFile = null, string? keyFile = null)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new ArgumentException("--redis is empty: pass HOST:PORT, e.g. 127.0.0.1:6379 (with ,password=… / ,user=… / ,ssl=true as needed)");
        }
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration.Trim());
        }
        catch (ArgumentException e)
        {
            // The parser's messages name the keyword, not its value; the string itself is never repeated.
            throw new ArgumentException($"--redis is not a Redis configuration string ({FirstSentence(e.Message)}); the form is "
                + "HOST:PORT[,password=…][,user=…][,ssl=true][,sslHost=NAME]");
        }
        if (options.EndPoints.Count == 0)
        {
            throw new ArgumentException("--redis names no endpoint: start it with HOST:PORT, e.g. 127.0.0.1:6379,password=…");
        }
        caFile = CheckFile(caFile, "--redis-ca", "the PEM certificate of the authority that signed the Redis server's certificate");
        certificateFile = CheckFile(certificateFile, "--redis-cert", "the PEM client certificate Redis accepts (tls-auth-clients)");
        keyFile = CheckFile(keyFile, "--redis-key", "the PEM private key of --redis-cert");
        if (keyFile is not null && certificateFile is null)
        {
            throw new ArgumentException("--redis-key is given without --redis-cert: pass the client certificate as well, or drop --redis-key");
        }
        if (caFile is not null || certificateFile is not null) options.Ssl = true;
        return new RedisConnection(configuration.Trim(), options, caFile, certificateFile, keyFile);
    }

    /// <summary>A fresh StackExchange.Redis configuration (callers change timeouts on their own copy), with the TLS files applied.</summary>
    public ConfigurationOptions Options()
    {
        var options = parsed.Clone();
        if (CaFile is not null) options.TrustIssuer(CaFile);
        if (CertificateFile is not null) options.SetUserPemCertificate(CertificateFile, KeyFile);
        return options;
    }

    public override string ToString() => Display;

    private static string? CheckFile(string? path, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var full = Path.GetFullPath(path.Trim());
        if (!File.Exists(full)) throw new ArgumentException($"{option} {full}: no such file; pass {what}");
        return full;
    }

    private static string Describe(ConfigurationOptions options, string? caFile, string? certificateFile)
    {
        var text = new StringBuilder();
        foreach (var endpoint in options.EndPoints)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(endpoint switch
            {
                DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
                IPEndPoint ip => ip.ToString(),
                var other => other.ToString(),
            });
        }
        if (!string.IsNullOrEmpty(options.User)) text.Append(",user=").Append(options.User);
        if (!string.IsNullOrEmpty(options.Password)) text.Append(",password=*****");
        if (options.Ssl) text.Append(",ssl=true");
        if (!string.IsNullOrEmpty(options.SslHost)) text.Append(",sslHost=").Append(options.SslHost);
        if (options.DefaultDatabase is { } database) text.Append(",defaultDatabase=").Append(database);
        if (caFile is not null) text.Append(" (CA ").Append(caFile).Append(')');
        if (certificateFile is not null) text.Append(" (client certificate ").Append(certificateFile).Append(')');
        return text.ToString();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
