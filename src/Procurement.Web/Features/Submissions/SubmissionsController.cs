using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Procurements;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.Specification;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Submissions;

/// <summary>
/// Needs ("behov") from the participating municipalities and regions. Everyone in the workspace sees them
/// all; an organisation sends, changes and withdraws only its own, and only while collection is open.
/// </summary>
public sealed class SubmissionsController(
    SubmissionStore submissions,
    ProcurementStore procurements,
    SupportStore supports,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const int PageSize = 50;

    [HttpGet("/upphandlingar/{id:guid}/behov")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Index(Guid id, [FromQuery(Name = "vem")] string? who, [FromQuery(Name = "sida")] int page = 1, CancellationToken cancellationToken = default)
    {
        var mine = who == "mina" && HttpContext.Procurement().Access.IsParticipant;
        page = Math.Clamp(page, 1, 10_000);
        var (rows, total) = await submissions.PageAsync(id, mine ? User.OrganisationId() : null, (page - 1) * PageSize, PageSize, cancellationToken);
        return View(new SubmissionListViewModel(rows, total, page, PageSize, mine, User.OrganisationId()));
    }

    [HttpGet("/upphandlingar/{id:guid}/behov/nytt")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> New(Guid id, CancellationToken cancellationToken) =>
        Refusal() ?? View(new SubmissionEditor(new SubmissionForm(), await procurements.CategoriesAsync(id, cancellationToken), null));

    [HttpPost("/upphandlingar/{id:guid}/behov/nytt")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    [HandlesInvalidModel]
    public async Task<IActionResult> New(Guid id, [Bind(Prefix = "Form")] SubmissionForm form, CancellationToken cancellationToken)
    {
        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        var categories = await procurements.CategoriesAsync(id, cancellationToken);
        var data = form.ToData(ModelState, l, categories);
        if (data is null)
        {
            return View(new SubmissionEditor(form, categories, null)).WithStatus(StatusCodes.Status400BadRequest);
        }

        await submissions.CreateAsync(id, User.OrganisationId(), User.Id(), data, cancellationToken);
        TempData["Status"] = Sv("Behovet är skickat. Det syns nu för inköpscentralen och de andra deltagarna.");
        return Redirect($"/upphandlingar/{id}/behov?vem=mina");
    }

    [HttpGet("/upphandlingar/{id:guid}/behov/{behovId:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Edit(Guid id, Guid behovId, CancellationToken cancellationToken)
    {
        var (submission, problem) = await OwnAsync(id, behovId, cancellationToken);
        return problem ?? View(new SubmissionEditor(SubmissionForm.From(submission!), await procurements.CategoriesAsync(id, cancellationToken), submission));
    }

    [HttpPost("/upphandlingar/{id:guid}/behov/{behovId:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Edit(Guid id, Guid behovId, [Bind(Prefix = "Form")] SubmissionForm form, CancellationToken cancellationToken)
    {
        var (submission, problem) = await OwnAsync(id, behovId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var categories = await procurements.CategoriesAsync(id, cancellationToken);
        var data = form.ToData(ModelState, l, categories);
        if (data is null)
        {
            return View(new SubmissionEditor(form, categories, submission)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (form.Version != submission!.Version || !await submissions.UpdateAsync(submission, form.Version, data, User.Id(), cancellationToken))
        {
            // A colleague changed it meanwhile: keep what was typed, show theirs, let the user decide.
            var theirs = (await submissions.GetAsync(id, behovId, cancellationToken))!;
            form.Version = theirs.Version;
            ModelState.AddModelError("", l["En kollega ändrade behovet medan du skrev. Den sparade texten är: \"{0}\". Din text finns kvar i formuläret; spara igen för att ersätta den.", theirs.Text]);
            return View(new SubmissionEditor(form, categories, theirs)).WithStatus(StatusCodes.Status409Conflict);
        }

        TempData["Status"] = Sv("Behovet är ändrat.");
        return Redirect($"/upphandlingar/{id}/behov?vem=mina");
    }

    [HttpPost("/upphandlingar/{id:guid}/behov/{behovId:guid}/aterkalla")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Withdraw(Guid id, Guid behovId, CancellationToken cancellationToken)
    {
        var (submission, problem) = await OwnAsync(id, behovId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await submissions.WithdrawAsync(submission!, User.Id(), cancellationToken);
        TempData["Status"] = Sv("Behovet är återkallat.");
        return Redirect($"/upphandlingar/{id}/behov?vem=mina");
    }

    [HttpPost("/upphandlingar/{id:guid}/behov/{behovId:guid}/stod")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Support(Guid id, Guid behovId, [FromForm(Name = "kommentar")][StringLength(2000)] string? comment, CancellationToken cancellationToken)
    {
        var submission = await submissions.GetAsync(id, behovId, cancellationToken);
        if (submission is null || submission.Status != "Active")
        {
            return NotFound(); // a withdrawn need is no longer in the list and cannot gather support
        }

        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        if (submission.OrganisationId == User.OrganisationId())
        {
            TempData["Status"] = Sv("Det är ert eget behov; stöd lämnas till andras.");
            return Redirect($"/upphandlingar/{id}/behov");
        }

        var added = await supports.AddAsync(id, SupportTarget.Submission(behovId), User.OrganisationId(), string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), User.Id(), cancellationToken);
        TempData["Status"] = added ? Sv("Ert stöd är registrerat.") : Sv("Er organisation stöder redan behovet.");
        return Redirect($"/upphandlingar/{id}/behov#behov-{behovId}");
    }

    /// <summary>Why this user may not send or change needs now, or null when they may.</summary>
    private IActionResult? Refusal() => this.ContributionRefusal(l["Insamlingen är avslutad: behov kan inte längre lämnas, ändras eller stödjas."]);

    /// <summary>The need if it is this organisation's own and may still change; otherwise the answer to give.</summary>
    private async Task<(SubmissionRow? Submission, IActionResult? Problem)> OwnAsync(Guid id, Guid submissionId, CancellationToken cancellationToken)
    {
        var submission = await submissions.GetAsync(id, submissionId, cancellationToken);
        if (submission is null || submission.Status != "Active")
        {
            return (null, NotFound());
        }

        if (submission.OrganisationId != User.OrganisationId())
        {
            return (null, Forbid()); // another municipality's need
        }

        return (submission, Refusal());
    }
}

public sealed record SubmissionEditor(SubmissionForm Form, IReadOnlyList<CategoryRow> Categories, SubmissionRow? Existing);

public sealed record SubmissionListViewModel(IReadOnlyList<SubmissionRow> Rows, int Total, int Page, int PageSize, bool Mine, Guid MyOrganisationId)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
