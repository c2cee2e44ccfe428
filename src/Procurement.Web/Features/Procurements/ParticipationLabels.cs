using Procurement.Domain.Procurements;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Procurements;

public static class ParticipationLabels
{
    public static string Status(ParticipationStatus status) => status switch
    {
        ParticipationStatus.Invited => Sv("Inbjuden"),
        ParticipationStatus.Joined => Sv("Ansluten"),
        _ => Sv("Avböjt"),
    };
}
