using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Procurements;

namespace Procurement.Web.Features.Procurements;

/// <summary>The create and edit form of a procurement: basics, DPS validity, up to eight categories, planned phase dates.</summary>
public sealed class ProcurementForm
{
    public const int CategorySlots = 8;

    [Required(ErrorMessage = "Ange upphandlingens namn.")]
    [StringLength(300, ErrorMessage = "Namnet får ha högst 300 tecken.")]
    [Display(Name = "Namn")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Ange ett diarienummer eller annan referens.")]
    [StringLength(100, ErrorMessage = "Referensen får ha högst 100 tecken.")]
    [Display(Name = "Referens (diarienummer)")]
    public string Reference { get; set; } = "";

    [Required(ErrorMessage = "Beskriv upphandlingen.")]
    [StringLength(20000, ErrorMessage = "Beskrivningen får ha högst 20 000 tecken.")]
    [Display(Name = "Beskrivning")]
    public string Description { get; set; } = "";

    [StringLength(400, ErrorMessage = "CPV-koderna får ha högst 400 tecken.")]
    [Display(Name = "CPV-koder")]
    public string? CpvCodes { get; set; }

    [Required(ErrorMessage = "Ange när det dynamiska inköpssystemet börjar gälla.")]
    [Display(Name = "Giltigt från")]
    public DateOnly? ValidFrom { get; set; }

    [Required(ErrorMessage = "Ange när det dynamiska inköpssystemet slutar gälla.")]
    [Display(Name = "Giltigt till och med")]
    public DateOnly? ValidUntil { get; set; }

    public List<CategoryInput> Categories { get; set; } = [];

    public List<PhaseInput> Phases { get; set; } = [];

    /// <summary>The version the form was filled in from; a save on an older version is a conflict.</summary>
    public int Version { get; set; }

    /// <summary>Fills the empty slots so the form always shows eight categories and every phase.</summary>
    public ProcurementForm WithSlots()
    {
        for (var number = Categories.Count + 1; number <= CategorySlots; number++)
        {
            Categories.Add(new CategoryInput { Number = number });
        }

        foreach (var phase in ProcurementPhases.InOrder.Where(p => Phases.All(x => x.Phase != p)))
        {
            Phases.Add(new PhaseInput { Phase = phase });
        }

        Phases.Sort((a, b) => a.Phase.CompareTo(b.Phase));
        return this;
    }

    public static ProcurementForm From(ProcurementDetails details, IReadOnlyList<CategoryRow> categories, IReadOnlyList<PhasePlanRow> plan) =>
        new ProcurementForm
        {
            Title = details.Title,
            Reference = details.Reference,
            Description = details.Description,
            CpvCodes = string.Join(", ", details.CpvCodeList),
            ValidFrom = details.ValidFrom,
            ValidUntil = details.ValidUntil,
            Categories = categories.Select(c => new CategoryInput { Number = c.Number, Name = c.Name, Description = c.Description }).ToList(),
            Phases = plan.Select(p => new PhaseInput { Phase = p.Phase, Start = p.PlannedStart, End = p.PlannedEnd }).ToList(),
            Version = details.Version,
        }.WithSlots();

    /// <summary>The checked data, or null with the reasons added to <paramref name="errors"/>.</summary>
    public ProcurementData? ToData(ModelStateDictionary errors, IStringLocalizer l, IReadOnlyList<int> categoriesInUse)
    {
        var cpv = Domain.Procurements.CpvCode.Split(CpvCodes);
        foreach (var invalid in cpv.Where(c => !Domain.Procurements.CpvCode.IsValid(c)))
        {
            errors.AddModelError(nameof(CpvCodes), l["\"{0}\" är ingen CPV-kod. Skriv koden som åtta siffror, bindestreck och kontrollsiffra, t.ex. 48000000-8.", invalid]);
        }

        if (ValidFrom is { } from && ValidUntil is { } until && until <= from)
        {
            errors.AddModelError(nameof(ValidUntil), l["Slutdatumet måste komma efter startdatumet."]);
        }

        var categories = new List<CategoryData>();
        for (var i = 0; i < Categories.Count; i++)
        {
            var c = Categories[i];
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                if (!string.IsNullOrWhiteSpace(c.Description))
                {
                    errors.AddModelError($"Categories[{i}].Name", l["Ge kategorin ett namn, eller töm beskrivningen."]);
                }
                else if (categoriesInUse.Contains(c.Number))
                {
                    errors.AddModelError($"Categories[{i}].Name", l["Kategori {0} används av krav eller behov och kan inte tas bort.", c.Number]);
                }

                continue;
            }

            categories.Add(new CategoryData(c.Number, c.Name.Trim(), c.Description?.Trim() ?? ""));
        }

        if (categories.Count == 0)
        {
            errors.AddModelError("Categories[0].Name", l["Ett dynamiskt inköpssystem behöver minst en kategori."]);
        }

        foreach (var duplicate in categories.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.AddModelError($"Categories[{Categories.FindIndex(c => c.Number == duplicate.Last().Number)}].Name", l["Två kategorier heter \"{0}\".", duplicate.Key]);
        }

        for (var i = 0; i < Phases.Count; i++)
        {
            if (Phases[i] is { Start: { } start, End: { } end } && end < start)
            {
                errors.AddModelError($"Phases[{i}].End", l["Fasen kan inte sluta innan den börjar."]);
            }
        }

        return errors.IsValid
            ? new ProcurementData(Reference.Trim(), Title.Trim(), Description.Trim(), cpv, ValidFrom!.Value, ValidUntil!.Value, categories,
                Phases.Where(p => ProcurementPhases.InOrder.Contains(p.Phase)).Select(p => new PhasePlanData(p.Phase, p.Start, p.End)).ToList())
            : null;
    }
}

public sealed class CategoryInput
{
    [Range(1, ProcurementForm.CategorySlots)]
    public int Number { get; set; }

    [StringLength(200, ErrorMessage = "Kategorins namn får ha högst 200 tecken.")]
    [Display(Name = "Namn")]
    public string? Name { get; set; }

    [StringLength(2000, ErrorMessage = "Beskrivningen får ha högst 2 000 tecken.")]
    [Display(Name = "Beskrivning")]
    public string? Description { get; set; }
}

public sealed class PhaseInput
{
    public ProcurementPhase Phase { get; set; }

    [Display(Name = "Planerad start")]
    public DateOnly? Start { get; set; }

    [Display(Name = "Planerat slut")]
    public DateOnly? End { get; set; }
}
