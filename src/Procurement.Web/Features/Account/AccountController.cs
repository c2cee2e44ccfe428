using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Journal;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Security;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Account;

/// <summary>My account: who I am, my name, my password, my sign-in sessions.</summary>
[AllowWithoutTwoFactor]
public sealed class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    OrganisationQueries organisations,
    SessionQueries sessions,
    JournalWriter journal,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/konto")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        return View(new AccountViewModel(
            user,
            (await organisations.GetAsync(user.OrganisationId, cancellationToken))!,
            await users.GetRolesAsync(user),
            await sessions.ForUserAsync(user.Id, clock.GetUtcNow()),
            DbTicketStore.CurrentSessionId(HttpContext),
            new ChangeNameForm { DisplayName = user.DisplayName }));
    }

    [HttpPost("/konto/namn")]
    [HandlesInvalidModel]
    public async Task<IActionResult> ChangeName([Bind(Prefix = "NameForm")] ChangeNameForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            var view = await IndexWithAsync(form, cancellationToken);
            view.StatusCode = StatusCodes.Status400BadRequest;
            return view;
        }

        var user = await CurrentAsync();
        var before = user.DisplayName;
        user.DisplayName = form.DisplayName.Trim();
        EnsureSucceeded(await users.UpdateAsync(user));
        await journal.WriteAsync(user.Id, JournalActions.UserProfileChanged, "user", user.Id,
            before: new { displayName = before }, after: new { displayName = user.DisplayName }, cancellationToken: cancellationToken);
        await signInManager.RefreshSignInAsync(user); // the name shown in the header comes from the sign-in
        TempData["Status"] = Sv("Namnet är ändrat.");
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/konto/losenord")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("/konto/losenord")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        var user = await CurrentAsync();
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user); // guessing here counts like guessing at sign-in
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), l[error.Description]);
            }

            return View(form).WithStatus(StatusCodes.Status400BadRequest);
        }

        // Every session ends, this one too: the next sign-in, with the new password, gets a new session id.
        await sessions.RevokeAllAsync(user.Id, keep: null);
        await journal.WriteAsync(user.Id, JournalActions.PasswordChanged, "user", user.Id);
        await signInManager.SignOutAsync();
        TempData["Status"] = Sv("Lösenordet är bytt och du är utloggad överallt. Logga in med det nya lösenordet.");
        return Redirect("/konto/logga-in");
    }

    [HttpPost("/konto/sessioner/avsluta-andra")]
    public async Task<IActionResult> EndOtherSessions()
    {
        var user = await CurrentAsync();
        var ended = await sessions.RevokeAllAsync(user.Id, keep: DbTicketStore.CurrentSessionId(HttpContext));
        await journal.WriteAsync(user.Id, JournalActions.SessionsRevoked, "user", user.Id, after: new { ended });
        TempData["Status"] = Sv("Du är utloggad på alla andra enheter.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("/konto/logga-ut")]
    public async Task<IActionResult> SignOutUser()
    {
        await signInManager.SignOutAsync();
        TempData["Status"] = Sv("Du är utloggad.");
        return Redirect("/");
    }

    private async Task<ViewResult> IndexWithAsync(ChangeNameForm form, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        return View(nameof(Index), new AccountViewModel(
            user,
            (await organisations.GetAsync(user.OrganisationId, cancellationToken))!,
            await users.GetRolesAsync(user),
            await sessions.ForUserAsync(user.Id, clock.GetUtcNow()),
            DbTicketStore.CurrentSessionId(HttpContext),
            form));
    }

    private async Task<AppUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Den inloggade användaren finns inte.");

    private static void EnsureSucceeded(IdentityResult result) => IdentityResults.EnsureSucceeded(result);
}

public sealed record AccountViewModel(
    AppUser User,
    Organisation Organisation,
    IList<string> Roles,
    IReadOnlyList<SessionSummary> Sessions,
    string? CurrentSessionId,
    ChangeNameForm NameForm);

public sealed class ChangeNameForm
{
    [Required(ErrorMessage = "Ange ditt namn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Namn")]
    public string DisplayName { get; set; } = "";
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Ange ditt nuvarande lösenord.")]
    [StringLength(1024, ErrorMessage = "Lösenordet är för långt.")]
    [Display(Name = "Nuvarande lösenord")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Ange ett nytt lösenord.")]
    [StringLength(PasswordPolicy.MaxLength, MinimumLength = PasswordPolicy.MinLength, ErrorMessage = "Lösenordet måste ha minst 12 och högst 128 tecken.")]
    [Display(Name = "Nytt lösenord")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Upprepa det nya lösenordet.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa nytt lösenord")]
    public string ConfirmPassword { get; set; } = "";
}
