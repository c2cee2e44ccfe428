using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Requirements;
using Procurement.Domain.Submissions;
using Procurement.Web.Features.Procurements;

namespace Procurement.Web.Features.Submissions;

public sealed class SubmissionForm
{
    [Required(ErrorMessage = "Beskriv behovet.")]
    [StringLength(SubmissionRowRules.MaxTextLength, ErrorMessage = "Behovet får ha högst 4 000 tecken.")]
    [Display(Name = "Behov (kravtext)")]
    public string Text { get; set; } = "";

    [Display(Name = "Föreslagen typ")]
    public RequirementKind? Kind { get; set; }

    [StringLength(SubmissionRowRules.MaxMotivLength, ErrorMessage = "Motivet får ha högst 4 000 tecken.")]
    [Display(Name = "Motiv")]
    public string? Motiv { get; set; }

    [Display(Name = "Kategori")]
    public Guid? CategoryId { get; set; }

    public int Version { get; set; }

    public static SubmissionForm From(SubmissionRow s) => new()
    {
        Text = s.Text,
        Kind = s.SuggestedKind,
        Motiv = s.Motiv,
        CategoryId = s.CategoryId,
        Version = s.Version,
    };

    public SubmissionData? ToData(ModelStateDictionary errors, IStringLocalizer l, IReadOnlyList<CategoryRow> categories)
    {
        if (CategoryId is { } id && categories.All(c => c.Id != id))
        {
            errors.AddModelError($"Form.{nameof(CategoryId)}", l["Välj en kategori i listan."]); // the key the field is bound and shown under
        }

        return errors.IsValid
            ? new SubmissionData(Text.Trim(), Kind, string.IsNullOrWhiteSpace(Motiv) ? null : Motiv.Trim(), CategoryId)
            : null;
    }
}
