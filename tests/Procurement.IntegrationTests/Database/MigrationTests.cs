using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Dialects;
using Procurement.Data.Journal;
using Procurement.Data.Migrations;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Database;

public sealed class MigrationTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task Migrating_again_applies_nothing_and_keeps_one_row_per_migration()
    {
        _ = app.Server; // start-up migrates
        var runner = app.Services.GetRequiredService<MigrationRunner>();

        var second = await runner.MigrateAsync();
        var third = await runner.MigrateAsync();

        Assert.Empty(second);
        Assert.Empty(third);
        var expected = Migration.LoadAll(app.Services.GetRequiredService<ISqlDialect>()).Count;
        Assert.Equal(expected, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task The_database_knows_all_290_municipalities_and_21_regions_and_Gotland_is_both()
    {
        _ = app.Server;

        Assert.Equal(290, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations WHERE kind = 'Municipality'"));
        Assert.Equal(21, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations WHERE region_county_code IS NOT NULL"));
        Assert.Equal(21, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM counties"));
        Assert.Equal("Region Gotland", await app.QueryScalarAsync<string>(
            "SELECT name FROM organisations WHERE municipality_code = '0980' AND region_county_code = '09'"));
        Assert.Equal("Malmö", await app.QueryScalarAsync<string>("SELECT name FROM organisations WHERE municipality_code = '1280'"));
        Assert.Equal("Västra Götalandsregionen", await app.QueryScalarAsync<string>("SELECT name FROM organisations WHERE region_county_code = '14'"));
    }

    [Fact]
    public async Task Reference_data_is_repaired_when_a_name_has_been_changed()
    {
        _ = app.Server;
        await app.ExecuteAsync("UPDATE organisations SET name = 'Fel namn' WHERE municipality_code = '0180'");

        await app.Services.MigrateDatabaseAsync();

        Assert.Equal("Stockholm", await app.QueryScalarAsync<string>("SELECT name FROM organisations WHERE municipality_code = '0180'"));
    }

    [Fact]
    public async Task The_journal_refuses_updates_and_deletes()
    {
        _ = app.Server;
        await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<JournalWriter>().WriteAsync(null, "test.action", "test", 1, after: new { value = "å" });
            return true;
        });

        var update = await Assert.ThrowsAsync<SqliteException>(() => app.ExecuteAsync("UPDATE journal SET action = 'x'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => app.ExecuteAsync("DELETE FROM journal"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("{\"value\":\"å\"}", await app.QueryScalarAsync<string>("SELECT after_json FROM journal WHERE action = 'test.action'"));
    }

    [Fact]
    public async Task A_migration_edited_after_it_ran_stops_the_migration_with_a_clear_message()
    {
        using var other = new ProcurementWebFactory();
        _ = other.Server;
        await other.ExecuteAsync("UPDATE schema_migrations SET checksum = 'changed' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.Services.GetRequiredService<MigrationRunner>().MigrateAsync());

        Assert.Contains("har ändrats efter att den kördes", error.Message, StringComparison.Ordinal);
    }
}
