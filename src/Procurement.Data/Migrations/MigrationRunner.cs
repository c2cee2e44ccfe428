using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Procurement.Data.Dialects;

namespace Procurement.Data.Migrations;

/// <summary>
/// Applies the embedded migrations that the database has not seen, each in its own transaction together
/// with its row in <c>schema_migrations</c>. Safe to run any number of times and from several processes
/// at once: each migration is re-checked under the write lock before it runs.
/// </summary>
public sealed class MigrationRunner(DbDataSource dataSource, ISqlDialect dialect, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = Migration.LoadAll(dialect);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        if (dialect.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer writes; it is remembered by the file.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        await InTransactionAsync(connection, tx => connection.ExecuteAsync(dialect.CreateMigrationJournalSql, transaction: tx), cancellationToken);

        var applied = (await connection.QueryAsync<AppliedMigration>(
            "SELECT version, name, checksum FROM schema_migrations")).ToDictionary(m => m.Version);
        Verify(migrations, applied);

        var newlyApplied = new List<Migration>();
        foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
        {
            var ran = await InTransactionAsync(connection, async tx =>
            {
                var already = await connection.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx);
                if (already > 0)
                {
                    return false; // another process applied it while we waited for the lock
                }

                foreach (var batch in dialect.SplitBatches(migration.Script))
                {
                    await connection.ExecuteAsync(new CommandDefinition(batch, transaction: tx, commandTimeout: 600, cancellationToken: cancellationToken));
                }

                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                    new { migration.Version, migration.Name, migration.Checksum, AppliedAt = clock.GetUtcNow() }, tx);
                return true;
            }, cancellationToken);

            if (ran)
            {
                logger.LogInformation("Applied migration {Version:0000} {Name}", migration.Version, migration.Name);
                newlyApplied.Add(migration);
            }
        }

        return newlyApplied;
    }

    private void Verify(IReadOnlyList<Migration> migrations, Dictionary<int, AppliedMigration> applied)
    {
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var row) && row.Checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version:0000}_{migration.Name} har ändrats efter att den kördes mot databasen. " +
                    "Migrationer ändras aldrig i efterhand: lägg ändringen i en ny migration.");
            }
        }

        var known = migrations.Select(m => m.Version).ToHashSet();
        foreach (var unknown in applied.Values.Where(a => !known.Contains(a.Version)))
        {
            logger.LogWarning("The database has migration {Version:0000} {Name}, which this version of the app does not know", unknown.Version, unknown.Name);
        }
    }

    private async Task<T> InTransactionAsync<T>(DbConnection connection, Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var tx = await dialect.BeginWriteTransactionAsync(connection, cancellationToken);
        if (dialect.MigrationLockSql is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: tx);
        }

        var result = await work(tx);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private sealed class AppliedMigration
    {
        public int Version { get; init; }

        public string Name { get; init; } = "";

        public string Checksum { get; init; } = "";
    }
}
