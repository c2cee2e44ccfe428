using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Procurement.Data.Dialects;

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string MigrationResourcePrefix => "migrations/sqlite/";

    // BEGIN IMMEDIATE takes the write lock at once. A deferred transaction that reads and then writes can
    // fail with SQLITE_BUSY_SNAPSHOT in WAL mode without the busy handler ever waiting.
    public ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public string CreateMigrationJournalSql =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, " +
        "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

    // BEGIN IMMEDIATE already serialises migrating processes.
    public string? MigrationLockSql => null;

    public IReadOnlyList<string> SplitBatches(string script) => [script];

    public string Paging => "LIMIT @Take OFFSET @Skip";

    public string SwedishOrder => "COLLATE " + SqliteDataSource.SwedishCollation;

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } e
        && (e.SqliteExtendedErrorCode is 2067 or 1555); // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY

    public bool IsConflict(DbException exception) => IsUniqueViolation(exception);

    // Full-text indexes (FTS5 virtual tables and their shadow tables) are derived data, not tables of ours.
    public string ListTablesSql =>
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' " +
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' ORDER BY name";
}
