using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Seeding;
using Procurement.Web.Infrastructure.Demo;

namespace Procurement.Cli.Commands;

public static class SeedDemoCommand
{
    public const int MaxSubmissions = 1_000_000;

    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow("reset-passwords", "submissions");
        var reset = command.Flag("reset-passwords");
        var submissions = Submissions(command.Optional("submissions"));
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(reset);
        await output.WriteLineAsync(DemoAccountsReport.Format(accounts));
        var procurement = await scope.ServiceProvider.GetRequiredService<DemoProcurementSeeder>().SeedAsync(submissions);
        await output.WriteLineAsync(DemoProcurementSeeder.Report(procurement));
        return 0;
    }

    private static int Submissions(string? value)
    {
        if (value is null)
        {
            return DemoProcurementSeeder.DefaultSubmissions;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaxSubmissions
            ? count
            : throw new UsageException($"--submissions ska vara ett heltal från 0 till {MaxSubmissions}.");
    }
}
