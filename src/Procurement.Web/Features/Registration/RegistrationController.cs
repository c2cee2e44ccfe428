using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data;
using Procurement.Data.Email;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Journal;
using Procurement.Domain.Organisations;
using Procurement.Web.Features.Account;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;

namespace Procurement.Web.Features.Registration;

/// <summary>
/// Suppliers register themselves with their organisationsnummer and confirm their e-mail address before
/// they can sign in. An address that already has an account gets a notice by e-mail instead, and the page
/// looks the same either way, so the form does not reveal who has an account.
/// </summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
public sealed class RegistrationController(
    UserManager<AppUser> users,
    OrganisationQueries organisations,
    OrganisationCommands organisationCommands,
    DbSession session,
    EmailOutbox outbox,
    PublicLinks links,
    JournalWriter journal,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/registrera")]
    public IActionResult Register() => View(new RegisterSupplierForm());

    [HttpPost("/registrera")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Register(RegisterSupplierForm form, CancellationToken cancellationToken)
    {
        if (!OrganisationNumber.TryParse(form.OrganisationNumber, out var number, out var numberError))
        {
            ModelState.AddModelError(nameof(form.OrganisationNumber), l[OrganisationNumberMessages.For(numberError)]);
            return Refused(form);
        }

        var email = form.Email.Trim();
        var organisation = await organisations.FindByOrganisationNumberAsync(number, cancellationToken);
        if (organisation is not null && (organisation.Kind != OrganisationKind.Supplier || await HasConfirmedUsersAsync(organisation.Id, cancellationToken)))
        {
            ModelState.AddModelError(nameof(form.OrganisationNumber),
                l["Organisationen är redan registrerad. Be en kollega som har konto, eller en administratör, om en inbjudan."]);
            return Refused(form);
        }

        var user = new AppUser
        {
            Email = email,
            UserName = email,
            DisplayName = form.Name.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };

        // Check the password before anything is written, so a refusal leaves nothing behind.
        var passwordErrors = await users.PasswordErrorsAsync(user, form.Password);
        if (passwordErrors.Count > 0)
        {
            foreach (var error in passwordErrors)
            {
                ModelState.AddModelError(nameof(form.Password), l[error.Description]);
            }

            return Refused(form);
        }

        // Only now, with every other answer given, does it matter whether the address has an account: the
        // answer looks the same either way, so the form does not reveal who has one.
        var existingUser = await users.FindByEmailAsync(email);
        if (existingUser is { EmailConfirmed: true })
        {
            await outbox.EnqueueAsync(AccountEmails.AlreadyRegistered(existingUser.Email,
                links.Absolute("/konto/logga-in"), links.Absolute("/konto/glomt-losenord")), cancellationToken);
            return RedirectToAction(nameof(Sent));
        }

        if (existingUser is not null)
        {
            // Never confirmed: whoever registered the address earlier could not prove it was theirs. The new
            // registration replaces it, so nobody can hold an address hostage by registering it first.
            IdentityResults.EnsureSucceeded(await users.DeleteAsync(existingUser));
            await journal.WriteAsync(null, JournalActions.UnconfirmedRegistrationReplaced, "user", existingUser.Id,
                before: new { existingUser.Email, existingUser.OrganisationId }, cancellationToken: cancellationToken);
        }

        user.OrganisationId = organisation?.Id
            ?? await organisationCommands.CreateAsync(OrganisationKind.Supplier, form.CompanyName, number, actorUserId: null, cancellationToken);
        EnsureSucceeded(await users.CreateAsync(user, form.Password));
        EnsureSucceeded(await users.AddToRoleAsync(user, Roles.Supplier));
        await journal.WriteAsync(user.Id, JournalActions.UserCreated, "user", user.Id,
            after: new { user.Email, role = Roles.Supplier, user.OrganisationId, source = "self-registration" }, cancellationToken: cancellationToken);
        await SendConfirmationAsync(user, cancellationToken);
        return RedirectToAction(nameof(Sent));
    }

    [HttpGet("/registrera/skickat")]
    public IActionResult Sent() => View();

    [HttpGet("/konto/bekrafta-epost")]
    public async Task<IActionResult> Confirm(Guid? anvandare, string? kod, CancellationToken cancellationToken)
    {
        var user = anvandare is null || string.IsNullOrWhiteSpace(kod) ? null : await users.FindByIdAsync(anvandare.Value.ToString());
        if (user is null)
        {
            return ConfirmResult(confirmed: false);
        }

        if (user.EmailConfirmed)
        {
            return ConfirmResult(confirmed: true);
        }

        // A GET link from an e-mail: this write runs in a transaction of its own.
        var result = await session.WriteAsync(async () =>
        {
            var confirmed = await users.ConfirmEmailAsync(user, kod!);
            if (confirmed.Succeeded)
            {
                await journal.WriteAsync(user.Id, JournalActions.EmailConfirmed, "user", user.Id, cancellationToken: cancellationToken);
            }

            return confirmed;
        }, cancellationToken);
        return ConfirmResult(result.Succeeded);
    }

    [HttpGet("/konto/skicka-bekraftelse")]
    public IActionResult Resend() => View(new ResendConfirmationForm());

    [HttpPost("/konto/skicka-bekraftelse")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Resend(ResendConfirmationForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is { EmailConfirmed: false })
        {
            await SendConfirmationAsync(user, cancellationToken);
        }

        return RedirectToAction(nameof(Sent));
    }

    private async Task SendConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = links.Absolute($"/konto/bekrafta-epost?anvandare={user.Id}&kod={Uri.EscapeDataString(token)}");
        await outbox.EnqueueAsync(AccountEmails.ConfirmEmail(user.Email, link), cancellationToken);
    }

    private async Task<bool> HasConfirmedUsersAsync(Guid organisationId, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM users WHERE organisation_id = @organisationId AND email_confirmed = 1",
            new { organisationId }, cancellationToken) > 0;

    private ViewResult ConfirmResult(bool confirmed) =>
        View("Confirm", confirmed).WithStatus(confirmed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    private ViewResult Refused(RegisterSupplierForm form) => View(nameof(Register), form).WithStatus(StatusCodes.Status400BadRequest);

    private static void EnsureSucceeded(IdentityResult result) => IdentityResults.EnsureSucceeded(result);
}

public sealed class RegisterSupplierForm
{
    [Required(ErrorMessage = "Ange organisationsnummer.")]
    [StringLength(20, ErrorMessage = "Organisationsnumret är för långt.")]
    [Display(Name = "Organisationsnummer")]
    public string OrganisationNumber { get; set; } = "";

    [Required(ErrorMessage = "Ange företagets namn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Företagets namn")]
    public string CompanyName { get; set; } = "";

    [Required(ErrorMessage = "Ange ditt namn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Ditt namn")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Ange din e-postadress.")]
    [StringLength(EmailAddress.MaxLength, ErrorMessage = "E-postadressen är för lång.")]
    [RegularExpression(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", ErrorMessage = "Ange en giltig e-postadress, till exempel namn@foretag.se.")]
    [Display(Name = "E-postadress")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Välj ett lösenord.")]
    [StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength, ErrorMessage = "Lösenordet måste ha minst 12 och högst 128 tecken.")]
    [Display(Name = "Lösenord")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Upprepa lösenordet.")]
    [Compare(nameof(Password), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa lösenordet")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ResendConfirmationForm
{
    [Required(ErrorMessage = "Ange din e-postadress.")]
    [StringLength(256, ErrorMessage = "E-postadressen är för lång.")]
    [Display(Name = "E-postadress")]
    public string Email { get; set; } = "";
}
