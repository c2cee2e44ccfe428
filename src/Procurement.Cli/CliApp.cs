using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Procurement.Cli.Commands;
using Procurement.Data;
using Procurement.Data.Identity;
using Procurement.Web.Infrastructure;

namespace Procurement.Cli;

/// <summary>The operators' tool. Reads the same configuration as the web app: appsettings.json, environment.</summary>
public static class CliApp
{
    public const string Usage =
        """
        Användning: procurement <kommando> [alternativ]

        Kommandon:
          migrate                        Uppdatera databasen (migrationer och referensdata). Kan köras hur många gånger som helst.
          create-user --email E --role R --organisation O [--name N]
                                         Skapa en användare med ett engångslösenord som skrivs ut.
                                         R: Administrator, ProcurementOfficer, MunicipalityRepresentative eller Supplier.
                                         O: kommunkod (0380), R + länskod för region (R03), organisationsnummer eller exakt namn.
          create-organisation --kind K --name N --number NNNNNN-NNNN
                                         Lägg till en inköpscentral (K: CentralPurchasingBody) eller leverantör (K: Supplier).
          seed-demo [--submissions N] [--reset-passwords]
                                         Skapa demoorganisationer, ett demokonto per roll (lösenorden skrivs ut en gång)
                                         och demoupphandlingen DEMO-1 med N behov från kommunerna (standard 2000).
          backup --out FIL [--force]     Säkerhetskopiera SQLite-databasen till FIL och kontrollera kopian.
          cluster --input FIL --output UT
                                         Föreslå dubbletter bland texterna i FIL (CSV i UTF-8 med kolumnerna id och text).
                                         UT får kolumnerna id,cluster: samma nummer betyder föreslagna dubbletter.
          suggest-standards --input FIL --output UT
                                         Föreslå upp till tre standarder ur katalogen för varje text i FIL.
                                         UT får kolumnerna id,standard_id,rank,confident (1 = säkert förslag).
          help                           Visa den här texten.

        cluster och suggest-standards arbetar bara med filer och behöver ingen databas.
        Databas: Database__Provider (Sqlite eller SqlServer) och ConnectionStrings__Procurement.
        Utan inställningar används data/procurement.db i arkivets rot, samma fil som webbappen.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? configurationOverrides = null)
    {
        try
        {
            var command = CommandLine.Parse(args);
            if (command.Verb is "help" or "--help" or "-h")
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }

            // The file verbs need no database: they run before the host (and its data source) is built.
            Func<CommandLine, TextWriter, Task<int>>? offline = command.Verb switch
            {
                "cluster" => ClusterCommand.RunAsync,
                "suggest-standards" => SuggestStandardsCommand.RunAsync,
                _ => null,
            };
            if (offline is not null)
            {
                return await offline(command, output);
            }

            using var host = BuildHost(configurationOverrides);
            var services = host.Services;
            return command.Verb switch
            {
                "migrate" => await MigrateCommand.RunAsync(command, services, output),
                "create-user" => await CreateUserCommand.RunAsync(command, services, output),
                "create-organisation" => await CreateOrganisationCommand.RunAsync(command, services, output),
                "seed-demo" => await SeedDemoCommand.RunAsync(command, services, output),
                "backup" => await BackupCommand.RunAsync(command, services, output),
                _ => throw new UsageException($"Okänt kommando: {command.Verb}"),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"Fel: {ex.Message}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (CommandException ex)
        {
            await error.WriteLineAsync($"Fel: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            await error.WriteLineAsync($"Fel: {ex.Message}");
            return 1;
        }
    }

    private static IHost BuildHost(IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Environment.CurrentDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders(); // the CLI talks to its user itself
        builder.ConfigureContainer(new Microsoft.Extensions.DependencyInjection.DefaultServiceProviderFactory(
            new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        builder.Services.AddProcurementData();
        builder.Services.AddProcurementDataProtection(builder.Configuration); // the user store encrypts authenticator keys with it
        builder.Services.AddIdentityCore<AppUser>(IdentitySetup.ConfigureOptions)
            .AddRoles<AppRole>()
            .AddProcurementStores();
        builder.Services.AddProcurementFeatures(); // the demo procurement is written through the web app's stores
        return builder.Build();
    }
}
