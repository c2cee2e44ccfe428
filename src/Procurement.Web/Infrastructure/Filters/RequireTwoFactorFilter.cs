using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Procurement.Web.Infrastructure.Filters;

/// <summary>
/// Officers and administrators act on behalf of ~200 municipalities: they must have signed in with a second
/// factor. Until they have, every page but their account pages leads them to set it up.
/// </summary>
public sealed class RequireTwoFactorFilter : IAuthorizationFilter
{
    public const string SetupPath = "/konto/tvafaktor";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true
            || !user.RoleRequiresTwoFactor()
            || user.SignedInWithSecondFactor()
            || context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutTwoFactorAttribute>().Any())
        {
            return;
        }

        context.Result = new RedirectResult(SetupPath + "?kravs=1");
    }
}

/// <summary>Pages an officer may use before two-factor sign-in is set up: the account pages, sign-out, errors.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;
