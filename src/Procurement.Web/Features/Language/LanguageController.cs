using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Localization;
using Procurement.Web.Infrastructure.Security;

namespace Procurement.Web.Features.Language;

/// <summary>Switches between Swedish and English; the choice is remembered in a cookie for a year.</summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
[NoTransaction]
public sealed class LanguageController(CookieNames cookies) : Controller
{
    [HttpPost("/sprak")]
    public IActionResult Switch(string? culture, string? returnUrl)
    {
        if (!Cultures.IsSupported(culture))
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            cookies.Culture,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                Secure = cookies.Secure,
                HttpOnly = true,
                Path = "/",
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
