using Microsoft.AspNetCore.Identity;
using Procurement.Web.Infrastructure.Filters;

namespace Procurement.Web.Infrastructure;

public static class IdentityResults
{
    /// <summary>
    /// For Identity calls whose input was already checked: a failure now means another request got there
    /// first (concurrency stamp, duplicate address), shown as a 409; anything else is a bug.
    /// </summary>
    public static void EnsureSucceeded(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var message = string.Join(" ", result.Errors.Select(e => e.Description));
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.ConcurrencyFailure)
            or nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException(message);
        }

        throw new InvalidOperationException(message);
    }
}
