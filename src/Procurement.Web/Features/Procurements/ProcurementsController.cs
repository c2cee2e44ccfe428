using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Identity;
using Procurement.Domain.Procurements;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Localization;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Procurements;

/// <summary>Joint procurements: the list, creating and editing one, its overview and its phase.</summary>
public sealed class ProcurementsController(
    ProcurementStore procurements,
    IStringLocalizer<SharedResource> l) : Controller
{
    [Authorize(Roles = $"{Roles.Administrator},{Roles.ProcurementOfficer},{Roles.MunicipalityRepresentative}")]
    [HttpGet("/upphandlingar")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await procurements.ListAsync(User.OrganisationId(), all: User.IsInRole(Roles.Administrator), cancellationToken));

    [Authorize(Roles = Roles.ProcurementOfficer)]
    [HttpGet("/upphandlingar/ny")]
    public IActionResult New()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        return View(new ProcurementForm { ValidFrom = today.AddMonths(3), ValidUntil = today.AddMonths(3).AddYears(4) }.WithSlots());
    }

    [Authorize(Roles = Roles.ProcurementOfficer)]
    [HttpPost("/upphandlingar/ny")]
    [HandlesInvalidModel]
    public async Task<IActionResult> New(ProcurementForm form, CancellationToken cancellationToken)
    {
        var data = form.ToData(ModelState, l, categoriesInUse: []);
        if (data is not null && await procurements.ReferenceTakenAsync(data.Reference, except: null, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Reference), l["Det finns redan en upphandling med referensen {0}.", data.Reference]);
        }

        if (!ModelState.IsValid || data is null)
        {
            return View(form.WithSlots()).WithStatus(StatusCodes.Status400BadRequest);
        }

        var id = await procurements.CreateAsync(data, User.OrganisationId(), User.Id(), cancellationToken);
        TempData["Status"] = Sv("Upphandlingen är skapad. Bjud in kommuner och regioner när du är redo.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("/upphandlingar/{id:guid}")]
    [ProcurementAccess(ProcurementNeed.Overview)]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken) =>
        View(await OverviewAsync(id, cancellationToken));

    [HttpGet("/upphandlingar/{id:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        var details = (await procurements.GetAsync(id, cancellationToken))!;
        return View(ProcurementForm.From(details, await procurements.CategoriesAsync(id, cancellationToken), await procurements.PhasePlanAsync(id, cancellationToken)));
    }

    [HttpPost("/upphandlingar/{id:guid}/redigera")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Edit(Guid id, ProcurementForm form, CancellationToken cancellationToken)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        var data = form.ToData(ModelState, l, await procurements.CategoriesInUseAsync(id, cancellationToken));
        if (data is not null && await procurements.ReferenceTakenAsync(data.Reference, except: id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Reference), l["Det finns redan en upphandling med referensen {0}.", data.Reference]);
        }

        if (ModelState.IsValid && data is not null)
        {
            if (await procurements.UpdateAsync(id, form.Version, data, User.Id(), cancellationToken))
            {
                TempData["Status"] = Sv("Ändringarna är sparade.");
                return RedirectToAction(nameof(Details), new { id });
            }

            // Someone saved in between: keep everything typed, take their version as the new base.
            var current = (await procurements.GetAsync(id, cancellationToken))!;
            ModelState.AddModelError("", l["Upphandlingen ändrades av någon annan medan du skrev ({0}). Dina ändringar finns kvar nedan: jämför med översikten och spara igen.", current.UpdatedAt.ToDisplayTime()]);
            form.Version = current.Version;
            return View(form.WithSlots()).WithStatus(StatusCodes.Status409Conflict);
        }

        return View(form.WithSlots()).WithStatus(StatusCodes.Status400BadRequest);
    }

    [HttpPost("/upphandlingar/{id:guid}/fas")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> ChangePhase(Guid id, [FromForm(Name = "fran")] ProcurementPhase? from, [FromForm(Name = "till")] ProcurementPhase? to,
        [FromForm(Name = "skal")] string? reason, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        if (from is null || to is null || !Enum.IsDefined(from.Value) || !Enum.IsDefined(to.Value))
        {
            return BadRequest();
        }

        if (from != scope.Phase)
        {
            ModelState.AddModelError("", l["Fasen ändrades av någon annan medan du tittade. Se över läget och försök igen."]);
            return View(nameof(Details), await OverviewAsync(id, cancellationToken)).WithStatus(StatusCodes.Status409Conflict);
        }

        var refusal = PhaseChange.Check(await procurements.PhaseFactsAsync(id, scope.Phase, cancellationToken), to.Value, reason);
        if (refusal != PhaseChangeRefusal.None)
        {
            ModelState.AddModelError("", l[PhaseMessages.Refusal(refusal)]);
            return View(nameof(Details), await OverviewAsync(id, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (!await procurements.ChangePhaseAsync(id, from.Value, to.Value, reason?.Trim(), User.Id(), cancellationToken))
        {
            throw new ConflictException("The phase changed concurrently.");
        }

        TempData["Status"] = Sv("Fasen är ändrad.");
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A published procurement's details are part of what suppliers downloaded; they no longer change here.</summary>
    private ViewResult? Frozen() =>
        HttpContext.Procurement().Phase.SpecificationEditable()
            ? null
            : this.PhaseClosed(l["Upphandlingen är publicerad: uppgifterna kan inte längre ändras."]);

    private async Task<ProcurementOverview> OverviewAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        var details = (await procurements.GetAsync(id, cancellationToken))!;
        var facts = await procurements.PhaseFactsAsync(id, details.Phase, cancellationToken);
        var next = details.Phase == ProcurementPhase.Published ? (ProcurementPhase?)null : details.Phase + 1;
        return new ProcurementOverview(
            details,
            await procurements.CategoriesAsync(id, cancellationToken),
            await procurements.PhasePlanAsync(id, cancellationToken),
            scope.Access,
            facts,
            next,
            next is { } n ? PhaseChange.Check(facts, n, reason: null) : PhaseChangeRefusal.AlreadyPublished);
    }
}

public sealed record ProcurementOverview(
    ProcurementDetails Details,
    IReadOnlyList<CategoryRow> Categories,
    IReadOnlyList<PhasePlanRow> Plan,
    ProcurementAccess Access,
    PhaseChangeFacts Facts,
    ProcurementPhase? NextPhase,
    PhaseChangeRefusal NextRefusal);
