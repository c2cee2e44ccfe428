using System.Data.Common;

namespace Procurement.Data.Dialects;

/// <summary>
/// Everything that differs between SQLite and SQL Server, in one place. SQL elsewhere is written to run
/// on both; where it cannot, the dialect supplies the differing fragment as a constant (never a value).
/// </summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>The embedded-resource folder of this dialect's migrations, e.g. "migrations/sqlite/".</summary>
    string MigrationResourcePrefix { get; }

    /// <summary>Starts a transaction that holds the write lock from its first statement.</summary>
    ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Creates the table that records applied migrations, if it is missing.</summary>
    string CreateMigrationJournalSql { get; }

    /// <summary>SQL run first in each migration transaction so concurrent instances migrate one at a time.</summary>
    string? MigrationLockSql { get; }

    /// <summary>Splits a migration script into the batches the provider executes one by one.</summary>
    IReadOnlyList<string> SplitBatches(string script);

    /// <summary>"LIMIT @Take OFFSET @Skip" or "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY", after an ORDER BY.</summary>
    string Paging { get; }

    /// <summary>"COLLATE …" that orders text the Swedish way (å, ä, ö last, in that order), after an ORDER BY column.</summary>
    string SwedishOrder { get; }

    /// <summary>True when the exception is a unique-constraint or primary-key violation.</summary>
    bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// True when the statement lost a race with another transaction (a unique key taken meanwhile, a
    /// deadlock): nothing is wrong with the input, the user should reload and try again.
    /// </summary>
    bool IsConflict(DbException exception);

    /// <summary>SQL that lists the user tables, one column "name".</summary>
    string ListTablesSql { get; }
}
