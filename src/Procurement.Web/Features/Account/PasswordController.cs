using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data.Email;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Domain.Identity;
using Procurement.Domain.Journal;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Security;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Account;

/// <summary>
/// Forgotten password: a single-use link by e-mail, valid one hour. The answer never tells whether an
/// account exists (ASVS 2.5.x / enumeration).
/// </summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
public sealed class PasswordController(
    UserManager<AppUser> users,
    EmailOutbox outbox,
    PublicLinks links,
    SessionQueries sessions,
    JournalWriter journal,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/konto/glomt-losenord")]
    public IActionResult Forgot() => View(new ForgotPasswordForm());

    [HttpPost("/konto/glomt-losenord")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Forgot(ForgotPasswordForm form)
    {
        // Unconfirmed accounts get the link too: following it proves the address, and replaces a password
        // that someone else may have chosen when registering the address first.
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = links.Absolute($"/konto/aterstall-losenord?anvandare={user.Id}&kod={Uri.EscapeDataString(token)}");
            await outbox.EnqueueAsync(AccountEmails.ResetPassword(user.Email, link));
        }

        return RedirectToAction(nameof(Sent));
    }

    [HttpGet("/konto/glomt-losenord/skickat")]
    public IActionResult Sent() => View();

    [HttpGet("/konto/aterstall-losenord")]
    public IActionResult Reset(Guid? anvandare, string? kod) =>
        anvandare is null || string.IsNullOrWhiteSpace(kod)
            ? BadRequest()
            : View(new ResetPasswordForm { UserId = anvandare.Value, Code = kod });

    [HttpPost("/konto/aterstall-losenord")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Reset(ResetPasswordForm form)
    {
        var user = await users.FindByIdAsync(form.UserId.ToString());
        var result = user is null
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
            : await users.ResetPasswordAsync(user, form.Code, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? "" : nameof(form.NewPassword), l[error.Description]);
            }

            return View(form).WithStatus(StatusCodes.Status400BadRequest);
        }

        IdentityResults.EnsureSucceeded(await users.SetLockoutEndDateAsync(user!, null));
        IdentityResults.EnsureSucceeded(await users.ResetAccessFailedCountAsync(user!));
        if (!user!.EmailConfirmed)
        {
            user.EmailConfirmed = true; // the link reached the address
            IdentityResults.EnsureSucceeded(await users.UpdateAsync(user));
            await journal.WriteAsync(user.Id, JournalActions.EmailConfirmed, "user", user.Id, after: new { through = "password reset" });
        }

        await sessions.RevokeAllAsync(user.Id, keep: null);
        await journal.WriteAsync(user.Id, JournalActions.PasswordReset, "user", user.Id);
        TempData["Status"] = Sv("Lösenordet är bytt. Logga in med det nya lösenordet.");
        return Redirect("/konto/logga-in");
    }
}

public sealed class ForgotPasswordForm
{
    [Required(ErrorMessage = "Ange din e-postadress.")]
    [StringLength(256, ErrorMessage = "E-postadressen är för lång.")]
    [Display(Name = "E-postadress")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordForm
{
    [Required]
    public Guid UserId { get; set; }

    [Required(ErrorMessage = "Länken är ofullständig. Använd hela länken från e-postmeddelandet.")]
    [StringLength(2048)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Ange ett nytt lösenord.")]
    [StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength, ErrorMessage = "Lösenordet måste ha minst 12 och högst 128 tecken.")]
    [Display(Name = "Nytt lösenord")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Upprepa det nya lösenordet.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa nytt lösenord")]
    public string ConfirmPassword { get; set; } = "";
}
