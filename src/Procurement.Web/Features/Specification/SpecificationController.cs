using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Procurements;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.StandardLinks;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Specification;

/// <summary>
/// The shared specification. Everyone in the workspace reads it, supports requirements and discusses them;
/// only officers of the owning body change it, and every change is a new version with a reason.
/// </summary>
public sealed class SpecificationController(
    RequirementStore requirements,
    ProcurementStore procurements,
    SupportStore supports,
    CommentStore comments,
    StandardLinkStore standardLinks,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/upphandlingar/{id:guid}/krav")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Index(Guid id, CancellationToken cancellationToken) =>
        View(new SpecificationViewModel(await requirements.ListAsync(id, cancellationToken), await procurements.CategoriesAsync(id, cancellationToken)));

    [HttpGet("/upphandlingar/{id:guid}/krav/nytt")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> New(Guid id, SpecificationSection? avsnitt, Guid? kategori, CancellationToken cancellationToken)
    {
        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        var form = new RequirementForm { Section = avsnitt ?? SpecificationSection.Specification, CategoryId = kategori, Kind = RequirementKind.Ska };
        return View(await EditorAsync(id, form, cancellationToken));
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/nytt")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> New(Guid id, [Bind(Prefix = "Form")] RequirementForm form, CancellationToken cancellationToken)
    {
        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        var categories = await procurements.CategoriesAsync(id, cancellationToken);
        var data = form.ToData(ModelState, l, categories, reasonRequired: false);
        if (data is null)
        {
            return View(await EditorAsync(id, form, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        var requirementId = await requirements.CreateAsync(id, data, User.Id(), string.IsNullOrWhiteSpace(form.Reason) ? "Nytt krav" : form.Reason.Trim(), cancellationToken);
        await standardLinks.SuggestAsync(id, User.Id(), requirementId, cancellationToken);
        TempData["Status"] = Sv("Kravet är tillagt.");
        return RedirectToAction(nameof(Details), new { id, kravId = requirementId });
    }

    [HttpGet("/upphandlingar/{id:guid}/krav/{kravId:guid}")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Details(Guid id, Guid kravId, CancellationToken cancellationToken)
    {
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        return requirement is null ? NotFound() : View(await DetailsAsync(requirement, cancellationToken));
    }

    [HttpGet("/upphandlingar/{id:guid}/krav/{kravId:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Edit(Guid id, Guid kravId, CancellationToken cancellationToken)
    {
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        if (requirement is null)
        {
            return NotFound();
        }

        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        return View(await EditorAsync(id, RequirementForm.From(requirement), cancellationToken, requirement));
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Edit(Guid id, Guid kravId, [Bind(Prefix = "Form")] RequirementForm form, CancellationToken cancellationToken)
    {
        var current = await requirements.GetAsync(id, kravId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        var data = form.ToData(ModelState, l, await procurements.CategoriesAsync(id, cancellationToken), reasonRequired: true);
        if (data is null)
        {
            return View(await EditorAsync(id, form, cancellationToken, current)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (form.Version != current.Version || !await requirements.UpdateAsync(current, form.Version, data, User.Id(), form.Reason!.Trim(), cancellationToken))
        {
            // Someone saved a newer version while this one was being written. Nothing typed is lost: show
            // both side by side; saving again from here replaces their version knowingly.
            var theirs = (await requirements.GetAsync(id, kravId, cancellationToken))!;
            form.Version = theirs.Version;
            ModelState.Clear();
            return View("Conflict", new ConflictViewModel(await EditorAsync(id, form, cancellationToken, theirs), theirs)).WithStatus(StatusCodes.Status409Conflict);
        }

        await standardLinks.SuggestAsync(id, User.Id(), kravId, cancellationToken);
        TempData["Status"] = Sv("Kravet är sparat som en ny version.");
        return RedirectToAction(nameof(Details), new { id, kravId });
    }

    [HttpGet("/upphandlingar/{id:guid}/krav/{kravId:guid}/historik")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> History(Guid id, Guid kravId, [FromQuery(Name = "fran")] int? from, [FromQuery(Name = "till")] int? to, CancellationToken cancellationToken)
    {
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        if (requirement is null)
        {
            return NotFound();
        }

        var versions = await requirements.VersionsAsync(kravId, cancellationToken);
        var newer = versions.FirstOrDefault(v => v.Version == (to ?? requirement.Version)) ?? versions[^1];
        var older = versions.FirstOrDefault(v => v.Version == (from ?? newer.Version - 1)) ?? versions[0];
        if (older.Version > newer.Version)
        {
            (older, newer) = (newer, older);
        }

        return View(new HistoryViewModel(requirement, versions, older, newer));
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/flytta")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Move(Guid id, Guid kravId, [FromForm(Name = "riktning")] string? direction, CancellationToken cancellationToken)
    {
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        if (requirement is null)
        {
            return NotFound();
        }

        if (direction is not ("upp" or "ned"))
        {
            return BadRequest();
        }

        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        await requirements.MoveAsync(requirement, up: direction == "upp", User.Id(), cancellationToken);
        return Redirect($"/upphandlingar/{id}/krav#krav-{kravId}");
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/numrera-om")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Renumber(Guid id, CancellationToken cancellationToken)
    {
        if (!HttpContext.Procurement().Phase.SpecificationEditable())
        {
            return this.PhaseClosed(l["Specifikationen är publicerad och kan inte längre ändras här."]);
        }

        var changed = await requirements.RenumberAsync(id, User.Id(), "Omnumrering", cancellationToken);
        TempData["Status"] = changed == 0 ? Sv("Numreringen stämde redan.") : Sv("Kraven är omnumrerade efter sin ordning.");
        return Redirect($"/upphandlingar/{id}/krav");
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/stod")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Support(Guid id, Guid kravId, [FromForm(Name = "kommentar")][StringLength(2000)] string? comment, CancellationToken cancellationToken)
    {
        if (await SupportRefusalAsync(id, kravId, l["Stöd kan bara lämnas under insamlingen."], cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var added = await supports.AddAsync(id, SupportTarget.Requirement(kravId), User.OrganisationId(), string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), User.Id(), cancellationToken);
        TempData["Status"] = added ? Sv("Ert stöd är registrerat.") : Sv("Er organisation stöder redan kravet.");
        return Redirect($"/upphandlingar/{id}/krav/{kravId}");
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/stod/ta-bort")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> RemoveSupport(Guid id, Guid kravId, CancellationToken cancellationToken)
    {
        if (await SupportRefusalAsync(id, kravId, l["Stöd kan bara ändras under insamlingen."], cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await supports.RemoveAsync(SupportTarget.Requirement(kravId), User.OrganisationId(), User.Id(), cancellationToken);
        TempData["Status"] = Sv("Ert stöd är borttaget.");
        return Redirect($"/upphandlingar/{id}/krav/{kravId}");
    }

    [HttpPost("/upphandlingar/{id:guid}/krav/{kravId:guid}/kommentarer")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Comment(Guid id, Guid kravId, [Bind(Prefix = "Comment")] CommentForm form, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        var requirement = await requirements.GetAsync(id, kravId, cancellationToken);
        if (requirement is null)
        {
            return NotFound();
        }

        if (!scope.Access.CanComment(scope.Phase))
        {
            return scope.Phase.AcceptsComments() ? Forbid() : this.PhaseClosed(l["Upphandlingen är publicerad; diskussionen är stängd."]);
        }

        if (ModelState.IsValid && !await comments.AddAsync(id, kravId, form.ReplyTo, form.Text.Trim(), User.OrganisationId(), User.Id(), cancellationToken))
        {
            ModelState.AddModelError("Comment.Text", l["Kommentaren du svarar på finns inte vid det här kravet."]);
        }

        if (!ModelState.IsValid)
        {
            var model = await DetailsAsync(requirement, cancellationToken);
            return View(nameof(Details), model with { Comment = form }).WithStatus(StatusCodes.Status400BadRequest);
        }

        TempData["Status"] = Sv("Kommentaren är publicerad.");
        return Redirect($"/upphandlingar/{id}/krav/{kravId}#kommentarer");
    }

    private async Task<RequirementEditor> EditorAsync(Guid id, RequirementForm form, CancellationToken cancellationToken, RequirementRow? existing = null) =>
        new(form, await procurements.CategoriesAsync(id, cancellationToken), existing);

    private async Task<RequirementDetailsViewModel> DetailsAsync(RequirementRow requirement, CancellationToken cancellationToken)
    {
        var supporters = await supports.ForRequirementAsync(requirement.Id, cancellationToken);
        return new RequirementDetailsViewModel(
            requirement,
            supporters,
            await comments.ForRequirementAsync(requirement.Id, cancellationToken),
            supporters.Any(s => s.OrganisationId == User.OrganisationId()),
            new CommentForm(),
            await standardLinks.AcceptedForRequirementAsync(requirement.Id, cancellationToken));
    }

    /// <summary>Why this user may not give or take back support of the requirement now, or null when they may.</summary>
    private async Task<IActionResult?> SupportRefusalAsync(Guid id, Guid requirementId, string closedMessage, CancellationToken cancellationToken)
    {
        return await requirements.GetAsync(id, requirementId, cancellationToken) is null ? NotFound() : this.ContributionRefusal(closedMessage);
    }
}

public sealed class CommentForm
{
    [Required(ErrorMessage = "Skriv en kommentar.")]
    [StringLength(4000, ErrorMessage = "Kommentaren får ha högst 4 000 tecken.")]
    [Display(Name = "Kommentar")]
    public string Text { get; set; } = "";

    public Guid? ReplyTo { get; set; }
}

public sealed record SpecificationViewModel(IReadOnlyList<RequirementRow> Requirements, IReadOnlyList<CategoryRow> Categories);

public sealed record RequirementEditor(RequirementForm Form, IReadOnlyList<CategoryRow> Categories, RequirementRow? Existing);

public sealed record ConflictViewModel(RequirementEditor Editor, RequirementRow Theirs);

public sealed record RequirementDetailsViewModel(
    RequirementRow Requirement,
    IReadOnlyList<SupportRow> Supports,
    IReadOnlyList<CommentRow> Comments,
    bool SupportedByMyOrganisation,
    CommentForm Comment,
    IReadOnlyList<LinkRow> StandardLinks);

public sealed record HistoryViewModel(RequirementRow Requirement, IReadOnlyList<RequirementVersionRow> Versions, RequirementVersionRow Older, RequirementVersionRow Newer);
