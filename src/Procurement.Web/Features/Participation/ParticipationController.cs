using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Data.Email;
using Procurement.Domain.Procurements;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Participation;

/// <summary>Inviting municipalities and regions, their answers, and the overview of who takes part.</summary>
public sealed class ParticipationController(
    ParticipationStore participation,
    EmailOutbox outbox,
    PublicLinks links,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/upphandlingar/{id:guid}/deltagare")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> Index(Guid id, [FromQuery(Name = "status")] string? status, [FromQuery(Name = "lan")] string? county, CancellationToken cancellationToken)
    {
        var all = await participation.OrganisationsAsync(id, cancellationToken);
        var shown = all.Where(o => o.Status is not null)
            .Where(o => status is null or "" || o.Status.ToString() == status)
            .Where(o => county is null or "" || o.CountyCode == county)
            .ToList();
        return View(new ParticipationOverview(all, shown, status, county));
    }

    [HttpGet("/upphandlingar/{id:guid}/deltagare/bjud-in")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    public async Task<IActionResult> Invite(Guid id, CancellationToken cancellationToken)
    {
        if (!HttpContext.Procurement().Phase.AcceptsInvitations())
        {
            return this.PhaseClosed(l["Inbjudningar kan bara göras under insamling och sammanställning."]);
        }

        return View(await participation.OrganisationsAsync(id, cancellationToken));
    }

    private static readonly string[] ListFields = ["organisationer", "lan"];

    [HttpPost("/upphandlingar/{id:guid}/deltagare/bjud-in")]
    [ProcurementAccess(ProcurementNeed.Manage)]
    [HandlesInvalidModel]
    public async Task<IActionResult> Invite(
        Guid id,
        [FromForm(Name = "allaKommuner")] bool allMunicipalities,
        [FromForm(Name = "allaRegioner")] bool allRegions,
        [FromForm(Name = "lan")] List<string>? counties,
        [FromForm(Name = "organisationer")] List<Guid>? organisations,
        CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        if (!scope.Phase.AcceptsInvitations())
        {
            return this.PhaseClosed(l["Inbjudningar kan bara göras under insamling och sammanställning."]);
        }

        var candidates = await participation.OrganisationsAsync(id, cancellationToken);
        var chosen = candidates
            .Where(o => (allMunicipalities && o.Kind == Domain.Organisations.OrganisationKind.Municipality)
                || (allRegions && o.IsRegion)
                || (counties?.Contains(o.CountyCode ?? "") ?? false)
                || (organisations?.Contains(o.OrganisationId) ?? false))
            .Select(o => o.OrganisationId)
            .ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("", l["Välj minst en kommun eller region, ett län eller någon av grupperna."]);
        }

        // A list value that could not be read belongs to no single field: say so at the top instead.
        var unreadable = ListFields.Where(key => ModelState[key]?.Errors.Count > 0).ToList();
        if (unreadable.Count > 0)
        {
            unreadable.ForEach(key => ModelState.Remove(key));
            ModelState.AddModelError("", l["Valet kunde inte läsas. Välj kommuner, regioner eller län i listan igen."]);
        }

        if (!ModelState.IsValid)
        {
            return View(candidates).WithStatus(StatusCodes.Status400BadRequest);
        }

        var invited = await participation.InviteAsync(id, chosen, User.Id(), cancellationToken);
        foreach (var email in await participation.RepresentativeEmailsAsync(invited, cancellationToken))
        {
            await outbox.EnqueueAsync(ParticipationEmails.Invited(email, scope.Title, scope.Reference, links.Absolute($"/upphandlingar/{id}")), cancellationToken);
        }

        TempData["Status"] = invited.Count == 0
            ? Sv("De valda organisationerna var redan inbjudna.")
            : Sv("Inbjudningarna är skickade.");
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpPost("/upphandlingar/{id:guid}/deltagande")]
    [ProcurementAccess(ProcurementNeed.Overview)]
    public async Task<IActionResult> Respond(Guid id, [FromForm(Name = "svar")] ParticipationStatus? answer, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        if (!scope.Access.CanRespondToInvitation)
        {
            return Forbid();
        }

        if (answer is not (ParticipationStatus.Joined or ParticipationStatus.Declined))
        {
            return BadRequest();
        }

        if (!scope.Phase.AcceptsInvitations())
        {
            return this.PhaseClosed(l["Det går inte längre att ansluta sig eller avböja: insamlingen är avslutad."]);
        }

        await participation.RespondAsync(id, User.OrganisationId(), answer.Value, User.Id(), cancellationToken);
        TempData["Status"] = answer == ParticipationStatus.Joined
            ? Sv("Er organisation är ansluten. Nu kan ni lämna behov.")
            : Sv("Er organisation har avböjt. Ni kan ändra er så länge insamlingen pågår.");
        return Redirect($"/upphandlingar/{id}");
    }
}

public sealed record ParticipationOverview(IReadOnlyList<ParticipantRow> All, IReadOnlyList<ParticipantRow> Shown, string? Status, string? County)
{
    public int Count(ParticipationStatus status) => All.Count(o => o.Status == status);

    public int NotInvited => All.Count(o => o.Status is null);
}
