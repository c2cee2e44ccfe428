using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Merging;
using Procurement.Domain.Procurements;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.Specification;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Merging;

/// <summary>
/// Officers turn the municipalities' needs into requirements: the background analysis suggests groups of
/// near-duplicates; each group is accepted as one new requirement, merged into an existing one, or rejected.
/// </summary>
public sealed class MergingController(
    MergeRunStore runs,
    SuggestionStore suggestions,
    MergeStore merges,
    RequirementStore requirements,
    ProcurementStore procurements,
    MergeAnalysisRunner runner,
    StandardLinks.StandardLinkStore standardLinks,
    Data.DbSession session,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PreviewSources = 3;

    [HttpGet("/upphandlingar/{id:guid}/sammanforing")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Index(Guid id, [FromQuery(Name = "sida")] int page = 1, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var run = await runs.LatestAsync(id, cancellationToken);
        var (rows, total) = await suggestions.OpenAsync(id, (page - 1) * SuggestionStore.PageSize, cancellationToken);
        return View(new MergingViewModel(run, run is null ? null : runner.Progress(run.Id), rows,
            await suggestions.PreviewAsync(id, rows, PreviewSources, cancellationToken), total, page,
            await merges.RecentAsync(id, 20, cancellationToken)));
    }

    [HttpPost("/upphandlingar/{id:guid}/sammanforing/analys")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Analyse(Guid id, CancellationToken cancellationToken)
    {
        if (!HttpContext.Procurement().Phase.AcceptsMergeAnalysis())
        {
            return this.PhaseClosed(l["Behoven analyseras under insamlingen och sammanställningen."]);
        }

        var (runId, started) = await runs.StartAsync(id, User.Id(), cancellationToken);
        if (started)
        {
            session.AfterCommit(() => runner.Enqueue(id, runId));
        }

        TempData["Status"] = started ? Sv("Analysen har startat. Du kan arbeta vidare under tiden.") : Sv("En analys pågår redan.");
        return Redirect($"/upphandlingar/{id}/sammanforing");
    }

    [HttpGet("/upphandlingar/{id:guid}/sammanforing/analys/{runId:guid}/status")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Status(Guid id, Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(id, runId, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }

        var progress = runner.Progress(runId);
        return Json(new { status = run.Status, queued = progress?.Queued ?? false, processed = progress?.Done ?? run.ItemCount, total = progress?.Total ?? run.ItemCount });
    }

    [HttpGet("/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Suggestion(Guid id, Guid forslagId, CancellationToken cancellationToken)
    {
        var suggestion = await suggestions.GetAsync(id, forslagId, cancellationToken);
        return suggestion is null ? NotFound() : View(await SuggestionViewAsync(id, suggestion, null, null, cancellationToken, posted: false));
    }

    [HttpPost("/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/nytt-krav")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> AcceptAsNew(Guid id, Guid forslagId, [Bind(Prefix = "Form")] RequirementForm form,
        [FromForm(Name = "behov")] List<Guid>? chosen, CancellationToken cancellationToken)
    {
        var (suggestion, refusal) = await ActionableAsync(id, forslagId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var data = form.ToData(ModelState, l, await procurements.CategoriesAsync(id, cancellationToken), reasonRequired: false);
        var free = await FreeChosenAsync(id, forslagId, chosen, cancellationToken);
        if (data is null || free.Count == 0)
        {
            return View(nameof(Suggestion), await SuggestionViewAsync(id, suggestion, form, chosen, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (!await suggestions.DecideAsync(id, forslagId, "Accepted", User.Id(), cancellationToken))
        {
            return Decided();
        }

        var reason = string.IsNullOrWhiteSpace(form.Reason) ? $"Sammanfört från {free.Count} behov" : form.Reason.Trim();
        var requirementId = await requirements.CreateAsync(id, data, User.Id(), reason, cancellationToken);
        await MergeAllAsync(id, requirementId, forslagId, createdRequirement: true, free, cancellationToken);
        await standardLinks.SuggestAsync(id, User.Id(), requirementId, cancellationToken);
        TempData["Status"] = Sv("Behoven är sammanförda till ett nytt krav.");
        return Redirect($"/upphandlingar/{id}/krav/{requirementId}#ursprung");
    }

    [HttpPost("/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/befintligt-krav")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> MergeIntoExisting(Guid id, Guid forslagId, [FromForm(Name = "krav")] Guid? requirementId,
        [FromForm(Name = "behov")] List<Guid>? chosen, CancellationToken cancellationToken)
    {
        var (suggestion, refusal) = await ActionableAsync(id, forslagId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var target = requirementId is { } rid ? await requirements.GetAsync(id, rid, cancellationToken) : null;
        if (target is null || target.Status == RequirementStatus.Removed)
        {
            ModelState.AddModelError("krav", l["Välj ett krav i listan att sammanföra behoven med."]);
        }

        var free = await FreeChosenAsync(id, forslagId, chosen, cancellationToken);
        if (!ModelState.IsValid || free.Count == 0)
        {
            return View(nameof(Suggestion), await SuggestionViewAsync(id, suggestion, null, chosen, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (!await suggestions.DecideAsync(id, forslagId, "Accepted", User.Id(), cancellationToken))
        {
            return Decided();
        }

        await MergeAllAsync(id, target!.Id, forslagId, createdRequirement: false, free, cancellationToken);
        TempData["Status"] = Sv("Behoven är sammanförda med kravet.");
        return Redirect($"/upphandlingar/{id}/krav/{target.Id}#ursprung");
    }

    [HttpPost("/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/avvisa")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Reject(Guid id, Guid forslagId, CancellationToken cancellationToken)
    {
        var (suggestion, refusal) = await ActionableAsync(id, forslagId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await suggestions.DecideAsync(id, forslagId, "Rejected", User.Id(), cancellationToken))
        {
            return Decided();
        }

        TempData["Status"] = Sv("Förslaget är avvisat. De här behoven föreslås inte tillsammans igen.");
        return Redirect($"/upphandlingar/{id}/sammanforing");
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/ursprung/dela")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Split(Guid id, Guid kravId, [FromForm(Name = "behov")] List<Guid>? chosen, CancellationToken cancellationToken)
    {
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        if (requirement is null)
        {
            return NotFound();
        }

        if (!HttpContext.Procurement().Phase.AcceptsMerging())
        {
            return this.PhaseClosed(l["Behov sammanförs och delas upp i fasen Sammanställning."]);
        }

        if (chosen is not { Count: > 0 })
        {
            TempData["Status"] = Sv("Markera de behov som ska brytas ut ur kravet.");
            return Redirect($"/upphandlingar/{id}/krav/{kravId}#ursprung");
        }

        var removed = await merges.SplitAsync(kravId, chosen, User.Id(), cancellationToken);
        TempData["Status"] = removed == 0
            ? Sv("Behoven hörde inte längre till kravet.")
            : Sv("De markerade behoven är utbrutna ur kravet och kommer med i nästa analys.");
        return Redirect($"/upphandlingar/{id}/krav/{kravId}#ursprung");
    }

    [HttpPost("/upphandlingar/{id:guid}/sammanforing/{mergeId:guid}/angra")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Undo(Guid id, Guid mergeId, CancellationToken cancellationToken)
    {
        var merge = await merges.GetAsync(id, mergeId, cancellationToken);
        if (merge is null)
        {
            return NotFound();
        }

        if (!HttpContext.Procurement().Phase.AcceptsMerging())
        {
            return this.PhaseClosed(l["Behov sammanförs och delas upp i fasen Sammanställning."]);
        }

        // The requirement the merge made, when no other merge feeds it: undoing the merge removes it too — but not
        // while it holds what others have added since.
        var orphan = merge.UndoneAt is null && merge.CreatedRequirement && !await merges.HasActiveSourcesAsync(merge.RequirementId, merge.Id, cancellationToken)
            && await requirements.GetAsync(id, merge.RequirementId, cancellationToken) is { Status: not RequirementStatus.Removed } made
            ? made : null;
        if (orphan is not null)
        {
            var activity = await merges.ActivityAsync(orphan.Id, User.Id(), cancellationToken);
            if (activity.Any)
            {
                await merges.UndoRefusedAsync(merge, activity, User.Id(), cancellationToken);
                return View("UndoRefused", new UndoRefusedViewModel(merge, activity)).WithStatus(StatusCodes.Status409Conflict);
            }
        }

        if (!await merges.UndoAsync(merge, User.Id(), cancellationToken))
        {
            return Decided();
        }

        if (orphan is not null)
        {
            // It goes with the merge, as a new version, so its history stays.
            await requirements.UpdateAsync(orphan, orphan.Version, orphan.ToData() with { Status = RequirementStatus.Removed },
                User.Id(), Sv("Sammanförandet ångrades"), cancellationToken);
        }

        TempData["Status"] = Sv("Sammanförandet är ångrat. Behoven är fria igen och kommer med i nästa analys.");
        return Redirect($"/upphandlingar/{id}/sammanforing");
    }

    /// <summary>The suggestion when the officer may act on it now; otherwise why not (404, the phase's 409 page, or already decided).</summary>
    private async Task<(SuggestionRow Suggestion, IActionResult? Refusal)> ActionableAsync(Guid id, Guid suggestionId, CancellationToken cancellationToken)
    {
        var suggestion = await suggestions.GetAsync(id, suggestionId, cancellationToken);
        if (suggestion is null)
        {
            return (null!, NotFound());
        }

        if (!HttpContext.Procurement().Phase.AcceptsMerging())
        {
            return (suggestion, this.PhaseClosed(l["Behov sammanförs och delas upp i fasen Sammanställning."]));
        }

        return (suggestion, suggestion.Status == "Open" ? null : Decided());
    }

    /// <summary>Merges exactly the needs checked as free; if one was taken meanwhile the whole request rolls back (409).</summary>
    private async Task MergeAllAsync(Guid id, Guid requirementId, Guid suggestionId, bool createdRequirement, IReadOnlyList<Guid> free, CancellationToken cancellationToken)
    {
        var (_, merged) = await merges.MergeAsync(id, requirementId, suggestionId, createdRequirement, free, User.Id(), cancellationToken);
        if (merged.Count != free.Count)
        {
            throw new ConflictException("A need of the group was merged or withdrawn meanwhile.");
        }
    }

    private ViewResult Decided() =>
        View("Decided").WithStatus(StatusCodes.Status409Conflict);

    /// <summary>The chosen needs that belong to the suggestion and are still free; an error in ModelState when none are.</summary>
    private async Task<IReadOnlyList<Guid>> FreeChosenAsync(Guid procurementId, Guid suggestionId, List<Guid>? chosen, CancellationToken cancellationToken)
    {
        var members = await suggestions.MembersAsync(suggestionId, cancellationToken);
        var free = members.Where(m => m.IsFree && (chosen ?? []).Contains(m.Id)).Select(m => m.Id).ToList();
        if (free.Count == 0)
        {
            ModelState.AddModelError("behov", chosen is { Count: > 0 }
                ? l["De markerade behoven är redan sammanförda med andra krav."]
                : l["Markera minst ett behov att sammanföra."]);
        }

        return free;
    }

    private async Task<SuggestionViewModel> SuggestionViewAsync(Guid id, SuggestionRow suggestion, RequirementForm? form, List<Guid>? chosen, CancellationToken cancellationToken,
        bool posted = true)
    {
        var members = await suggestions.MembersAsync(suggestion.Id, cancellationToken);
        var free = members.Where(m => m.IsFree).ToList();
        if (form is null)
        {
            var draft = ConsolidatedDraft.From(
                (free.Count > 0 ? free : members).Select(m => new MergeSource(m.Id.ToString(), m.OrganisationId.ToString(), m.Text, m.SuggestedKind, m.Motiv, m.CategoryId?.ToString())).ToList(),
                NearDuplicateClusterer.Swedish.Similarity);
            form = new RequirementForm
            {
                Section = Domain.Requirements.SpecificationSection.Specification,
                CategoryId = draft.CategoryId is { } c ? Guid.Parse(c) : null,
                Kind = draft.Kind,
                Title = draft.Title,
                Text = draft.Text,
                Motiv = draft.Motiv,
                Status = RequirementStatus.Draft,
            };
        }

        var all = await requirements.ListAsync(id, cancellationToken);
        // First view: every free need ticked. A form sent back: exactly what the officer ticked (maybe nothing).
        var ticked = posted ? chosen ?? [] : free.Select(m => m.Id).ToList();
        return new SuggestionViewModel(suggestion, members, ticked.ToHashSet(),
            new RequirementEditor(form, await procurements.CategoriesAsync(id, cancellationToken), null),
            all.Where(r => r.Status != RequirementStatus.Removed).ToList());
    }
}

public sealed record MergingViewModel(
    MergeRunRow? Run,
    AnalysisProgress? Progress,
    IReadOnlyList<SuggestionRow> Suggestions,
    ILookup<Guid, SourceRow> Previews,
    int Total,
    int Page,
    IReadOnlyList<MergeRow> Merges)
{
    public int Pages => Math.Max(1, (Total + SuggestionStore.PageSize - 1) / SuggestionStore.PageSize);
}

public sealed record UndoRefusedViewModel(MergeRow Merge, RequirementActivity Activity);

public sealed record SuggestionViewModel(
    SuggestionRow Suggestion,
    IReadOnlyList<SourceRow> Members,
    IReadOnlySet<Guid> Chosen,
    RequirementEditor Editor,
    IReadOnlyList<RequirementRow> Requirements);
