using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Journal;

namespace Procurement.Cli.Commands;

/// <summary>Creates a confirmed user with a generated password, printed once.</summary>
public static class CreateUserCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, TextWriter output)
    {
        command.Allow("email", "role", "organisation", "name");
        var email = command.Required("email").Trim();
        var roleText = command.Required("role");
        var reference = command.Required("organisation");
        if (!EmailAddress.IsValid(email))
        {
            throw new UsageException($"\"{email}\" är ingen giltig e-postadress.");
        }

        var role = Roles.All.FirstOrDefault(r => string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"Okänd roll \"{roleText}\". Välj {string.Join(", ", Roles.All)}.");

        var name = command.Optional("name")?.Trim();
        if (name is { Length: > 200 })
        {
            throw new UsageException("--name får ha högst 200 tecken.");
        }

        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var organisation = await provider.GetRequiredService<OrganisationQueries>().FindByReferenceAsync(reference)
            ?? throw new CommandException($"Hittar ingen (eller mer än en) organisation som matchar \"{reference}\".");
        if (!Roles.FitsOrganisation(role, organisation.Kind))
        {
            throw new CommandException($"Rollen {role} passar inte {organisation.Name} ({organisation.Kind}).");
        }

        var users = provider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new CommandException($"Det finns redan en användare med e-postadressen {email}.");
        }

        var password = GeneratedPassword.New();
        var user = new AppUser
        {
            Email = email,
            UserName = email,
            DisplayName = name ?? email.Split('@')[0],
            OrganisationId = organisation.Id,
            EmailConfirmed = true,
            CreatedAt = provider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };

        var session = provider.GetRequiredService<DbSession>();
        await session.WriteAsync(async () =>
        {
            Succeed(await users.CreateAsync(user, password));
            Succeed(await users.AddToRoleAsync(user, role));
            await provider.GetRequiredService<JournalWriter>().WriteAsync(null, JournalActions.UserCreated, "user", user.Id,
                after: new { user.Email, role, organisationId = organisation.Id, source = "cli" });
        });

        await output.WriteLineAsync($"Användaren {email} ({role}, {organisation.Name}) är skapad.");
        await output.WriteLineAsync($"Lösenord (visas bara nu): {password}");
        if (Roles.RequiringTwoFactor.Contains(role))
        {
            await output.WriteLineAsync("Användaren aktiverar tvåfaktorsinloggning vid första inloggningen.");
        }

        return 0;
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
