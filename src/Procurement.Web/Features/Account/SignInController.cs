using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data.Identity;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Security;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Account;

/// <summary>Sign-in with password, then (where enabled) an authenticator code or a recovery code; sign-out.</summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
public sealed class SignInController(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> users,
    DummyPasswordHash dummy,
    IStringLocalizer<SharedResource> l,
    ILogger<SignInController> logger) : Controller
{
    [HttpGet("/konto/logga-in")]
    public IActionResult SignIn(string? returnUrl) =>
        SignedIn() ? this.AlreadySignedIn() : View(new SignInForm { ReturnUrl = returnUrl });

    [HttpPost("/konto/logga-in")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    [NoTransaction] // password hashing must not hold the database write lock; each write commits on its own
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (SignedIn())
        {
            return this.AlreadySignedIn();
        }

        // One answer for an unknown address, a wrong password and a locked account, in the same time, so
        // the form does not tell who has an account. Only the right password learns that it must be confirmed.
        var user = await users.FindByEmailAsync(form.Email.Trim());
        SignInResult result;
        if (user is null)
        {
            dummy.Verify(form.Password);
            result = SignInResult.Failed;
        }
        else if (!user.EmailConfirmed)
        {
            result = await users.CheckPasswordAsync(user, form.Password) ? SignInResult.NotAllowed : SignInResult.Failed;
            if (!result.IsNotAllowed)
            {
                await users.AccessFailedAsync(user);
            }
        }
        else
        {
            result = await signInManager.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        }

        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
        }

        logger.LogInformation("Sign-in refused: {Reason}", result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not confirmed" : "wrong credentials");
        ModelState.AddModelError("", result.IsNotAllowed
            ? l["Du behöver bekräfta din e-postadress innan du kan logga in. Följ länken i e-postmeddelandet, eller be om en ny länk."]
            : l["Fel e-postadress eller lösenord. Efter fem misslyckade försök i rad spärras kontot i 15 minuter."]);
        return Refused(nameof(SignIn), form);
    }

    [HttpGet("/konto/logga-in/tvafaktor")]
    public async Task<IActionResult> TwoFactor(string? returnUrl) =>
        await SecondStepRefusalAsync(returnUrl) ?? View(new TwoFactorSignInForm { ReturnUrl = returnUrl });

    [HttpPost("/konto/logga-in/tvafaktor")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    [NoTransaction] // password hashing must not hold the database write lock; each write commits on its own
    public async Task<IActionResult> TwoFactor(TwoFactorSignInForm form)
    {
        if (await SecondStepRefusalAsync(form.ReturnUrl) is { } refusal)
        {
            return refusal;
        }

        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(AuthenticatorCode.Normalize(form.Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut
            ? l["Kontot är spärrat i 15 minuter efter för många misslyckade försök."]
            : l["Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök med nästa kod."]);
        return Refused(nameof(TwoFactor), form);
    }

    [HttpGet("/konto/logga-in/aterstallningskod")]
    public async Task<IActionResult> RecoveryCode(string? returnUrl) =>
        await SecondStepRefusalAsync(returnUrl) ?? View(new RecoveryCodeSignInForm { ReturnUrl = returnUrl });

    [HttpPost("/konto/logga-in/aterstallningskod")]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    [NoTransaction] // password hashing must not hold the database write lock; each write commits on its own
    public async Task<IActionResult> RecoveryCode(RecoveryCodeSignInForm form)
    {
        if (await SecondStepRefusalAsync(form.ReturnUrl) is { } refusal)
        {
            return refusal;
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(form.Code.Trim().ToUpperInvariant());
        if (result.Succeeded)
        {
            TempData["Status"] = Sv("Du loggade in med en återställningskod. Skapa nya koder eller en ny app under Mitt konto om du har tappat bort telefonen.");
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut
            ? l["Kontot är spärrat i 15 minuter efter för många misslyckade försök."]
            : l["Återställningskoden är fel eller redan använd."]);
        return Refused(nameof(RecoveryCode), form);
    }

    /// <summary>
    /// No sign-in over a live session: ASP.NET would keep its id for the new user, and a copy of the old
    /// cookie would then open the new user's account (session fixation). Sign out first.
    /// </summary>
    private bool SignedIn() => User.Identity?.IsAuthenticated == true;

    /// <summary>Why the second step (code or recovery code) cannot go on, or null when it can.</summary>
    private async Task<IActionResult?> SecondStepRefusalAsync(string? returnUrl) =>
        SignedIn() ? this.AlreadySignedIn()
        : await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToAction(nameof(SignIn), new { returnUrl })
        : null;

    private ViewResult Refused(string viewName, object form)
    {
        return View(viewName, form).WithStatus(StatusCodes.Status400BadRequest);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}

public sealed class SignInForm
{
    [Required(ErrorMessage = "Ange din e-postadress.")]
    [StringLength(256, ErrorMessage = "E-postadressen är för lång.")]
    [Display(Name = "E-postadress")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Ange ditt lösenord.")]
    [StringLength(1024, ErrorMessage = "Lösenordet är för långt.")]
    [Display(Name = "Lösenord")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorSignInForm
{
    [Required(ErrorMessage = "Ange koden från autentiseringsappen.")]
    [RegularExpression(AuthenticatorCode.Pattern, ErrorMessage = "Koden består av sex siffror.")]
    [Display(Name = "Kod från autentiseringsappen")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryCodeSignInForm
{
    [Required(ErrorMessage = "Ange en återställningskod.")]
    [StringLength(32, ErrorMessage = "Återställningskoden är för lång.")]
    [Display(Name = "Återställningskod")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>People type "123 456" or "123-456"; Identity wants "123456".</summary>
public static class AuthenticatorCode
{
    public const string Pattern = @"^\s*\d{3}[\s-]?\d{3}\s*$";

    public static string Normalize(string code) => new(code.Where(char.IsAsciiDigit).ToArray());
}
