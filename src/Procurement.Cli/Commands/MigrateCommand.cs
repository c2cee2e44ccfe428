using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Organisations;

namespace Procurement.Cli.Commands;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow();
        var applied = await services.MigrateDatabaseAsync();
        await output.WriteLineAsync(applied.Count == 0
            ? "Databasen är redan uppdaterad."
            : $"Tillämpade {applied.Count} migrationer: {string.Join(", ", applied.Select(m => $"{m.Version:0000}_{m.Name}"))}.");

        await using var scope = services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<OrganisationQueries>().CountsAsync();
        await output.WriteLineAsync($"Referensdata: {counts.Municipalities} kommuner och {counts.Regions} regioner.");
        return 0;
    }
}
