using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Botify.Hosting;

/// <summary>
/// Mutual TLS on Orleans' silo and gateway ports from <see cref="ClusterTlsOptions"/>: each side presents its
/// certificate and accepts the other's only when it chains to the cluster's authority.
/// </summary>
public static class ClusterTls
{
    /// <summary>The configured options; throws <see cref="ArgumentException"/> naming a missing or unreadable file.</summary>
    public static ClusterTlsOptions? Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (!options.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(options.CaFile) || !string.IsNullOrWhiteSpace(options.KeyFile))
            {
                throw new ArgumentException(
                    "--cluster-tls-ca/--cluster-tls-key are given without --cluster-tls-cert: pass this process's certificate too, or drop them");
            }
            return null;
        }
        Load(options); // fail at start, naming the file, rather than at the first connection
        return options;
    }

    /// <summary>TLS on this silo's silo-to-silo and gateway ports; clients must present a certificate too.</summary>
    public static ISiloBuilder UseBotifyClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        var (certificate, authority) = Load(options);
        return silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => Trusted(remote, errors, authority);
        });
    }

    /// <summary>TLS on this client's connections to silo gateways, presenting its certificate.</summary>
    public static IClientBuilder UseBotifyClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        var (certificate, authority) = Load(options);
        return client.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => Trusted(remote, errors, authority);
        });
    }

    /// <summary>One line for the start banner.</summary>
    public static string Describe(ClusterTlsOptions? options) => options is null
        ? "cluster TLS off (silo and gateway ports are plain TCP)"
        : $"cluster TLS on (certificate {Path.GetFullPath(options.CertificateFile!)}, peers trusted through " +
            $"{(string.IsNullOrWhiteSpace(options.CaFile) ? "the same certificate" : Path.GetFullPath(options.CaFile))})";

    // Chain to the authority alone (not the system's roots); a name mismatch is expected, silos are reached by IP.
    private static bool Trusted(X509Certificate2 remote, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(remote);
    }

    private static (X509Certificate2 Certificate, X509Certificate2 Authority) Load(ClusterTlsOptions options)
    {
        var certificatePath = Existing(options.CertificateFile!, "--cluster-tls-cert", "this process's certificate (PEM or .pfx)");
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(certificatePath).ToLowerInvariant();
            certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password: null)
                : X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrWhiteSpace(options.KeyFile)
                    ? null : Existing(options.KeyFile, "--cluster-tls-key", "the PEM private key of --cluster-tls-cert"));
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--cluster-tls-cert {certificatePath} cannot be read with its key ({e.Message}); " +
                "pass a PEM certificate with --cluster-tls-key, or a .pfx holding both");
        }
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"--cluster-tls-cert {certificatePath} has no private key; pass its key with --cluster-tls-key");
        }
        if (string.IsNullOrWhiteSpace(options.CaFile)) return (certificate, X509CertificateLoader.LoadCertificate(certificate.RawData));
        var caPath = Existing(options.CaFile, "--cluster-tls-ca", "the PEM certificate of the authority that signed the cluster's certificates");
        try
        {
            return (certificate, X509Certificate2.CreateFromPem(File.ReadAllText(caPath)));
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--cluster-tls-ca {caPath} is not a PEM certificate ({e.Message})");
        }
    }

    private static string Existing(string path, string option, string what)
    {
        var full = Path.GetFullPath(path.Trim());
        if (!File.Exists(full)) throw new ArgumentException($"{option} {full}: no such file; pass {what}");
        return full;
    }
}
