using Microsoft.AspNetCore.Identity;

namespace Procurement.Data.Identity;

public static class UserManagerExtensions
{
    /// <summary>
    /// Runs every password rule without saving anything, so a form can refuse a weak password before it
    /// creates the organisation or account the password belongs to.
    /// </summary>
    public static async Task<IReadOnlyList<IdentityError>> PasswordErrorsAsync(this UserManager<AppUser> users, AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors;
    }
}
