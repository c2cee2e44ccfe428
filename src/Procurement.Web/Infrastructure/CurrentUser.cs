using System.Security.Claims;
using Procurement.Data.Identity;
using Procurement.Domain.Identity;

namespace Procurement.Web.Infrastructure;

/// <summary>What a page needs to know about the signed-in user, read from the sign-in's claims.</summary>
public static class CurrentUser
{
    /// <summary>"amr" = "mfa" is added by Identity when a second factor was used for this sign-in.</summary>
    public const string AuthenticationMethodsClaim = "amr";
    public const string MultiFactor = "mfa";

    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Ingen inloggad användare."));

    public static Guid OrganisationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ProcurementClaimsPrincipalFactory.OrganisationIdClaim)
            ?? throw new InvalidOperationException("Användaren saknar organisation."));

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ProcurementClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static bool SignedInWithSecondFactor(this ClaimsPrincipal user) =>
        user.HasClaim(AuthenticationMethodsClaim, MultiFactor);

    public static bool RoleRequiresTwoFactor(this ClaimsPrincipal user) => Roles.RequiringTwoFactor.Any(user.IsInRole);

    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal user) =>
        Roles.All.Where(user.IsInRole).ToList();
}
