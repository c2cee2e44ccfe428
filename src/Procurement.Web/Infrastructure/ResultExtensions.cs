using Microsoft.AspNetCore.Mvc;

namespace Procurement.Web.Infrastructure;

public static class ResultExtensions
{
    /// <summary>A view with another status, e.g. a refused form shown again with 400.</summary>
    public static ViewResult WithStatus(this ViewResult view, int statusCode)
    {
        view.StatusCode = statusCode;
        return view;
    }

    /// <summary>
    /// "You are already signed in — sign out first": no sign-in or new account over a live session, which
    /// ASP.NET would let keep its id (session fixation). 200 for a page, 409 for a form sent anyway.
    /// </summary>
    public static ViewResult AlreadySignedIn(this Controller controller) =>
        controller.View("/Features/Account/AlreadySignedIn.cshtml")
            .WithStatus(HttpMethods.IsGet(controller.Request.Method) ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
}
