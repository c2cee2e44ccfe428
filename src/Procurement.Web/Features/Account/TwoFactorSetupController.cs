using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Procurement.Data.Identity;
using Procurement.Data.Journal;
using Procurement.Domain.Journal;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;
using QRCoder;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and single-use recovery codes.
/// Officers and administrators are sent here until they have signed in with it.
/// </summary>
[AllowWithoutTwoFactor]
public sealed class TwoFactorSetupController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    JournalWriter journal,
    UrlEncoder urlEncoder,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const int RecoveryCodeCount = 10;

    [HttpGet("/konto/tvafaktor")]
    public async Task<IActionResult> Index(int? kravs) =>
        View("TwoFactorSetup", await BuildAsync(new EnableTwoFactorForm(), required: kravs == 1));

    [HttpPost("/konto/tvafaktor/aktivera")]
    [HandlesInvalidModel]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Enable([Bind(Prefix = "Form")] EnableTwoFactorForm form)
    {
        var user = await CurrentAsync();
        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        if (ModelState.IsValid
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, AuthenticatorCode.Normalize(form.Code)))
        {
            ModelState.AddModelError("Form.Code", l["Koden stämmer inte. Kontrollera att du skannade rätt QR-kod och att klockan i telefonen går rätt."]);
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(form, user);
        }

        IdentityResults.EnsureSucceeded(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = await NewCodesAsync(user);
        await journal.WriteAsync(user.Id, JournalActions.TwoFactorEnabled, "user", user.Id);

        // Signing in with the second factor is a new authentication: it gets a new session (ASVS 3.2.1),
        // which the handler cannot give within this request. End this one; the user signs in with the app.
        await signInManager.SignOutAsync();
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        return View("RecoveryCodes", new RecoveryCodesViewModel(codes, JustEnabled: true));
    }

    [HttpPost("/konto/tvafaktor/nya-koder")]
    [HandlesInvalidModel]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> NewRecoveryCodes([Bind(Prefix = "Confirm")] ConfirmWithPasswordForm confirm)
    {
        var user = await CurrentAsync();
        if (!user.TwoFactorEnabled)
        {
            return BadRequest();
        }

        if (!await PasswordConfirmedAsync(user, confirm))
        {
            return await RefusedAsync(new EnableTwoFactorForm(), user);
        }

        var codes = await NewCodesAsync(user);
        await journal.WriteAsync(user.Id, JournalActions.RecoveryCodesGenerated, "user", user.Id);
        return View("RecoveryCodes", new RecoveryCodesViewModel(codes, JustEnabled: false));
    }

    /// <summary>A new phone: the old key stops working and the app must be set up again.</summary>
    [HttpPost("/konto/tvafaktor/ny-app")]
    [HandlesInvalidModel]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> ResetAuthenticator([Bind(Prefix = "Confirm")] ConfirmWithPasswordForm confirm)
    {
        var user = await CurrentAsync();
        if (!await PasswordConfirmedAsync(user, confirm))
        {
            return await RefusedAsync(new EnableTwoFactorForm(), user);
        }

        IdentityResults.EnsureSucceeded(await users.SetTwoFactorEnabledAsync(user, false));
        IdentityResults.EnsureSucceeded(await users.ResetAuthenticatorKeyAsync(user));
        await journal.WriteAsync(user.Id, JournalActions.TwoFactorDisabled, "user", user.Id, after: new { reason = "new authenticator" });
        await signInManager.SignInAsync(user, isPersistent: false); // this sign-in no longer counts as two-factor
        TempData["Status"] = Sv("Den gamla appen fungerar inte längre. Skanna den nya QR-koden.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("/konto/tvafaktor/stang-av")]
    [HandlesInvalidModel]
    [EnableRateLimiting(WebServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> Disable([Bind(Prefix = "Confirm")] ConfirmWithPasswordForm confirm)
    {
        var user = await CurrentAsync();
        if (User.RoleRequiresTwoFactor())
        {
            ModelState.AddModelError("", l["Din roll kräver tvåfaktorsinloggning, så den kan inte stängas av. Byt app om du har fått en ny telefon."]);
            return await RefusedAsync(new EnableTwoFactorForm(), user);
        }

        if (!await PasswordConfirmedAsync(user, confirm))
        {
            return await RefusedAsync(new EnableTwoFactorForm(), user);
        }

        IdentityResults.EnsureSucceeded(await users.SetTwoFactorEnabledAsync(user, false));
        await journal.WriteAsync(user.Id, JournalActions.TwoFactorDisabled, "user", user.Id);
        await signInManager.SignInAsync(user, isPersistent: false);
        TempData["Status"] = Sv("Tvåfaktorsinloggning är avstängd.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Changes to the second factor need the password too, so a stolen session cannot take it over (ASVS 3.7.1).</summary>
    private async Task<bool> PasswordConfirmedAsync(AppUser user, ConfirmWithPasswordForm confirm)
    {
        if (!string.IsNullOrEmpty(confirm.CurrentPassword) && await users.CheckPasswordAsync(user, confirm.CurrentPassword))
        {
            return true;
        }

        await users.AccessFailedAsync(user); // guessing here counts toward the lockout like guessing at sign-in
        ModelState.AddModelError("Confirm.CurrentPassword", l["Fel lösenord."]);
        return false;
    }

    private async Task<IReadOnlyList<string>> NewCodesAsync(AppUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
        ?? throw new ConflictException("The recovery codes could not be saved: the account changed meanwhile.");

    private async Task<ViewResult> RefusedAsync(EnableTwoFactorForm form, AppUser user)
    {
        return View("TwoFactorSetup", await BuildAsync(form, required: false, user)).WithStatus(StatusCodes.Status400BadRequest);
    }

    private async Task<AppUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Den inloggade användaren finns inte.");

    private async Task<TwoFactorSetupViewModel> BuildAsync(EnableTwoFactorForm form, bool required, AppUser? user = null)
    {
        user ??= await CurrentAsync();
        if (user.TwoFactorEnabled)
        {
            return new TwoFactorSetupViewModel(form, Enabled: true, required, null, null, await users.CountRecoveryCodesAsync(user),
                SignedInWithIt: User.SignedInWithSecondFactor());
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A key that is not yet in use: saved without touching the security stamp, which would sign the
            // user out while they are still scanning the code (ResetAuthenticatorKeyAsync renews the stamp).
            key = users.GenerateNewAuthenticatorKey();
            user.AuthenticatorKey = key;
            IdentityResults.EnsureSucceeded(await users.UpdateAsync(user));
        }

        var issuer = urlEncoder.Encode(users.Options.Tokens.AuthenticatorIssuer);
        var uri = $"otpauth://totp/{issuer}:{urlEncoder.Encode(user.Email)}?secret={key}&issuer={issuer}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new TwoFactorSetupViewModel(form, Enabled: false, required, FormatKey(key!), "data:image/png;base64," + Convert.ToBase64String(png), 0,
            SignedInWithIt: false);
    }

    /// <summary>Groups of four, lower case, as authenticator apps show it for typing.</summary>
    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}

public sealed class EnableTwoFactorForm
{
    [Required(ErrorMessage = "Ange koden från autentiseringsappen.")]
    [RegularExpression(AuthenticatorCode.Pattern, ErrorMessage = "Koden består av sex siffror.")]
    [Display(Name = "Kod från autentiseringsappen")]
    public string Code { get; set; } = "";
}

public sealed class ConfirmWithPasswordForm
{
    [Display(Name = "Ditt lösenord")]
    [StringLength(1024, ErrorMessage = "Lösenordet är för långt.")]
    public string? CurrentPassword { get; set; }
}

public sealed record TwoFactorSetupViewModel(
    EnableTwoFactorForm Form,
    bool Enabled,
    bool Required,
    string? SharedKey,
    string? QrCodeDataUri,
    int RecoveryCodesLeft,
    bool SignedInWithIt)
{
    public ConfirmWithPasswordForm Confirm { get; } = new();
}

public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes, bool JustEnabled);
