using Dapper;
using Microsoft.Data.SqlClient;

namespace Procurement.Testing;

/// <summary>A scratch database on the server named by PROCUREMENT_TEST_SQLSERVER, dropped afterwards.</summary>
public sealed class SqlServerTestDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;

    private SqlServerTestDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = name, TrustServerCertificate = true }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var server = new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString!) { InitialCatalog = "master", TrustServerCertificate = true }.ToString();
        var database = new SqlServerTestDatabase(server, $"procurement_test_{Guid.NewGuid():N}");
        await using var connection = new SqlConnection(server);
        await connection.ExecuteAsync($"CREATE DATABASE [{database.Name}]");
        await connection.ExecuteAsync($"ALTER DATABASE [{database.Name}] SET READ_COMMITTED_SNAPSHOT ON");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(serverConnectionString);
        await connection.ExecuteAsync($"ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]");
    }
}
