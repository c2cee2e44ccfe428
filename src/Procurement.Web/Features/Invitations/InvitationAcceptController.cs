using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Invitations;
using Procurement.Domain.Journal;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Invitations;

/// <summary>The link in an invitation: the invitee chooses a name and password and is signed in.</summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
public sealed class InvitationAcceptController(
    InvitationStore invitations,
    OrganisationQueries organisations,
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    JournalWriter journal,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    // The token travels in the query string, not the path: the path is in every log line of the request.
    [HttpGet("/inbjudan")]
    public async Task<IActionResult> Accept([FromQuery(Name = "kod")] string? token, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return this.AlreadySignedIn();
        }

        var (invitation, problem) = await OpenInvitationAsync(token, cancellationToken);
        return problem ?? View(await BuildAsync(invitation!, token!, new AcceptInvitationForm(), cancellationToken));
    }

    [HttpPost("/inbjudan")]
    [HandlesInvalidModel]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Accept([FromForm(Name = "kod")] string? token, [Bind(Prefix = "Form")] AcceptInvitationForm form, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return this.AlreadySignedIn();
        }

        var (invitation, problem) = await OpenInvitationAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var user = new AppUser
        {
            Email = invitation!.Email,
            UserName = invitation.Email,
            DisplayName = form.Name?.Trim() ?? "",
            OrganisationId = invitation.OrganisationId,
            EmailConfirmed = true, // the link reached this address
            CreatedAt = clock.GetUtcNow(),
        };

        if (ModelState.IsValid)
        {
            if (await users.FindByEmailAsync(invitation.Email) is not null)
            {
                ModelState.AddModelError("", l["Det finns redan ett konto med den här e-postadressen. Logga in i stället."]);
            }
            else
            {
                foreach (var error in await users.PasswordErrorsAsync(user, form.Password))
                {
                    ModelState.AddModelError("Form.Password", l[error.Description]);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return View(await BuildAsync(invitation, token!, form, cancellationToken)).WithStatus(StatusCodes.Status400BadRequest);
        }

        EnsureSucceeded(await users.CreateAsync(user, form.Password));
        EnsureSucceeded(await users.AddToRoleAsync(user, invitation.Role));
        if (!await invitations.MarkAcceptedAsync(invitation.Id, user.Id, clock.GetUtcNow(), cancellationToken))
        {
            // Used or revoked between our check and now: undo everything (the transaction filter rolls back).
            throw new ConflictException("The invitation was used or revoked concurrently.");
        }

        await journal.WriteAsync(user.Id, JournalActions.InvitationAccepted, "invitation", invitation.Id, after: new { userId = user.Id }, cancellationToken: cancellationToken);
        await journal.WriteAsync(invitation.InvitedByUserId, JournalActions.UserCreated, "user", user.Id,
            after: new { user.Email, invitation.Role, invitation.OrganisationId, source = "invitation" }, cancellationToken: cancellationToken);
        await signInManager.SignInAsync(user, isPersistent: false);
        TempData["Status"] = Sv("Välkommen! Ditt konto är skapat.");
        return Redirect("/");
    }

    private async Task<(InvitationRow? Invitation, IActionResult? Problem)> OpenInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        var invitation = SecretToken.LooksValid(token) ? await invitations.FindByTokenAsync(token, cancellationToken) : null;
        if (invitation is null)
        {
            return (null, Problem(StatusCodes.Status404NotFound, Sv("Inbjudan finns inte"), Sv("Kontrollera att du använde hela länken från e-postmeddelandet.")));
        }

        return invitation.ToDomain().StateAt(clock.GetUtcNow()) switch
        {
            InvitationState.Open => (invitation, null),
            InvitationState.Used => (null, Problem(StatusCodes.Status410Gone, Sv("Inbjudan är redan använd"), Sv("Kontot är redan skapat. Logga in med din e-postadress."))),
            InvitationState.Expired => (null, Problem(StatusCodes.Status410Gone, Sv("Inbjudan har gått ut"), Sv("Be den som bjöd in dig att skicka en ny inbjudan."))),
            _ => (null, Problem(StatusCodes.Status410Gone, Sv("Inbjudan är återkallad"), Sv("Be den som bjöd in dig att skicka en ny inbjudan om du ska ha ett konto."))),
        };
    }

    private ViewResult Problem(int status, string title, string text) =>
        View("InvitationProblem", new InvitationProblemViewModel(title, text)).WithStatus(status);

    private async Task<AcceptInvitationViewModel> BuildAsync(InvitationRow invitation, string token, AcceptInvitationForm form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.GetAsync(invitation.OrganisationId, cancellationToken);
        return new AcceptInvitationViewModel(invitation.Email, organisation?.Name ?? "", invitation.Role, invitation.ExpiresAt, token, form);
    }

    private static void EnsureSucceeded(IdentityResult result) => IdentityResults.EnsureSucceeded(result);
}

public sealed class AcceptInvitationForm
{
    [Required(ErrorMessage = "Ange ditt namn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Ditt namn")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Välj ett lösenord.")]
    [StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength, ErrorMessage = "Lösenordet måste ha minst 12 och högst 128 tecken.")]
    [Display(Name = "Lösenord")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Upprepa lösenordet.")]
    [Compare(nameof(Password), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa lösenordet")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed record AcceptInvitationViewModel(string Email, string OrganisationName, string Role, DateTimeOffset ExpiresAt, string Token, AcceptInvitationForm Form);

public sealed record InvitationProblemViewModel(string Title, string Text);
