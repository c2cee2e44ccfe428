using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Procurement.Data;
using Procurement.Data.TypeHandlers;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Database;

/// <summary>
/// Guid, DateTimeOffset, decimal and DateOnly survive a round trip through Dapper on each provider, and a value
/// written as a parameter is found again by the same parameter (the stored format and the parameter
/// format agree). One suite, one subclass per provider, as in Dapper's own tests.
/// </summary>
public abstract class TypeHandlerTests
{
    protected static readonly Guid SampleGuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    protected static readonly DateTimeOffset SampleTime = new(2026, 11, 23, 14, 5, 6, 789, TimeSpan.FromHours(1));
    protected const decimal SampleMoney = 1234567.50m;

    protected TypeHandlerTests() => DapperConfiguration.EnsureConfigured();

    /// <summary>A connection on which an empty table "roundtrip" exists, in the provider's own types.</summary>
    protected abstract Task<DbConnection> OpenWithTableAsync();

    protected async Task AssertRoundTripAsync()
    {
        await using var connection = await OpenWithTableAsync();
        var row = new Row { Id = SampleGuid, MaybeId = null, At = SampleTime, MaybeAt = SampleTime.AddDays(1), Amount = SampleMoney, MaybeAmount = 0.10m, Day = new DateOnly(2026, 12, 31), MaybeDay = null };
        await connection.ExecuteAsync(
            "INSERT INTO roundtrip (id, maybe_id, at, maybe_at, amount, maybe_amount, day, maybe_day) VALUES (@Id, @MaybeId, @At, @MaybeAt, @Amount, @MaybeAmount, @Day, @MaybeDay)", row);

        var read = await connection.QuerySingleAsync<Row>(
            "SELECT id, maybe_id, at, maybe_at, amount, maybe_amount, day, maybe_day FROM roundtrip WHERE id = @Id AND at = @At AND amount = @Amount AND day = @Day", row);

        Assert.Equal(SampleGuid, read.Id);
        Assert.Null(read.MaybeId);
        Assert.Equal(SampleTime, read.At); // the same instant
        Assert.Equal(SampleTime.AddDays(1), read.MaybeAt);
        Assert.Equal(SampleMoney, read.Amount);
        Assert.Equal("1234567.50", read.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(0.10m, read.MaybeAmount);
        Assert.Equal(new DateOnly(2026, 12, 31), read.Day);
        Assert.Null(read.MaybeDay);
    }

    protected async Task AssertTimesCompareInSqlAsync()
    {
        await using var connection = await OpenWithTableAsync();
        foreach (var (hours, offset) in new[] { (1, 0), (2, 5), (3, -7) })
        {
            await connection.ExecuteAsync("INSERT INTO roundtrip (id, at, amount, day) VALUES (@Id, @At, 0, '2026-01-01')",
                new { Id = Guid.NewGuid(), At = new DateTimeOffset(2026, 1, 1, hours, 0, 0, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(offset)) });
        }

        var ordered = (await connection.QueryAsync<DateTimeOffset>("SELECT at FROM roundtrip ORDER BY at")).ToList();
        var later = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM roundtrip WHERE at > @At",
            new { At = new DateTimeOffset(2026, 1, 1, 1, 30, 0, TimeSpan.Zero) });

        Assert.Equal(ordered.OrderBy(t => t.UtcDateTime), ordered);
        Assert.Equal(2, later);
    }

    public sealed class Row
    {
        public Guid Id { get; set; }

        public Guid? MaybeId { get; set; }

        public DateTimeOffset At { get; set; }

        public DateTimeOffset? MaybeAt { get; set; }

        public decimal Amount { get; set; }

        public decimal? MaybeAmount { get; set; }

        public DateOnly Day { get; set; }

        public DateOnly? MaybeDay { get; set; }
    }
}

public sealed class SqliteTypeHandlerTests : TypeHandlerTests, IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"types-{Guid.NewGuid():N}.db");

    [Fact]
    public Task Guid_DateTimeOffset_and_decimal_round_trip() => AssertRoundTripAsync();

    [Fact]
    public Task Times_stored_as_text_still_compare_and_sort_as_instants() => AssertTimesCompareInSqlAsync();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    protected override async Task<DbConnection> OpenWithTableAsync()
    {
        var connection = await new SqliteDataSource($"Data Source={path}").OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DROP TABLE IF EXISTS roundtrip; CREATE TABLE roundtrip (id TEXT NOT NULL, maybe_id TEXT NULL, at TEXT NOT NULL, " +
            "maybe_at TEXT NULL, amount TEXT NOT NULL, maybe_amount TEXT NULL, day TEXT NULL, maybe_day TEXT NULL)");
        return connection;
    }
}

public sealed class SqlServerTypeHandlerTests : TypeHandlerTests, IAsyncLifetime
{
    private SqlServerTestDatabase? database;

    [SqlServerFact]
    public Task Guid_DateTimeOffset_and_decimal_round_trip() => AssertRoundTripAsync();

    [SqlServerFact]
    public Task Times_compare_and_sort_as_instants() => AssertTimesCompareInSqlAsync();

    public async Task InitializeAsync()
    {
        if (SqlServerFactAttribute.ConnectionString is not null)
        {
            database = await SqlServerTestDatabase.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task<DbConnection> OpenWithTableAsync()
    {
        var connection = new SqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(
            "IF OBJECT_ID('roundtrip') IS NOT NULL DROP TABLE roundtrip; " +
            "CREATE TABLE roundtrip (id UNIQUEIDENTIFIER NOT NULL, maybe_id UNIQUEIDENTIFIER NULL, at DATETIMEOFFSET NOT NULL, " +
            "maybe_at DATETIMEOFFSET NULL, amount DECIMAL(19, 2) NOT NULL, maybe_amount DECIMAL(19, 2) NULL, day DATE NULL, maybe_day DATE NULL)");
        return connection;
    }
}
