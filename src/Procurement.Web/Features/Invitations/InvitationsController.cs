using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Procurement.Data.Email;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Invitations;
using Procurement.Domain.Journal;
using Procurement.Domain.Organisations;
using Procurement.Web.Features.Account;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Invitations;

/// <summary>
/// Administrators invite anyone; officers invite representatives of municipalities and regions and
/// colleagues in their own purchasing body. The invitee gets a single-use link that expires in 7 days.
/// </summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.ProcurementOfficer}")]
public sealed class InvitationsController(
    InvitationStore invitations,
    OrganisationQueries organisations,
    UserManager<AppUser> users,
    EmailOutbox outbox,
    PublicLinks links,
    JournalWriter journal,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/inbjudningar")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Officers see the invitations they could have sent themselves; administrators see all.
        var recent = await invitations.RecentAsync(500, cancellationToken);
        var visible = recent.Where(i => MayManage(i.Role, i.OrganisationId, i.InvitedByUserId)).Take(200).ToList();
        return View(new InvitationListViewModel(visible, clock.GetUtcNow()));
    }

    [HttpGet("/inbjudningar/ny")]
    public async Task<IActionResult> New(Guid? organisation, CancellationToken cancellationToken) =>
        View(await BuildFormAsync(new InviteForm { OrganisationId = organisation }, cancellationToken));

    [HttpPost("/inbjudningar/ny")]
    [HandlesInvalidModel]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] InviteForm form, CancellationToken cancellationToken)
    {
        var organisation = ModelState.IsValid ? await organisations.GetAsync(form.OrganisationId!.Value, cancellationToken) : null;
        if (ModelState.IsValid)
        {
            if (organisation is null)
            {
                ModelState.AddModelError("Form.OrganisationId", l["Välj en organisation i listan."]);
            }
            else if (!Roles.IsKnown(form.Role) || !Roles.MayInvite(User.RoleNames().ToList(), User.OrganisationId(), form.Role, organisation.Id))
            {
                ModelState.AddModelError("Form.Role", l["Du kan inte bjuda in någon med den rollen till den organisationen."]);
            }
            else if (!Roles.FitsOrganisation(form.Role, organisation.Kind))
            {
                ModelState.AddModelError("Form.Role", l["Rollen passar inte organisationen: kommuner och regioner har företrädare, inköpscentraler upphandlare och administratörer, leverantörer leverantörskonton."]);
            }
            else if (await users.FindByEmailAsync(form.Email.Trim()) is not null)
            {
                ModelState.AddModelError("Form.Email", l["Det finns redan ett konto med den e-postadressen."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(await BuildFormAsync(form, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        var email = form.Email.Trim();
        var token = SecretToken.New();
        var invitation = new Invitation(Guid.CreateVersion7(), email, organisation!.Id, form.Role, User.Id(), now,
            now + Invitation.Lifetime, null, null);
        var replaced = await invitations.RevokeOpenForEmailAsync(email, now, cancellationToken);
        await invitations.InsertAsync(invitation, token, cancellationToken);
        await outbox.EnqueueAsync(AccountEmails.Invitation(email, User.DisplayName(), organisation.Name,
            Labels.Role(form.Role), links.Absolute($"/inbjudan?kod={token}"), invitation.ExpiresAt), cancellationToken);
        await journal.WriteAsync(User.Id(), JournalActions.InvitationCreated, "invitation", invitation.Id,
            after: new { invitation.Email, invitation.OrganisationId, invitation.Role, invitation.ExpiresAt, replaced }, cancellationToken: cancellationToken);
        TempData["Status"] = Sv("Inbjudan är skickad.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("/inbjudningar/{id:guid}/aterkalla")]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken cancellationToken)
    {
        var invitation = await invitations.GetAsync(id, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        if (!MayManage(invitation.Role, invitation.OrganisationId, invitation.InvitedByUserId))
        {
            return Forbid();
        }

        if (!await invitations.RevokeAsync(id, clock.GetUtcNow(), cancellationToken))
        {
            TempData["Status"] = Sv("Inbjudan var redan använd eller återkallad.");
            return RedirectToAction(nameof(Index));
        }

        await journal.WriteAsync(User.Id(), JournalActions.InvitationRevoked, "invitation", id, cancellationToken: cancellationToken);
        TempData["Status"] = Sv("Inbjudan är återkallad. Länken fungerar inte längre.");
        return RedirectToAction(nameof(Index));
    }

    private bool MayManage(string role, Guid organisationId, Guid invitedBy) =>
        invitedBy == User.Id() || Roles.MayInvite(User.RoleNames().ToList(), User.OrganisationId(), role, organisationId);

    private async Task<InviteViewModel> BuildFormAsync(InviteForm form, CancellationToken cancellationToken)
    {
        var isAdministrator = User.IsInRole(Roles.Administrator);
        var own = User.OrganisationId();
        var all = await organisations.ListAsync(new OrganisationFilter(Take: 2000), cancellationToken);
        var organisationItems = all
            .Where(o => isAdministrator || o.Kind is OrganisationKind.Municipality or OrganisationKind.Region || o.Id == own)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(), o.Id == form.OrganisationId)
            {
                Group = new SelectListGroup { Name = l[GroupName(o)].Value },
            })
            .Prepend(new SelectListItem(l["Välj organisation"], ""))
            .ToList();
        IReadOnlyList<string> roles = isAdministrator ? Roles.All : [Roles.MunicipalityRepresentative, Roles.ProcurementOfficer];
        var roleItems = roles
            .Select(r => new SelectListItem(l[Labels.Role(r)], r, r == form.Role))
            .ToList();
        return new InviteViewModel(form, organisationItems, roleItems);
    }

    private static string GroupName(Organisation o) =>
        o.Kind switch
        {
            OrganisationKind.Municipality => Sv("Kommuner"),
            OrganisationKind.Region => Sv("Regioner"),
            OrganisationKind.CentralPurchasingBody => Sv("Inköpscentraler"),
            _ => Sv("Leverantörer"),
        };
}

public sealed class InviteForm
{
    [Required(ErrorMessage = "Ange e-postadressen till den du bjuder in.")]
    [StringLength(EmailAddress.MaxLength, ErrorMessage = "E-postadressen är för lång.")]
    [RegularExpression(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", ErrorMessage = "Ange en giltig e-postadress, till exempel namn@kommun.se.")]
    [Display(Name = "E-postadress")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Välj en roll.")]
    [Display(Name = "Roll")]
    public string Role { get; set; } = Roles.MunicipalityRepresentative;

    [Required(ErrorMessage = "Välj en organisation i listan.")]
    [Display(Name = "Organisation")]
    public Guid? OrganisationId { get; set; }
}

public sealed record InviteViewModel(InviteForm Form, IReadOnlyList<SelectListItem> Organisations, IReadOnlyList<SelectListItem> Roles);

public sealed record InvitationListViewModel(IReadOnlyList<InvitationListItem> Invitations, DateTimeOffset Now);
