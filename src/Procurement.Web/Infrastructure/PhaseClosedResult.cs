using Microsoft.AspNetCore.Mvc;
using Procurement.Domain.Procurements;
using Procurement.Web.Features.Procurements;

namespace Procurement.Web.Infrastructure;

public static class PhaseClosedResult
{
    /// <summary>
    /// The procurement's phase does not allow this any more (or yet): a 409 page that says why, so a form
    /// sent from an old page never saves half a change.
    /// </summary>
    public static ViewResult PhaseClosed(this Controller controller, string message)
    {
        controller.ViewData["Message"] = message;
        return controller.View("/Features/Shared/PhaseClosed.cshtml").WithStatus(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Why this user may not contribute needs or support to the procurement now (403 when not a participant, or
    /// not an owning officer where <paramref name="officersToo"/>; the 409 page with <paramref name="closedMessage"/>
    /// once collection has closed), or null when they may.
    /// </summary>
    public static IActionResult? ContributionRefusal(this Controller controller, string closedMessage, bool officersToo = false)
    {
        var scope = controller.HttpContext.Procurement();
        if (!scope.Access.IsParticipant && !(officersToo && scope.Access.CanManage))
        {
            return controller.Forbid();
        }

        return scope.Phase.AcceptsSubmissions() ? null : controller.PhaseClosed(closedMessage);
    }
}
