using Microsoft.AspNetCore.Mvc;

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
}
