using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Procurement.Data.Seeding;

namespace Procurement.Web.Infrastructure.Demo;

/// <summary>What the README's run command prints: the demo accounts (once) and where the app answers.</summary>
public static class DemoStartup
{
    /// <summary>
    /// The demo accounts, then the demo procurement with <c>Demo:Submissions</c> needs (2000 unless configured,
    /// e.g. <c>--Demo:Submissions=20000</c> on the command line).
    /// </summary>
    public static async Task SeedAndPrintAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        await output.WriteLineAsync(DemoAccountsReport.Format(accounts));
        var count = services.GetRequiredService<IConfiguration>().GetValue("Demo:Submissions", DemoProcurementSeeder.DefaultSubmissions);
        var procurement = await scope.ServiceProvider.GetRequiredService<DemoProcurementSeeder>().SeedAsync(count);
        await output.WriteLineAsync(DemoProcurementSeeder.Report(procurement));
    }

    public static void PrintAddressOnStart(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 })
            {
                Console.WriteLine($"Samupphandling körs på {string.Join(" och ", addresses)} (Ctrl+C avslutar).");
            }
        });
}
