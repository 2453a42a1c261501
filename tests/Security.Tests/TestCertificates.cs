using System.Diagnostics;

namespace Botify.Security.Tests;

/// <summary>
/// A throwaway certificate authority and certificates it signs, made with openssl in a temp folder:
/// a server certificate for 127.0.0.1/localhost (Redis) and client certificates (Redis clients, cluster members).
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string folder) => Folder = folder;

    public string Folder { get; }

    public string CaCertificate => Path.Combine(Folder, "ca.crt");

    public string Certificate(string name) => Path.Combine(Folder, name + ".crt");

    public string Key(string name) => Path.Combine(Folder, name + ".key");

    /// <summary>
    /// A CA named <paramref name="caName"/> and one certificate per name in <paramref name="names"/>, each valid for 127.0.0.1 and localhost.
    /// </summary>
    public static TestCertificates Create(string caName, params string[] names)
    {
        var folder = Directory.CreateTempSubdirectory("botify-certs-").FullName;
        var certificates = new TestCertificates(folder);
        OpenSsl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", $"/CN={caName}");
        File.WriteAllText(Path.Combine(folder, "san.cnf"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n");
        foreach (var name in names)
        {
            OpenSsl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", $"/CN={name}");
            OpenSsl(folder, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt",
                "-days", "2", "-extfile", "san.cnf");
        }
        return certificates;
    }

    /// <summary>A self-signed certificate (its own authority) valid for 127.0.0.1 and localhost.</summary>
    public static TestCertificates SelfSigned(string name)
    {
        var folder = Directory.CreateTempSubdirectory("botify-certs-").FullName;
        OpenSsl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", $"/CN={name}",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-addext", "extendedKeyUsage=serverAuth,clientAuth");
        return new TestCertificates(folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private static void OpenSsl(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start; install it with apt-get install openssl");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {error.Result}");
    }
}
