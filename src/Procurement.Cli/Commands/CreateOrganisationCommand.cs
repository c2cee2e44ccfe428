using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Organisations;
using Procurement.Domain.Organisations;

namespace Procurement.Cli.Commands;

/// <summary>Adds a central purchasing body or a supplier (municipalities and regions are reference data).</summary>
public static class CreateOrganisationCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow("kind", "name", "number");
        var kindText = command.Required("kind");
        var name = command.Required("name").Trim();
        var numberText = command.Required("number");
        var kind = kindText.ToUpperInvariant() switch
        {
            "CENTRALPURCHASINGBODY" => OrganisationKind.CentralPurchasingBody,
            "SUPPLIER" => OrganisationKind.Supplier,
            _ => throw new UsageException($"Okänd typ \"{kindText}\". Välj CentralPurchasingBody eller Supplier."),
        };
        if (!OrganisationNumber.TryParse(numberText, out var number, out var error))
        {
            throw new UsageException(error == OrganisationNumberError.WrongCheckDigit
                ? $"Organisationsnumret {numberText} har fel kontrollsiffra."
                : $"Skriv organisationsnumret som NNNNNN-NNNN, inte \"{numberText}\".");
        }

        if (name.Length is 0 or > 200)
        {
            throw new UsageException("Namnet ska ha 1–200 tecken.");
        }

        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationQueries>();
        if (await organisations.FindByOrganisationNumberAsync(number) is { } existing)
        {
            throw new CommandException($"Det finns redan en organisation med organisationsnummer {number}: {existing.Name}.");
        }

        await scope.ServiceProvider.GetRequiredService<OrganisationCommands>().CreateAsync(kind, name, number, actorUserId: null);
        await output.WriteLineAsync($"{name} ({number}) är tillagd. Skapa användare med --organisation {number}.");
        return 0;
    }
}
