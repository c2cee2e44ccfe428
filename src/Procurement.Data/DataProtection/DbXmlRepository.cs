using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Procurement.Data.Dialects;

namespace Procurement.Data.DataProtection;

/// <summary>
/// Keeps the Data Protection key ring in the database, so every app instance behind a load balancer can
/// read the cookies and tokens the others issue. Identity protects its cookies and links with these keys.
/// </summary>
public sealed class DbXmlRepository(DbDataSource dataSource, ISqlDialect dialect, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(x => XElement.Parse(x))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        using var tx = dialect.BeginWriteTransactionAsync(connection, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @Xml, @CreatedAt)",
            new { friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = clock.GetUtcNow() }, tx);
        tx.Commit();
    }
}
