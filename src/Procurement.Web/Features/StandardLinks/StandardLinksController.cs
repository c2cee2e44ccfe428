using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Data;
using Procurement.Documents.Standards;
using Procurement.Domain.Procurements;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.Standards;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.StandardLinks;

/// <summary>
/// A procurement against the standards: which of them apply, the links of its requirements to their clauses
/// (suggested, then accepted or rejected by an officer, or added by hand), and the coverage report with gaps
/// and flagged conflicts. Officers of the owning body change them; administrators may look.
/// </summary>
public sealed class StandardLinksController(
    StandardLinkStore links,
    StandardStore standards,
    CoverageQueries coverage,
    DbSession session,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/upphandlingar/{id:guid}/standarder")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> Applicable(Guid id, CancellationToken cancellationToken) =>
        View(new ApplicableViewModel(await standards.ListAsync(cancellationToken), await links.ApplicableAsync(id, cancellationToken),
            await links.ApplicableVersionAsync(id, cancellationToken)));

    /// <summary>
    /// Saves the applicable standards the officer ticked, based on the version the page showed (hidden field "version").
    /// A stale save changes nothing and gets the conflict page with both sets, the officer's choice still ticked.
    /// </summary>
    [HttpPost("/upphandlingar/{id:guid}/standarder")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Applicable(Guid id, [FromForm(Name = "standarder")] List<string>? chosen, [FromForm(Name = "version")] int? version,
        CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        var catalogue = await standards.ListAsync(cancellationToken);
        var picked = (chosen ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = picked.Where(p => catalogue.All(s => !string.Equals(s.Id, p, StringComparison.OrdinalIgnoreCase))).ToList();
        var ids = catalogue.Where(s => picked.Contains(s.Id, StringComparer.OrdinalIgnoreCase)).Select(s => s.Id).ToList();
        if (ModelState.GetFieldValidationState("version") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid || version is not > 0)
        {
            // Without the version the page was based on, a save could overwrite someone else's: nothing is saved, the
            // officer's ticks stay on the form against the current version, to check and save again.
            ModelState.Clear();
            ModelState.AddModelError("", l["Sidan saknar uppgift om vilken version av standarderna du utgick från. Dina val visas nedan: kontrollera dem och spara igen."]);
            return View(new ApplicableViewModel(catalogue, ids, await links.ApplicableVersionAsync(id, cancellationToken)))
                .WithStatus(StatusCodes.Status400BadRequest);
        }

        if (!ModelState.IsValid || unknown.Count > 0)
        {
            ModelState.Clear();
            ModelState.AddModelError("", l["Välj standarder i listan; någon av de valda finns inte i katalogen."]);
            return View(new ApplicableViewModel(catalogue, ids, version.Value)).WithStatus(StatusCodes.Status400BadRequest);
        }

        var outcome = await links.DeclareAsync(id, ids, version, User.Id(), cancellationToken);
        if (outcome == DeclareOutcome.Stale)
        {
            var saved = await links.ApplicableAsync(id, cancellationToken);
            var theirs = await links.LastDeclarationAsync(id, cancellationToken);
            return View("ApplicableConflict", new ApplicableConflictViewModel(
                new ApplicableViewModel(catalogue, ids, await links.ApplicableVersionAsync(id, cancellationToken)), saved, theirs))
                .WithStatus(StatusCodes.Status409Conflict);
        }

        TempData["Status"] = outcome == DeclareOutcome.Saved ? Sv("De tillämpliga standarderna är sparade.") : Sv("Inget ändrades.");
        return Redirect($"/upphandlingar/{id}/standarder");
    }

    /// <summary>Requirements shown per page of link suggestions: one page is one form, and it stays a manageable one.</summary>
    public const int RequirementsPerPage = 50;

    [HttpGet("/upphandlingar/{id:guid}/lankforslag")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> Suggestions(Guid id, [FromQuery(Name = "sida")] int page = 1, CancellationToken cancellationToken = default) =>
        View(await SuggestionsAsync(id, page, new ManualLinkForm(), cancellationToken));

    /// <summary>
    /// Suggests links for every requirement. Not in the request's transaction: it reads without one, computes (which
    /// takes a while for hundreds of requirements) holding no write lock, and saves in one short transaction.
    /// </summary>
    [HttpPost("/upphandlingar/{id:guid}/lankforslag/foresla")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [NoTransaction]
    public async Task<IActionResult> Suggest(Guid id, [FromForm(Name = "sida")] string? sida, CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        var input = await links.ReadForSuggestingAsync(id, requirementId: null, cancellationToken);
        if (input.Applicable.Count == 0)
        {
            TempData["Status"] = Sv("Ange först vilka standarder som gäller för upphandlingen.");
            return Redirect($"/upphandlingar/{id}/standarder");
        }

        var computed = StandardLinkStore.ComputeSuggestions(input);
        var saved = await session.WriteAsync(async () =>
        {
            // The phase may have moved on while the suggestions were computed.
            var phase = await session.ExecuteScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }, cancellationToken);
            return Enum.TryParse<ProcurementPhase>(phase, out var now) && now.SpecificationEditable()
                ? await links.SaveSuggestionsAsync(id, User.Id(), input, computed, cancellationToken)
                : (int?)null;
        }, cancellationToken);
        if (saved is null)
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        TempData["Status"] = Sv("Länkförslagen är uppdaterade.");
        return Redirect(SuggestionsViewModel.Link(id, PageOf(sida)));
    }

    [HttpPost("/upphandlingar/{id:guid}/lankforslag/beslut")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Decide(Guid id, [FromForm(Name = "markerade")] List<Guid>? selected, [FromForm(Name = "atgard")] string? action,
        [FromForm(Name = "enskild")] string? oneRow, [FromForm(Name = "sida")] string? sida, CancellationToken cancellationToken)
    {
        var page = PageOf(sida);
        if (Closed() is { } closed)
        {
            return closed;
        }

        // One row's own button ("godkann:<id>" or "avvisa:<id>"), or the bulk buttons with the checked rows.
        var targets = selected ?? [];
        if (!string.IsNullOrEmpty(oneRow))
        {
            var parts = oneRow.Split(':', 2);
            action = parts[0];
            targets = parts.Length == 2 && Guid.TryParse(parts[1], out var one) ? [one] : [];
        }

        var status = action switch
        {
            "godkann" => LinkStatus.Accepted,
            "avvisa" => LinkStatus.Rejected,
            _ => (LinkStatus?)null,
        };
        if (!ModelState.IsValid || status is null || targets.Count == 0)
        {
            ModelState.Clear();
            ModelState.AddModelError("", status is null || !string.IsNullOrEmpty(oneRow) || targets.Count > 0
                ? l["Välj Godkänn eller Avvisa för ett förslag i listan."]
                : l["Markera minst ett förslag först."]);
            return View(nameof(Suggestions), await SuggestionsAsync(id, page, new ManualLinkForm(), cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        // The bulk buttons send the checked suggestions of the page the officer saw, and only those still open change.
        var changed = await links.DecideAsync(id, targets.Distinct().ToList(), status.Value, User.Id(), cancellationToken,
            suggestedOnly: string.IsNullOrEmpty(oneRow));
        TempData["Status"] = changed == 0 ? Sv("Inget ändrades.") : status == LinkStatus.Accepted ? Sv("Länkarna är godkända.") : Sv("Förslagen är avvisade.");
        return Redirect(SuggestionsViewModel.Link(id, page));
    }

    [HttpPost("/upphandlingar/{id:guid}/lankforslag/manuell")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> AddLink(Guid id, [Bind(Prefix = "Manual")] ManualLinkForm form, [FromForm(Name = "sida")] string? sida,
        CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        var page = PageOf(sida);
        var model = await SuggestionsAsync(id, page, form, cancellationToken);
        var target = CheckTarget("Manual", form, model.Requirements.Select(r => r.Id),
            t => model.Clauses.Any(c => c.StandardId == t.StandardId && c.ClauseId == t.ClauseId));

        if (!ModelState.IsValid)
        {
            return View(nameof(Suggestions), model).WithStatus(StatusCodes.Status400BadRequest);
        }

        await links.AddManualAsync(form.RequirementId!.Value, target!.StandardId, target.ClauseId, User.Id(), cancellationToken);
        TempData["Status"] = Sv("Länken är tillagd och godkänd.");
        return Redirect(SuggestionsViewModel.Link(id, page));
    }

    [HttpGet("/upphandlingar/{id:guid}/tackning")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> Coverage(Guid id, CancellationToken cancellationToken) =>
        View(await CoverageAsync(id, new ConflictForm(), cancellationToken));

    [HttpGet("/upphandlingar/{id:guid}/tackning.xlsx")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> CoverageXlsx(Guid id, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        var report = await coverage.ReportAsync(id, cancellationToken);
        var rows = report.Standards.SelectMany(s => s.Clauses.Select(c => new CoverageSheetRow(
            s.Id, s.Name, c.ClauseId, c.Text,
            c.IsCovered ? l["Täckt"] : c.BorOnly.Count > 0 ? l["Lucka – endast bör-krav"] : l["Lucka"],
            string.Join("; ", c.Covering.Select(r => $"{r.CodeWithVersion} {r.Title}")),
            string.Join("; ", c.BorOnly.Select(r => $"{r.CodeWithVersion} {r.Title}")),
            string.Join("; ", c.Conflicts.Select(k => $"{k.CodeWithVersion}: {k.Rationale}"))))).ToList();
        var sheet = new CoverageSheet(
            l["Täckning"],
            l["Täckning av standarder – {0} {1}", scope.Reference, scope.Title],
            l["{0} avsnitt täckta, {1} luckor, {2} konflikter.", report.Covered, report.Gaps, report.Conflicts],
            [l["Standard"], l["Namn"], l["Avsnitt"], l["Vad avsnittet kräver"], l["Status"], l["Täcks av (ska-krav, kvalificeringskrav, kontraktsvillkor)"], l["Bör-krav (räknas inte)"], l["Konflikter"]],
            rows);
        return File(CoverageWorkbook.Xlsx(sheet), CoverageWorkbook.ContentType, $"tackning-{scope.Reference}.xlsx");
    }

    [HttpPost("/upphandlingar/{id:guid}/tackning/konflikter")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> FlagConflict(Guid id, [Bind(Prefix = "Conflict")] ConflictForm form, CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        var model = await CoverageAsync(id, form, cancellationToken);
        var target = CheckTarget("Conflict", form, model.Requirements.Select(r => r.Id),
            t => model.Report.Clauses.Any(c => c.StandardId == t.StandardId && c.ClauseId == t.ClauseId));

        if (!ModelState.IsValid)
        {
            return View(nameof(Coverage), model).WithStatus(StatusCodes.Status400BadRequest);
        }

        await coverage.FlagConflictAsync(form.RequirementId!.Value, target!.StandardId, target.ClauseId, form.Rationale.Trim(), User.Id(), cancellationToken);
        TempData["Status"] = Sv("Konflikten är registrerad.");
        return Redirect($"/upphandlingar/{id}/tackning#konflikter");
    }

    [HttpPost("/upphandlingar/{id:guid}/tackning/konflikter/{konfliktId:guid}/los")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> ResolveConflict(Guid id, Guid konfliktId, CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        if (!await coverage.ResolveConflictAsync(id, konfliktId, User.Id(), cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = Sv("Konflikten är markerad som löst.");
        return Redirect($"/upphandlingar/{id}/tackning#konflikter");
    }

    /// <summary>
    /// The requirement × clause a form names, checked against what the page offered; errors go under the form's
    /// <paramref name="prefix"/>. Null when the form is invalid.
    /// </summary>
    private ClauseTarget? CheckTarget(string prefix, RequirementClauseForm form, IEnumerable<Guid> requirements, Func<ClauseTarget, bool> offered)
    {
        var target = ModelState.IsValid ? ClauseTarget.Parse(form.Clause) : null;
        if (ModelState.IsValid && !requirements.Contains(form.RequirementId ?? Guid.Empty))
        {
            ModelState.AddModelError(prefix + ".RequirementId", l["Välj ett krav i listan."]);
        }

        if (ModelState.IsValid && (target is null || !offered(target)))
        {
            ModelState.AddModelError(prefix + ".Clause", l["Välj ett avsnitt av en tillämplig standard i listan."]);
        }

        return target;
    }

    /// <summary>Links and conflicts are part of the specification: once it is published they no longer change here.</summary>
    private ViewResult? Closed() =>
        HttpContext.Procurement().Phase.SpecificationEditable()
            ? null
            : this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);

    /// <summary>The page a form was sent from (its hidden "sida"): navigation only, so anything unreadable is page 1.</summary>
    private static int PageOf(string? sida) => int.TryParse(sida, out var page) ? page : 1;

    /// <summary>
    /// One page of the suggestions: <see cref="RequirementsPerPage"/> requirements with their links; the counts are the
    /// procurement's. Every requirement is still offered in the manual form's list (one control, not one row each).
    /// </summary>
    private async Task<SuggestionsViewModel> SuggestionsAsync(Guid id, int page, ManualLinkForm form, CancellationToken cancellationToken)
    {
        var applicable = await links.ApplicableAsync(id, cancellationToken);
        var catalogue = (await standards.ListAsync(cancellationToken)).Where(s => applicable.Contains(s.Id)).ToList();
        var requirements = await RequirementsAsync(id, cancellationToken);
        page = Math.Clamp(page, 1, SuggestionsViewModel.PagesFor(requirements.Count));
        var shown = requirements.Skip((page - 1) * RequirementsPerPage).Take(RequirementsPerPage).ToList();
        return new SuggestionsViewModel(
            requirements,
            shown,
            (await links.ForRequirementsAsync(shown.Select(r => r.Id).ToList(), cancellationToken)).ToLookup(k => k.RequirementId),
            catalogue,
            await standards.ClausesAsync(applicable, cancellationToken),
            form,
            await links.CountsAsync(id, cancellationToken),
            page);
    }

    private async Task<CoverageViewModel> CoverageAsync(Guid id, ConflictForm form, CancellationToken cancellationToken) =>
        new(await coverage.ReportAsync(id, cancellationToken), await RequirementsAsync(id, cancellationToken), form);

    private Task<IReadOnlyList<RequirementSummary>> RequirementsAsync(Guid id, CancellationToken cancellationToken) =>
        session.QueryAsync<RequirementSummary>(
            """
            SELECT r.id, r.code, r.version, r.kind, r.title, r.text FROM requirements r
            LEFT JOIN procurement_categories c ON c.id = r.category_id
            WHERE r.procurement_id = @id AND r.status <> 'Removed'
            ORDER BY r.section, c.number, r.position
            """, new { id }, cancellationToken);
}

/// <summary>A clause as the forms name it: "STANDARD|CLAUSE".</summary>
public sealed record ClauseTarget(string StandardId, string ClauseId)
{
    public static string Value(string standardId, string clauseId) => $"{standardId}|{clauseId}";

    public static ClauseTarget? Parse(string? value) =>
        value?.Split('|') is [var standard, var clause] && standard.Length > 0 && clause.Length > 0 ? new ClauseTarget(standard, clause) : null;
}

/// <summary>A requirement and a clause ("STANDARD|CLAUSE", see <see cref="ClauseTarget"/>) picked on a form.</summary>
public abstract class RequirementClauseForm
{
    [Required(ErrorMessage = "Välj ett krav.")]
    [Display(Name = "Krav")]
    public Guid? RequirementId { get; set; }

    [Required(ErrorMessage = "Välj ett avsnitt.")]
    [StringLength(100, ErrorMessage = "Välj ett avsnitt av en tillämplig standard i listan.")]
    [Display(Name = "Standard och avsnitt")]
    public string? Clause { get; set; }
}

/// <summary>A link an officer makes by hand.</summary>
public sealed class ManualLinkForm : RequirementClauseForm;

/// <summary>A conflict an officer flags, with the rationale.</summary>
public sealed class ConflictForm : RequirementClauseForm
{
    [Required(ErrorMessage = "Skriv varför kravet strider mot avsnittet.")]
    [StringLength(2000, ErrorMessage = "Motiveringen får ha högst 2 000 tecken.")]
    [Display(Name = "Motivering")]
    public string Rationale { get; set; } = "";
}

/// <summary>The applicable-standards form: the catalogue, the ticked standards and the version they are based on.</summary>
public sealed record ApplicableViewModel(IReadOnlyList<StandardRow> Catalogue, IReadOnlyList<string> Applicable, int Version);

/// <summary>A stale save: what is saved now (and who saved it), beside the officer's own choice in <see cref="Form"/>.</summary>
public sealed record ApplicableConflictViewModel(ApplicableViewModel Form, IReadOnlyList<string> Saved, DeclarationRow? SavedBy);

public sealed record SuggestionsViewModel(
    IReadOnlyList<RequirementSummary> Requirements,
    IReadOnlyList<RequirementSummary> Shown,
    ILookup<Guid, LinkRow> Links,
    IReadOnlyList<StandardRow> Applicable,
    IReadOnlyList<ClauseRow> Clauses,
    ManualLinkForm Manual,
    LinkCounts Counts,
    int Page)
{
    /// <summary>The address of one page of the suggestions.</summary>
    public static string Link(Guid procurementId, int page) =>
        page > 1 ? $"/upphandlingar/{procurementId}/lankforslag?sida={page}" : $"/upphandlingar/{procurementId}/lankforslag";

    /// <summary>How many pages a number of requirements fills (at least one).</summary>
    public static int PagesFor(int requirements) =>
        Math.Max(1, (requirements + StandardLinksController.RequirementsPerPage - 1) / StandardLinksController.RequirementsPerPage);

    public int Pages => PagesFor(Requirements.Count);

    /// <summary>The position of the page's first requirement in the whole list (1-based; 0 when there are none).</summary>
    public int First => Shown.Count == 0 ? 0 : ((Page - 1) * StandardLinksController.RequirementsPerPage) + 1;

    public int Last => First == 0 ? 0 : First + Shown.Count - 1;

    /// <summary>Suggestions on this page still waiting for a decision (what the bulk buttons can act on).</summary>
    public int OpenOnPage => Links.SelectMany(g => g).Count(k => k.Status == LinkStatus.Suggested);
}

public sealed record CoverageViewModel(CoverageReport Report, IReadOnlyList<RequirementSummary> Requirements, ConflictForm Conflict);
