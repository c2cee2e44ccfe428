using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Procurement.Data.DataProtection;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest, from <c>DataProtection:Certificate:Path</c>
/// (a .pfx) and <c>DataProtection:Certificate:Password</c>. Without it the keys lie in the database in the clear,
/// and anyone with a copy of the database could forge sign-in cookies; with it, they also need the certificate.
/// </summary>
public static class KeyEncryptionCertificate
{
    public const string PathSetting = "DataProtection:Certificate:Path";
    public const string PasswordSetting = "DataProtection:Certificate:Password";

    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var resolved = DataPaths.Resolve(path);
        if (!File.Exists(resolved))
        {
            throw new InvalidOperationException($"{PathSetting} pekar på {resolved}, som inte finns.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(resolved, configuration[PasswordSetting]);
    }
}
