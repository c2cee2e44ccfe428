using System.Globalization;

namespace Procurement.Domain.Requirements;

/// <summary>
/// A requirement's number in the document: K-{section}[.{category}].{position}, e.g. K-2.4 (the fourth
/// kvalificeringskrav) or K-3.2.1 (the first requirement of category 2). It is stable: edits keep it;
/// only an explicit renumbering, after reordering, changes it. With its version it reads K-3.2.1:2.
/// </summary>
public readonly record struct RequirementCode(SpecificationSection Section, int? Category, int Position)
{
    public override string ToString() =>
        Category is { } category
            ? string.Create(CultureInfo.InvariantCulture, $"K-{(int)Section}.{category}.{Position}")
            : string.Create(CultureInfo.InvariantCulture, $"K-{(int)Section}.{Position}");

    public string WithVersion(int version) => string.Create(CultureInfo.InvariantCulture, $"{this}:{version}");
}
