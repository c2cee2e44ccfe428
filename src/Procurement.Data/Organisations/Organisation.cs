using Procurement.Domain.Organisations;

namespace Procurement.Data.Organisations;

public sealed class Organisation
{
    public Guid Id { get; init; }

    public OrganisationKind Kind { get; init; }

    public string Name { get; init; } = "";

    public string? OrganisationNumber { get; init; }

    public string? MunicipalityCode { get; init; }

    /// <summary>Set for the 21 regions; Region Gotland is also a municipality.</summary>
    public string? RegionCountyCode { get; init; }

    public string? CountyCode { get; init; }

    public string? CountyName { get; init; }

    public bool IsMunicipality => Kind == OrganisationKind.Municipality;

    public bool IsRegion => RegionCountyCode is not null;
}
