using Microsoft.AspNetCore.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// Identity's messages in Swedish. The web app shows them through its string localizer, which uses the
/// Swedish text as the key for the English translation.
/// </summary>
public sealed class SwedishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Något gick fel. Försök igen.");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "Kontot ändrades samtidigt någon annanstans. Ladda om sidan och försök igen.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Fel lösenord.");

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), "Länken är ogiltig eller har gått ut. Begär en ny.");

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), "Återställningskoden är fel eller redan använd.");

    public override IdentityError LoginAlreadyAssociated() =>
        Error(nameof(LoginAlreadyAssociated), "Inloggningen är redan kopplad till ett annat konto.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "E-postadressen kan inte användas som användarnamn.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Ange en giltig e-postadress.");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), "Det finns redan ett konto med den e-postadressen.");

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), "Det finns redan ett konto med den e-postadressen.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Rollen finns inte.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "Rollen finns redan.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Kontot har redan ett lösenord.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Kontot kan inte låsas.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "Användaren har redan rollen.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "Användaren har inte rollen.");

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), "Lösenordet måste ha minst 12 tecken."); // PasswordPolicy.MinLength; a literal so it can be translated

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), "Lösenordet har för få olika tecken.");

    // Composition rules are off (ASVS 2.1.9); these are kept in Swedish should anyone turn them on.
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "Lösenordet måste innehålla ett specialtecken.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Lösenordet måste innehålla en siffra.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Lösenordet måste innehålla en liten bokstav.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Lösenordet måste innehålla en stor bokstav.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
