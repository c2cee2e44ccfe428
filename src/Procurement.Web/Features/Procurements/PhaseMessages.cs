using Procurement.Domain.Procurements;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Procurements;

/// <summary>Phase names and refusals in Swedish (keys for English).</summary>
public static class PhaseMessages
{
    public static string Name(ProcurementPhase phase) => phase switch
    {
        ProcurementPhase.Collection => Sv("Insamling"),
        ProcurementPhase.Compilation => Sv("Sammanställning"),
        ProcurementPhase.Prioritisation => Sv("Prioritering"),
        ProcurementPhase.Review => Sv("Granskning"),
        _ => Sv("Publicerad"),
    };

    public static string Refusal(PhaseChangeRefusal refusal) => refusal switch
    {
        PhaseChangeRefusal.NotAdjacent => Sv("Fasen kan bara flyttas ett steg framåt, eller från Sammanställning tillbaka till Insamling."),
        PhaseChangeRefusal.AlreadyPublished => Sv("Upphandlingen är publicerad. Ändringar görs som rättelser av upphandlingsdokumenten."),
        PhaseChangeRefusal.NoParticipants => Sv("Ingen kommun eller region har anslutit sig ännu, så insamlingen kan inte avslutas."),
        PhaseChangeRefusal.NoRequirements => Sv("Kravspecifikationen är tom. Lägg till krav innan du går vidare."),
        PhaseChangeRefusal.CategoryWithoutRequirements => Sv("Varje kategori behöver minst ett krav innan upphandlingen kan publiceras."),
        PhaseChangeRefusal.ReasonMissing => Sv("Ange varför insamlingen öppnas igen; skälet sparas i loggen."),
        _ => "",
    };
}
