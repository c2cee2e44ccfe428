using Procurement.Domain.Organisations;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Infrastructure;

/// <summary>Why an organisationsnummer was refused, in Swedish (the key for English).</summary>
public static class OrganisationNumberMessages
{
    public static string For(OrganisationNumberError error) => error == OrganisationNumberError.WrongCheckDigit
        ? Sv("Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera numret.")
        : Sv("Skriv organisationsnumret som NNNNNN-NNNN, till exempel 556677-8899.");
}
