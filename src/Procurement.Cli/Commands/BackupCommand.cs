using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Dialects;

namespace Procurement.Cli.Commands;

/// <summary>
/// SQLite online backup: a consistent copy taken while the app keeps running. The row counts of every table
/// are read in the same read transaction the backup copies from, then checked against the copy.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow("out", "force");
        var target = Path.GetFullPath(command.Required("out"));
        var force = command.Flag("force");
        var dialect = services.GetRequiredService<ISqlDialect>();
        if (dialect.Provider != DatabaseProvider.Sqlite)
        {
            throw new CommandException("backup gäller SQLite. Säkerhetskopiera SQL Server med BACKUP DATABASE eller er driftleverantörs verktyg.");
        }

        if (File.Exists(target) && !force)
        {
            throw new CommandException($"{target} finns redan. Välj ett annat namn eller lägg till --force.");
        }

        var directory = Path.GetDirectoryName(target);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new CommandException($"Mappen {directory} finns inte.");
        }

        var source = (SqliteDataSource)services.GetRequiredService<DbDataSource>();
        if (!File.Exists(source.FilePath))
        {
            throw new CommandException($"Databasen {source.FilePath} finns inte. Kör migrate först.");
        }

        var temporary = target + ".tmp";
        File.Delete(temporary);
        Dictionary<string, long> expected;
        await using (var connection = (SqliteConnection)await source.OpenConnectionAsync())
        {
            await using var readTransaction = connection.BeginTransaction(deferred: true);
            expected = await CountRowsAsync(connection, dialect, readTransaction);
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString());
            await destination.OpenAsync();
            connection.BackupDatabase(destination);
        }

        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await copy.OpenAsync();
            var integrity = await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check");
            var actual = await CountRowsAsync(copy, dialect, null);
            if (integrity != "ok" || !expected.OrderBy(p => p.Key).SequenceEqual(actual.OrderBy(p => p.Key)))
            {
                throw new CommandException($"Kopian stämmer inte med databasen (integritetskontroll: {integrity}). Den sparades inte.");
            }
        }

        File.Move(temporary, target, overwrite: force);
        await output.WriteLineAsync($"Säkerhetskopian är sparad i {target}: {expected.Count} tabeller och {expected.Values.Sum()} rader, kontrollerade mot databasen.");
        return 0;
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(DbConnection connection, ISqlDialect dialect, DbTransaction? transaction)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await connection.QueryAsync<string>(dialect.ListTablesSql, transaction: transaction))
        {
            // Table names come from sqlite_master, not from a user; quoted as identifiers.
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", transaction: transaction);
        }

        return counts;
    }
}
