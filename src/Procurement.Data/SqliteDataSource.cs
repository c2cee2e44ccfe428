using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Procurement.Data;

/// <summary>
/// A <see cref="DbDataSource"/> for SQLite that prepares every connection it opens the way a web app
/// needs: foreign keys on, a busy timeout, and synchronous=NORMAL (safe with WAL, much faster).
/// WAL itself is a property of the file and is set once by the migration runner.
/// </summary>
public sealed class SqliteDataSource : DbDataSource
{
    /// <summary>How long a connection waits for another process's write lock before giving up.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    // mmap: reads come straight from the OS page cache that all pooled connections share, instead of being copied into
    // each connection's own 2 MB cache (the triage count walks a 4 MB index at 20,000 needs).
    private const string ConnectionPragmas =
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 268435456;";

    /// <summary>The collation <see cref="Dialects.SqliteDialect.SwedishOrder"/> names.</summary>
    public const string SwedishCollation = "swedish";

    private static readonly System.Globalization.CompareInfo Swedish = System.Globalization.CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    private readonly string connectionString;

    public SqliteDataSource(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
            Pooling = true,
        };
        if (builder.DataSource is { Length: > 0 } path && builder.Mode != SqliteOpenMode.Memory && path != ":memory:")
        {
            builder.DataSource = DataPaths.Resolve(path);
            var directory = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        this.connectionString = builder.ToString();
    }

    public override string ConnectionString => connectionString;

    /// <summary>The full path of the database file, for backups and messages.</summary>
    public string FilePath => new SqliteConnectionStringBuilder(connectionString).DataSource;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        AddFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        AddFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// SQLite's own upper() and ordering know only ASCII, so "malmö" would not find Malmö and Ö would sort
    /// before Å. Replace upper() and add a Swedish collation, so SQL behaves as it does on SQL Server.
    /// </summary>
    private static void AddFunctions(SqliteConnection connection)
    {
        connection.CreateFunction("upper", (string? text) => text?.ToUpperInvariant(), isDeterministic: true);
        connection.CreateCollation(SwedishCollation, (a, b) => Swedish.Compare(a, b, System.Globalization.CompareOptions.IgnoreCase));
    }

    protected override DbCommand CreateDbCommand(string? commandText = null) =>
        throw new NotSupportedException("Open a connection with OpenConnectionAsync and create commands on it.");

    protected override DbBatch CreateDbBatch() =>
        throw new NotSupportedException("Open a connection with OpenConnectionAsync and create batches on it.");
}
