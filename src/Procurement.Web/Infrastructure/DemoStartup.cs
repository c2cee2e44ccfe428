using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Procurement.Data.Seeding;

namespace Procurement.Web.Infrastructure;

/// <summary>What the README's run command prints: the demo accounts (once) and where the app answers.</summary>
public static class DemoStartup
{
    public static async Task SeedAndPrintAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        await output.WriteLineAsync(DemoAccountsReport.Format(accounts));
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
