namespace Botify.Hosting;

/// <summary>
/// TLS between silos and from gateways to silos (Orleans' own ports), bound from "Botify:ClusterTls"
/// (`--cluster-tls-cert`, `--cluster-tls-key`, `--cluster-tls-ca`). Off while <see cref="CertificateFile"/> is empty.
/// Every silo and gateway of a cluster needs the same setting: a TLS silo refuses plain peers and clients.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Botify:ClusterTls";

    /// <summary>This process's certificate: PEM (with <see cref="KeyFile"/>, or the key in the same file) or PKCS#12 (.pfx/.p12, no password).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of a PEM <see cref="CertificateFile"/>; empty = the key is in the certificate file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// PEM certificate of the cluster's authority: a peer is accepted when its certificate chains to it (names are not checked:
    /// silos address each other by IP). Empty = the peer must present this process's own certificate (one self-signed certificate shared by the cluster).
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>True when cluster TLS is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificateFile);
}
