using Procurement.Domain.Requirements;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Specification;

/// <summary>Swedish names of kinds, sections and statuses (keys for English).</summary>
public static class RequirementLabels
{
    public static string Kind(RequirementKind kind) => kind switch
    {
        RequirementKind.Kval => Sv("Kvalificeringskrav"),
        RequirementKind.Ska => Sv("Ska-krav"),
        RequirementKind.Bor => Sv("Bör-krav"),
        _ => Sv("Särskilt kontraktsvillkor"),
    };

    public static string Section(SpecificationSection section) => section switch
    {
        SpecificationSection.AdministrativeProvisions => Sv("Administrativa föreskrifter"),
        SpecificationSection.Qualification => Sv("Kvalificeringskrav"),
        SpecificationSection.Specification => Sv("Kravspecifikation"),
        SpecificationSection.Evaluation => Sv("Utvärdering"),
        _ => Sv("Kontraktsvillkor"),
    };

    public static string Status(RequirementStatus status) => status switch
    {
        RequirementStatus.Draft => Sv("Utkast"),
        RequirementStatus.Approved => Sv("Fastställt"),
        _ => Sv("Struket"),
    };
}
