namespace Procurement.Domain.Requirements;

/// <summary>
/// The parts of a Swedish upphandlingsdokument, in the order they are written. The number is the first
/// part of a requirement's code (K-3.2.1 is in section 3). Stored by name; never rename or renumber.
/// </summary>
public enum SpecificationSection
{
    /// <summary>1 Administrativa föreskrifter.</summary>
    AdministrativeProvisions = 1,

    /// <summary>2 Kvalificeringskrav.</summary>
    Qualification = 2,

    /// <summary>3 Kravspecifikation, one part per category (lot) of the dynamic purchasing system.</summary>
    Specification = 3,

    /// <summary>4 Utvärdering.</summary>
    Evaluation = 4,

    /// <summary>5 Kontraktsvillkor.</summary>
    ContractTerms = 5,
}

public static class SpecificationSections
{
    public static IReadOnlyList<SpecificationSection> InOrder { get; } =
    [
        SpecificationSection.AdministrativeProvisions,
        SpecificationSection.Qualification,
        SpecificationSection.Specification,
        SpecificationSection.Evaluation,
        SpecificationSection.ContractTerms,
    ];

    /// <summary>Where a requirement of a kind goes unless the officer places it elsewhere.</summary>
    public static SpecificationSection DefaultFor(RequirementKind kind) => kind switch
    {
        RequirementKind.Kval => SpecificationSection.Qualification,
        RequirementKind.Kv => SpecificationSection.ContractTerms,
        _ => SpecificationSection.Specification,
    };

    /// <summary>
    /// Kvalificeringskrav belong in section 2 and kontraktsvillkor in section 5, and nothing else does;
    /// ska- and bör-krav may stand in any other section. The specification section needs a category.
    /// </summary>
    public static bool Allows(this SpecificationSection section, RequirementKind kind) => section switch
    {
        SpecificationSection.Qualification => kind == RequirementKind.Kval,
        SpecificationSection.ContractTerms => kind == RequirementKind.Kv,
        _ => kind is RequirementKind.Ska or RequirementKind.Bor,
    };
}
