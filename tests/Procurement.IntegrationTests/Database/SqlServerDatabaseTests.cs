using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Organisations;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Database;

/// <summary>The SQL Server side of the dialect seam, against a real server when one is configured.</summary>
public sealed class SqlServerDatabaseTests
{
    [SqlServerFact]
    public async Task Migrations_and_reference_data_apply_twice_and_give_290_municipalities_and_21_regions()
    {
        await using var database = await SqlServerTestDatabase.CreateAsync();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Procurement"] = database.ConnectionString,
            }).Build())
            .AddLogging()
            .AddProcurementData()
            .BuildServiceProvider();

        var first = await services.MigrateDatabaseAsync();
        var second = await services.MigrateDatabaseAsync();

        Assert.NotEmpty(first);
        Assert.Empty(second);
        await using var scope = services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<OrganisationQueries>().CountsAsync();
        Assert.Equal(290, counts.Municipalities);
        Assert.Equal(21, counts.Regions);
    }
}
