using System.Net;
using Procurement.Data.Email;
using Procurement.Web.Infrastructure.Localization;

namespace Procurement.Web.Features.Account;

/// <summary>The account e-mails, in Swedish, as plain text with a simple HTML twin.</summary>
public static class AccountEmails
{
    public static EmailMessage Invitation(string to, string inviterName, string organisation, string role, string link, DateTimeOffset expires) =>
        Build(to, "Inbjudan till Samupphandling",
            $"{inviterName} har bjudit in dig till Samupphandling som {role.ToLowerInvariant()} för {organisation}.",
            "Skapa ditt konto via länken nedan. Den fungerar en gång och gäller till och med " +
            $"{expires.ToStockholm():yyyy-MM-dd}.",
            link, "Skapa konto");

    public static EmailMessage ConfirmEmail(string to, string link) =>
        Build(to, "Bekräfta din e-postadress",
            "Välkommen till Samupphandling! Bekräfta din e-postadress för att kunna logga in.",
            "Länken gäller i två dygn.", link, "Bekräfta e-postadressen");

    public static EmailMessage AlreadyRegistered(string to, string signInLink, string resetLink) =>
        Build(to, "Du har redan ett konto",
            "Någon, troligen du, försökte registrera ett nytt konto med den här e-postadressen. Det finns redan ett konto.",
            $"Om du har glömt lösenordet kan du återställa det: {resetLink}\nOm det inte var du kan du bortse från meddelandet.",
            signInLink, "Logga in");

    public static EmailMessage ResetPassword(string to, string link) =>
        Build(to, "Återställ ditt lösenord",
            "Du (eller någon annan) har bett om att få återställa lösenordet till ditt konto i Samupphandling.",
            "Länken gäller i en timme och fungerar en gång. Om det inte var du kan du bortse från meddelandet; lösenordet är oförändrat.",
            link, "Välj nytt lösenord");

    private static EmailMessage Build(string to, string subject, string intro, string detail, string link, string linkText)
    {
        var text = $"{intro}\n\n{linkText}: {link}\n\n{detail}\n\n– Samupphandling\n";
        var html = $"""
            <!DOCTYPE html>
            <html lang="sv"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body>
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(linkText)}</a></p>
            <p>{WebUtility.HtmlEncode(detail).Replace("\n", "<br>", StringComparison.Ordinal)}</p>
            <p>– Samupphandling</p>
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }
}
