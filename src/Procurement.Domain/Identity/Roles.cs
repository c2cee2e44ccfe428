using Procurement.Domain.Organisations;

namespace Procurement.Domain.Identity;

/// <summary>The four roles of the product. The names are stored and used in authorization attributes.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProcurementOfficer = nameof(ProcurementOfficer);
    public const string MunicipalityRepresentative = nameof(MunicipalityRepresentative);
    public const string Supplier = nameof(Supplier);

    public static IReadOnlyList<string> All { get; } =
        [Administrator, ProcurementOfficer, MunicipalityRepresentative, Supplier];

    /// <summary>Roles whose holders must have signed in with a second factor before they may act.</summary>
    public static IReadOnlyList<string> RequiringTwoFactor { get; } = [Administrator, ProcurementOfficer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>Which kind of organisation a holder of the role belongs to.</summary>
    public static bool FitsOrganisation(string role, OrganisationKind kind) => role switch
    {
        Administrator or ProcurementOfficer => kind == OrganisationKind.CentralPurchasingBody,
        MunicipalityRepresentative => kind is OrganisationKind.Municipality or OrganisationKind.Region,
        Supplier => kind == OrganisationKind.Supplier,
        _ => false,
    };

    /// <summary>
    /// Who may invite whom. Administrators invite anyone. Officers invite municipality and region
    /// representatives, and colleagues into their own purchasing body. Suppliers register themselves.
    /// </summary>
    public static bool MayInvite(IReadOnlyCollection<string> inviterRoles, Guid inviterOrganisationId,
        string invitedRole, Guid invitedOrganisationId)
    {
        if (inviterRoles.Contains(Administrator))
        {
            return IsKnown(invitedRole);
        }

        if (inviterRoles.Contains(ProcurementOfficer))
        {
            return invitedRole == MunicipalityRepresentative
                || (invitedRole == ProcurementOfficer && invitedOrganisationId == inviterOrganisationId);
        }

        return false;
    }
}
