using System.Net;
using Procurement.Data.Email;

namespace Procurement.Web.Features.Participation;

public static class ParticipationEmails
{
    public static EmailMessage Invited(string to, string title, string reference, string link)
    {
        var intro = $"Er organisation är inbjuden att delta i den gemensamma upphandlingen \"{title}\" ({reference}).";
        const string detail = "Logga in och anslut er för att lämna era behov, stödja andras krav och senare rösta om prioriteringar.";
        return new EmailMessage(to, $"Inbjudan att delta: {title}",
            $"{intro}\n\n{detail}\n\nTill upphandlingen: {link}\n\n– Samupphandling\n",
            $"""
            <!DOCTYPE html>
            <html lang="sv"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body><p>{WebUtility.HtmlEncode(intro)}</p><p>{WebUtility.HtmlEncode(detail)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Till upphandlingen</a></p><p>– Samupphandling</p></body></html>
            """);
    }
}
