using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.DataProtection;

namespace Procurement.IntegrationTests.Web;

/// <summary>With DataProtection:Certificate:Path set, the key ring in the database is encrypted with that certificate.</summary>
public sealed class KeyRingEncryptionTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "procurement-keys", Guid.NewGuid().ToString("N"));

    public KeyRingEncryptionTests() => Directory.CreateDirectory(directory);

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_a_host_with_the_certificate_can_use_them()
    {
        var certificatePath = Path.Combine(directory, "keys.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Procurement key encryption", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "hemligt"));
        }

        await using var withCertificate = Services(certificatePath);
        await withCertificate.MigrateDatabaseAsync();
        withCertificate.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<KeyRingMaintenance>().Single().EnsureKey();
        var protectedText = withCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hemlig text");

        var stored = await ReadKeysAsync();
        Assert.Contains("encryptedSecret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored.Split("encryptedSecret")[0], StringComparison.Ordinal);

        await using var sameCertificate = Services(certificatePath);
        Assert.Equal("hemlig text", sameCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));

        await using var withoutCertificate = Services(null);
        Assert.ThrowsAny<CryptographicException>(() =>
            withoutCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private ServiceProvider Services(string? certificatePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Procurement"] = $"Data Source={Path.Combine(directory, "keys.db")}",
            [KeyEncryptionCertificate.PathSetting] = certificatePath,
            [KeyEncryptionCertificate.PasswordSetting] = "hemligt",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddProcurementData()
            .AddProcurementDataProtection(configuration)
            .BuildServiceProvider();
    }

    private async Task<string> ReadKeysAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "keys.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(xml, '') FROM data_protection_keys";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
