using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Seeding;

namespace Procurement.Cli.Commands;

public static class SeedDemoCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow("reset-passwords");
        var reset = command.Flag("reset-passwords");
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(reset);
        await output.WriteLineAsync(DemoAccountsReport.Format(accounts));
        return 0;
    }
}
