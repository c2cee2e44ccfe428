using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Identity;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Standards;

/// <summary>
/// The catalogue of standards that requirements are checked against. Officers read it; administrators add
/// standards and change them and their clauses, each change a new version with a reason.
/// </summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.ProcurementOfficer}")]
public sealed class StandardsController(StandardStore standards, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/standarder")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await standards.ListAsync(cancellationToken));

    [HttpGet("/standarder/{standardId}")]
    public async Task<IActionResult> Details(string standardId, CancellationToken cancellationToken)
    {
        var standard = await standards.GetAsync(standardId, cancellationToken);
        return standard is null ? NotFound() : View(new StandardDetailsViewModel(standard, await standards.VersionsAsync(standard.Id, cancellationToken)));
    }

    [Authorize(Roles = Roles.Administrator)]
    [HttpGet("/standarder/ny")]
    public IActionResult New() => View(new StandardForm().WithSlots());

    [Authorize(Roles = Roles.Administrator)]
    [HttpPost("/standarder/ny")]
    [HandlesInvalidModel]
    public async Task<IActionResult> New(StandardForm form, CancellationToken cancellationToken)
    {
        var id = form.NormalisedId(ModelState, l);
        var data = form.ToData(ModelState, l, reasonRequired: false);
        if (id is not null && await standards.ExistsAsync(id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Id), l["Det finns redan en standard med id {0}.", id]);
        }

        if (!ModelState.IsValid || id is null || data is null)
        {
            return View(form.WithSlots()).WithStatus(StatusCodes.Status400BadRequest);
        }

        await standards.CreateAsync(id, data, User.Id(), string.IsNullOrWhiteSpace(form.Reason) ? "Ny standard" : form.Reason.Trim(), cancellationToken);
        TempData["Status"] = Sv("Standarden är tillagd i katalogen.");
        return RedirectToAction(nameof(Details), new { standardId = id });
    }

    [Authorize(Roles = Roles.Administrator)]
    [HttpGet("/standarder/{standardId}/redigera")]
    public async Task<IActionResult> Edit(string standardId, CancellationToken cancellationToken)
    {
        var standard = await standards.GetAsync(standardId, cancellationToken);
        return standard is null ? NotFound() : View(new StandardEditor(StandardForm.From(standard), standard));
    }

    [Authorize(Roles = Roles.Administrator)]
    [HttpPost("/standarder/{standardId}/redigera")]
    [HandlesInvalidModel]
    public async Task<IActionResult> Edit(string standardId, StandardForm form, CancellationToken cancellationToken)
    {
        var current = await standards.GetAsync(standardId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        var data = form.ToData(ModelState, l, reasonRequired: true);
        if (data is null)
        {
            return View(new StandardEditor(form.WithSlots(), current)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (form.Version != current.Version || !await standards.UpdateAsync(current, form.Version, data, User.Id(), form.Reason!.Trim(), cancellationToken))
        {
            // Someone saved a newer version meanwhile. Nothing typed is lost: their version beside the form as it was sent;
            // saving again from here replaces theirs knowingly.
            var theirs = (await standards.GetAsync(standardId, cancellationToken))!;
            form.Version = theirs.Version;
            ModelState.Clear();
            return View("Conflict", new StandardEditor(form.WithSlots(), theirs)).WithStatus(StatusCodes.Status409Conflict);
        }

        TempData["Status"] = Sv("Standarden är sparad som en ny version.");
        return RedirectToAction(nameof(Details), new { standardId = current.Id });
    }
}

public sealed record StandardDetailsViewModel(StandardRow Standard, IReadOnlyList<StandardVersionRow> Versions);

public sealed record StandardEditor(StandardForm Form, StandardRow Existing);

public static class StandardLabels
{
    public static string Kind(string kind) => StandardForm.Kinds.FirstOrDefault(k => k.Value == kind).Label ?? kind;
}
