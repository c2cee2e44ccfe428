using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Dialects;
using Procurement.Data.TypeHandlers;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Database;

/// <summary>Writes under load never fail with SQLITE_BUSY, within one process and across two.</summary>
public sealed class SqliteConcurrencyTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string Insert =
        "INSERT INTO journal (occurred_at, action, entity_type, entity_id) VALUES (@At, @Action, 'load', @Id)";

    [Fact]
    public async Task Sixteen_concurrent_writers_in_the_app_all_succeed()
    {
        _ = app.Server;
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(
                    Insert, new { At = DateTimeOffset.UtcNow, Action = "in-process", Id = $"{writer}-{i}" }));
            }
        }));

        await Task.WhenAll(writers);

        Assert.Equal(16 * 40, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'in-process'"));
    }

    [Fact]
    public async Task A_second_process_writing_at_the_same_time_waits_for_the_lock_instead_of_failing()
    {
        _ = app.Server;
        DapperConfiguration.EnsureConfigured();
        // Another process (the CLI, say) has its own pool and its own write gate: only SQLite's lock is shared.
        using var otherSource = new SqliteDataSource($"Data Source={app.DatabasePath};Pooling=False");
        using var otherGate = new WriteGate(DatabaseProvider.Sqlite);

        var app1 = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(
                    Insert, new { At = DateTimeOffset.UtcNow, Action = "two-processes", Id = $"a{w}-{i}" }));
            }
        }));
        var app2 = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var session = new DbSession(otherSource, new SqliteDialect(), otherGate);
                await session.ExecuteAsync(Insert, new { At = DateTimeOffset.UtcNow, Action = "two-processes", Id = $"b{w}-{i}" });
            }
        }));

        await Task.WhenAll(app1.Concat(app2));

        Assert.Equal(400, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'two-processes'"));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_database_file_uses_write_ahead_logging_and_enforces_foreign_keys()
    {
        _ = app.Server;

        Assert.Equal("wal", await app.QueryScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("PRAGMA foreign_keys"));
        Assert.True(await app.QueryScalarAsync<int>("PRAGMA busy_timeout") >= 5000);
        await Assert.ThrowsAsync<SqliteException>(() => app.ExecuteAsync(
            "INSERT INTO users (id, organisation_id, user_name, normalized_user_name, email, normalized_email, display_name, security_stamp, concurrency_stamp, created_at) " +
            "VALUES (@Id, @Missing, 'x', 'X', 'x', 'X', 'x', 's', 'c', '2026-01-01')", new { Id = Guid.NewGuid(), Missing = Guid.NewGuid() }));
    }
}
