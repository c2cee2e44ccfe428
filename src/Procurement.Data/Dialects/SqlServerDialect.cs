using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace Procurement.Data.Dialects;

public sealed partial class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string MigrationResourcePrefix => "migrations/sqlserver/";

    public async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public string CreateMigrationJournalSql =>
        "IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL CREATE TABLE schema_migrations (" +
        "version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, checksum NVARCHAR(64) NOT NULL, " +
        "applied_at DATETIMEOFFSET NOT NULL)";

    // sp_getapplock reports a timeout by its return value, not an error: check it, or run unlocked.
    public string? MigrationLockSql =>
        "DECLARE @lock int; EXEC @lock = sp_getapplock @Resource = 'procurement-migrations', @LockMode = 'Exclusive', " +
        "@LockOwner = 'Transaction', @LockTimeout = 60000; " +
        "IF @lock < 0 THROW 50001, 'The migration lock procurement-migrations could not be taken.', 1;";

    public IReadOnlyList<string> SplitBatches(string script) =>
        GoSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();

    public string Paging => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string SwedishOrder => "COLLATE Finnish_Swedish_CI_AS";

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: 2601 or 2627 };

    public bool IsConflict(DbException exception) =>
        IsUniqueViolation(exception) || exception is SqlException { Number: 1205 }; // 1205: chosen as deadlock victim

    public string ListTablesSql =>
        "SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
