using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Web.Infrastructure.Filters;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Errors;

/// <summary>
/// The Swedish error pages. Reached by re-execution from the status-code and exception middleware (with
/// the original method, hence no method constraint) or directly. Never shows exception details.
/// </summary>
[AllowAnonymous]
[AllowWithoutTwoFactor]
[IgnoreAntiforgeryToken]
[NoTransaction]
[ErrorPage]
public sealed class ErrorsController : Controller
{
    private static readonly int[] Known = [400, 401, 403, 404, 405, 409, 410, 413, 415, 429, 500, 503];

    [Route("/fel/{code:int}")]
    public IActionResult Show(int code)
    {
        var status = Known.Contains(code) ? code : 404;
        Response.StatusCode = status;
        return View("Error", new ErrorViewModel(status, HttpContext.TraceIdentifier)); // also in X-Request-Id and the logs
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId)
{
    public string Title => StatusCode switch
    {
        400 => Sv("Något i förfrågan var fel"),
        401 => Sv("Du behöver logga in"),
        403 => Sv("Du har inte behörighet till sidan"),
        404 => Sv("Sidan finns inte"),
        405 => Sv("Det går inte att göra så här"),
        409 => Sv("Uppgiften har ändrats av någon annan"),
        410 => Sv("Sidan finns inte längre"),
        413 => Sv("Filen eller formuläret är för stort"),
        415 => Sv("Filtypen stöds inte"),
        429 => Sv("För många försök"),
        503 => Sv("Tjänsten är tillfälligt otillgänglig"),
        _ => Sv("Något gick fel hos oss"),
    };

    public string Explanation => StatusCode switch
    {
        400 => Sv("Formuläret kunde inte tas emot. Ladda om sidan och försök igen. Det du skrev kan behöva fyllas i på nytt."),
        401 => Sv("Logga in och försök igen."),
        403 => Sv("Ditt konto har inte tillgång till det här. Kontakta en administratör om du tror att det är fel."),
        404 => Sv("Kontrollera adressen. Om du följde en länk kan sidan ha flyttats eller tagits bort."),
        405 => Sv("Gå tillbaka och använd knapparna på sidan."),
        409 => Sv("Ladda om sidan för att se den senaste versionen."),
        410 => Sv("Länken har slutat gälla."),
        413 => Sv("Försök med en mindre fil."),
        415 => Sv("Kontrollera filens format."),
        429 => Sv("Vänta en minut och försök sedan igen."),
        503 => Sv("Försök igen om en stund."),
        _ => Sv("Felet är loggat. Försök igen om en stund. Om det fortsätter, kontakta supporten och ange felkoden nedan."),
    };
}
