using Microsoft.AspNetCore.Identity;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Journal;
using Procurement.Domain.Organisations;

namespace Procurement.Data.Seeding;

/// <summary>One demo account per role, with a password shown once, when it is created.</summary>
public sealed record DemoAccount(string Email, string Role, string DisplayName, string Organisation, string? Password);

/// <summary>
/// Creates the demo organisations and one user per role. Idempotent: existing demo users keep their
/// password (it was printed when they were made) unless a reset is asked for.
/// </summary>
public sealed class DemoSeeder(
    UserManager<AppUser> users,
    OrganisationQueries organisations,
    OrganisationCommands organisationCommands,
    JournalWriter journal,
    DbSession session,
    TimeProvider clock)
{
    public const string PurchasingBodyName = "Demo Inköpscentral";
    public const string SupplierName = "Demo Leverantör AB";
    public const string MunicipalityCode = "0380"; // Uppsala
    public static readonly OrganisationNumber PurchasingBodyNumber = OrganisationNumber.Parse("202100-1231");
    public static readonly OrganisationNumber SupplierNumber = OrganisationNumber.Parse("556677-8899");

    public static readonly IReadOnlyList<(string Email, string Role, string DisplayName)> Accounts =
    [
        ("admin@demo.test", Roles.Administrator, "Anna Administratör"),
        ("upphandlare@demo.test", Roles.ProcurementOfficer, "Olle Upphandlare"),
        ("kommun@demo.test", Roles.MunicipalityRepresentative, "Karin Kommunsson"),
        ("leverantor@demo.test", Roles.Supplier, "Lars Leverantör"),
    ];

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(bool resetPasswords = false, CancellationToken cancellationToken = default) =>
        await session.WriteAsync(async () =>
        {
            var purchasingBody = await EnsureOrganisationAsync(OrganisationKind.CentralPurchasingBody, PurchasingBodyName, PurchasingBodyNumber, cancellationToken);
            var supplier = await EnsureOrganisationAsync(OrganisationKind.Supplier, SupplierName, SupplierNumber, cancellationToken);
            var municipality = await organisations.FindByReferenceAsync(MunicipalityCode, cancellationToken)
                ?? throw new InvalidOperationException("Referensdata saknas: kör migrate först.");

            var result = new List<DemoAccount>();
            foreach (var (email, role, displayName) in Accounts)
            {
                var organisation = role switch
                {
                    Roles.MunicipalityRepresentative => municipality,
                    Roles.Supplier => supplier,
                    _ => purchasingBody,
                };
                var password = await EnsureUserAsync(email, role, displayName, organisation.Id, resetPasswords);
                result.Add(new DemoAccount(email, role, displayName, organisation.Name, password));
            }

            return (IReadOnlyList<DemoAccount>)result;
        }, cancellationToken);

    private async Task<Organisation> EnsureOrganisationAsync(OrganisationKind kind, string name, OrganisationNumber number, CancellationToken cancellationToken)
    {
        var existing = await organisations.FindByOrganisationNumberAsync(number, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var id = await organisationCommands.CreateAsync(kind, name, number, actorUserId: null, cancellationToken);
        return (await organisations.GetAsync(id, cancellationToken))!;
    }

    /// <summary>Returns the new password, or null when the user existed and keeps theirs.</summary>
    private async Task<string?> EnsureUserAsync(string email, string role, string displayName, Guid organisationId, bool resetPassword)
    {
        var user = await users.FindByEmailAsync(email);
        var password = GeneratedPassword.New();
        if (user is null)
        {
            user = new AppUser
            {
                Email = email,
                UserName = email,
                DisplayName = displayName,
                OrganisationId = organisationId,
                EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow(),
            };
            Succeed(await users.CreateAsync(user, password));
            Succeed(await users.AddToRoleAsync(user, role));
            await journal.WriteAsync(null, JournalActions.UserCreated, "user", user.Id,
                after: new { user.Email, role, organisationId, source = "seed-demo" });
            return password;
        }

        if (!resetPassword)
        {
            return null;
        }

        Succeed(await users.RemovePasswordAsync(user));
        Succeed(await users.AddPasswordAsync(user, password));
        Succeed(await users.SetLockoutEndDateAsync(user, null));
        await journal.WriteAsync(null, JournalActions.PasswordReset, "user", user.Id, after: new { source = "seed-demo" });
        return password;
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
