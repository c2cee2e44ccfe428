using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Infrastructure;

/// <summary>Swedish names of roles and kinds (keys for the English translation).</summary>
public static class Labels
{
    public static string Role(string role) => role switch
    {
        Roles.Administrator => Sv("Administratör"),
        Roles.ProcurementOfficer => Sv("Upphandlare"),
        Roles.MunicipalityRepresentative => Sv("Företrädare för kommun eller region"),
        Roles.Supplier => Sv("Leverantör"),
        _ => role,
    };

    public static string Kind(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Municipality => Sv("Kommun"),
        OrganisationKind.Region => Sv("Region"),
        OrganisationKind.CentralPurchasingBody => Sv("Inköpscentral"),
        OrganisationKind.Supplier => Sv("Leverantör"),
        _ => kind.ToString(),
    };
}
