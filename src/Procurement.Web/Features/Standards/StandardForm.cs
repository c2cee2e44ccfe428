using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Procurement.Data.Standards;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Standards;

/// <summary>A standard and its clauses as the administrator edits them; empty clause rows are ignored.</summary>
public sealed partial class StandardForm
{
    public const int NewClauseSlots = 2;

    public static readonly IReadOnlyList<(string Value, string Label)> Kinds =
    [
        ("inera", Sv("Inera")),
        ("national", Sv("Nationell")),
        ("eu", Sv("EU")),
        ("iso", Sv("ISO")),
        ("open", Sv("Öppen standard")),
    ];

    [StringLength(40, ErrorMessage = "Id får ha högst 40 tecken.")]
    [Display(Name = "Id")]
    public string? Id { get; set; }

    [Required(ErrorMessage = "Ange standardens kortnamn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Namn")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Ange standardens fullständiga titel.")]
    [StringLength(300, ErrorMessage = "Titeln får ha högst 300 tecken.")]
    [Display(Name = "Titel")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Ange vem som förvaltar standarden.")]
    [StringLength(200, ErrorMessage = "Förvaltaren får ha högst 200 tecken.")]
    [Display(Name = "Förvaltare")]
    public string Owner { get; set; } = "";

    [Required(ErrorMessage = "Ange vilken version av standarden som gäller.")]
    [StringLength(300, ErrorMessage = "Versionen får ha högst 300 tecken.")]
    [Display(Name = "Version av standarden")]
    public string VersionLabel { get; set; } = "";

    [Required(ErrorMessage = "Ange adressen till standarden.")]
    [StringLength(500, ErrorMessage = "Adressen får ha högst 500 tecken.")]
    [Display(Name = "Webbadress")]
    public string Url { get; set; } = "";

    [Required(ErrorMessage = "Välj typ av standard.")]
    [Display(Name = "Typ")]
    public string Kind { get; set; } = "national";

    [Required(ErrorMessage = "Beskriv standarden kort.")]
    [StringLength(4000, ErrorMessage = "Beskrivningen får ha högst 4 000 tecken.")]
    [Display(Name = "Beskrivning")]
    public string Description { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Nyckelorden får ha högst 4 000 tecken.")]
    [Display(Name = "Nyckelord")]
    public string? Keywords { get; set; }

    public List<ClauseInput> Clauses { get; set; } = [];

    [StringLength(1000, ErrorMessage = "Skälet får ha högst 1 000 tecken.")]
    [Display(Name = "Vad ändras och varför?")]
    public string? Reason { get; set; }

    /// <summary>The version the form was filled in from (0 for a new standard).</summary>
    public int Version { get; set; }

    public static StandardForm From(StandardRow s) => new StandardForm
    {
        Id = s.Id,
        Name = s.Name,
        Title = s.Title,
        Owner = s.Owner,
        VersionLabel = s.VersionLabel,
        Url = s.Url,
        Kind = s.Kind,
        Description = s.Description,
        Keywords = string.Join(", ", s.KeywordList),
        Clauses = s.Clauses.Select(c => new ClauseInput { Id = c.ClauseId, Text = c.Text, Keywords = string.Join(", ", c.KeywordList) }).ToList(),
        Version = s.Version,
    }.WithSlots();

    /// <summary>Empty rows for new clauses after the ones filled in.</summary>
    public StandardForm WithSlots()
    {
        Clauses.RemoveAll(c => c.IsEmpty);
        for (var i = 0; i < NewClauseSlots; i++)
        {
            Clauses.Add(new ClauseInput());
        }

        return this;
    }

    /// <summary>The standard's id as typed, in the catalogue's form (upper case), or null when it is not one.</summary>
    public string? NormalisedId(ModelStateDictionary errors, IStringLocalizer l)
    {
        var id = Id?.Trim().ToUpperInvariant() ?? "";
        if (!StandardId().IsMatch(id) || id == "NY")
        {
            errors.AddModelError(nameof(Id), l["Ange ett id med 2–40 tecken: bokstäver A–Z, siffror och bindestreck, t.ex. INERA-RIVTA."]);
            return null;
        }

        return id;
    }

    /// <summary>The checked standard, or null with the reasons in <paramref name="errors"/>.</summary>
    public StandardSnapshot? ToData(ModelStateDictionary errors, IStringLocalizer l, bool reasonRequired)
    {
        if (!Kinds.Any(k => k.Value == Kind))
        {
            errors.AddModelError(nameof(Kind), l["Välj typ av standard i listan."]);
        }

        if (!Uri.TryCreate(Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors.AddModelError(nameof(Url), l["Ange en fullständig webbadress som börjar med https://."]);
        }

        var clauses = new List<ClauseSnapshot>();
        for (var i = 0; i < Clauses.Count; i++)
        {
            var clause = Clauses[i];
            if (clause.IsEmpty || clause.Remove)
            {
                continue;
            }

            var clauseId = clause.Id?.Trim() ?? "";
            if (!ClauseId().IsMatch(clauseId))
            {
                errors.AddModelError($"Clauses[{i}].Id", l["Ge avsnittet ett id med 1–40 tecken: bokstäver, siffror, punkt och bindestreck."]);
            }
            else if (clauses.Any(c => string.Equals(c.Id, clauseId, StringComparison.OrdinalIgnoreCase)))
            {
                errors.AddModelError($"Clauses[{i}].Id", l["Två avsnitt har id {0}. Ge varje avsnitt ett eget id.", clauseId]);
            }

            if (string.IsNullOrWhiteSpace(clause.Text))
            {
                errors.AddModelError($"Clauses[{i}].Text", l["Skriv vad avsnittet kräver."]);
            }

            clauses.Add(new ClauseSnapshot(clauseId, clause.Text?.Trim() ?? "", SplitKeywords(clause.Keywords)));
        }

        if (reasonRequired && string.IsNullOrWhiteSpace(Reason))
        {
            errors.AddModelError(nameof(Reason), l["Skriv vad som ändras och varför; det sparas i versionshistoriken."]);
        }

        return errors.IsValid
            ? new StandardSnapshot(Name.Trim(), Title.Trim(), Owner.Trim(), VersionLabel.Trim(), Url!.Trim(), Kind, Description.Trim(),
                SplitKeywords(Keywords), clauses)
            : null;
    }

    /// <summary>Comma-separated terms, lower case, each once.</summary>
    public static IReadOnlyList<string> SplitKeywords(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant())
            .Distinct()
            .ToList();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$")]
    private static partial Regex StandardId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex ClauseId();
}

public sealed class ClauseInput
{
    [StringLength(40, ErrorMessage = "Avsnittets id får ha högst 40 tecken.")]
    [Display(Name = "Avsnittets id")]
    public string? Id { get; set; }

    [StringLength(4000, ErrorMessage = "Avsnittets text får ha högst 4 000 tecken.")]
    [Display(Name = "Vad avsnittet kräver")]
    public string? Text { get; set; }

    [StringLength(2000, ErrorMessage = "Nyckelorden får ha högst 2 000 tecken.")]
    [Display(Name = "Avsnittets nyckelord")]
    public string? Keywords { get; set; }

    [Display(Name = "Ta bort avsnittet")]
    public bool Remove { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Keywords);
}
