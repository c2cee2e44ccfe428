using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Procurements;

namespace Procurement.Web.Features.Specification;

public sealed class RequirementForm
{
    /// <summary>The form's fields are posted and shown as Form.Title, Form.Kind …; errors go under the same keys.</summary>
    public const string Prefix = "Form.";

    [Required(ErrorMessage = "Välj var i dokumentet kravet hör hemma.")]
    [Display(Name = "Avsnitt")]
    public SpecificationSection? Section { get; set; }

    [Display(Name = "Kategori")]
    public Guid? CategoryId { get; set; }

    [Required(ErrorMessage = "Välj typ av krav.")]
    [Display(Name = "Typ")]
    public RequirementKind? Kind { get; set; }

    [Required(ErrorMessage = "Ge kravet en rubrik.")]
    [StringLength(300, ErrorMessage = "Rubriken får ha högst 300 tecken.")]
    [Display(Name = "Rubrik")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Skriv kravtexten.")]
    [StringLength(4000, ErrorMessage = "Kravtexten får ha högst 4 000 tecken.")]
    [Display(Name = "Kravtext")]
    public string Text { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Motivet får ha högst 4 000 tecken.")]
    [Display(Name = "Motiv")]
    public string? Motiv { get; set; }

    [StringLength(4000, ErrorMessage = "Verifikatet får ha högst 4 000 tecken.")]
    [Display(Name = "Verifikat")]
    public string? Verifikat { get; set; }

    [Required(ErrorMessage = "Välj status.")]
    [Display(Name = "Status")]
    public RequirementStatus? Status { get; set; } = RequirementStatus.Draft;

    [StringLength(1000, ErrorMessage = "Skälet får ha högst 1 000 tecken.")]
    [Display(Name = "Vad ändras och varför?")]
    public string? Reason { get; set; }

    /// <summary>The version the form was filled in from.</summary>
    public int Version { get; set; }

    public static RequirementForm From(RequirementRow r) => new()
    {
        Section = r.Section,
        CategoryId = r.CategoryId,
        Kind = r.Kind,
        Title = r.Title,
        Text = r.Text,
        Motiv = r.Motiv,
        Verifikat = r.Verifikat,
        Status = r.Status,
        Version = r.Version,
    };

    /// <summary>The checked requirement, or null with the reasons in <paramref name="errors"/>.</summary>
    public RequirementData? ToData(ModelStateDictionary errors, IStringLocalizer l, IReadOnlyList<CategoryRow> categories, bool reasonRequired)
    {
        if (!errors.IsValid)
        {
            return null;
        }

        var category = CategoryId is { } id ? categories.FirstOrDefault(c => c.Id == id) : null;
        if (CategoryId is not null && category is null)
        {
            errors.AddModelError(Prefix + nameof(CategoryId), l["Välj en kategori i listan."]);
        }

        if (!Section!.Value.Allows(Kind!.Value))
        {
            errors.AddModelError(Prefix + nameof(Kind), l["Kvalificeringskrav hör till avsnitt 2 och kontraktsvillkor till avsnitt 5; i övriga avsnitt står ska- och bör-krav."]);
        }

        if (Section == SpecificationSection.Specification && category is null)
        {
            errors.AddModelError(Prefix + nameof(CategoryId), l["Ett krav i kravspecifikationen gäller en kategori. Välj vilken."]);
        }

        if (reasonRequired && string.IsNullOrWhiteSpace(Reason))
        {
            errors.AddModelError(Prefix + nameof(Reason), l["Skriv vad som ändras och varför; det sparas i versionshistoriken."]);
        }

        // Only requirements in the specification section belong to a category.
        var inCategory = Section == SpecificationSection.Specification ? category : null;
        return errors.IsValid
            ? new RequirementData(Section.Value, inCategory?.Id, inCategory?.Number, Kind.Value, Title.Trim(), Text.Trim(),
                Motiv?.Trim() ?? "", Verifikat?.Trim() ?? "", Status!.Value)
            : null;
    }
}
