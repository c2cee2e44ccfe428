namespace Procurement.Domain.Organisations;

/// <summary>What kind of body an organisation is. Stored by name, so never renumber or rename.</summary>
public enum OrganisationKind
{
    Municipality,
    Region,
    CentralPurchasingBody,
    Supplier,
}
