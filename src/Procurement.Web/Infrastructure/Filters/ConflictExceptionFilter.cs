using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Procurement.Web.Features.Errors;

namespace Procurement.Web.Infrastructure.Filters;

/// <summary>
/// Someone else changed the same thing first (a double-clicked button, two officers at once). The
/// transaction has already been rolled back by <see cref="TransactionFilter"/>; the user gets a 409 page
/// that says so, instead of a 500.
/// </summary>
public sealed class ConflictExceptionFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not ConflictException)
        {
            return;
        }

        context.Result = new ViewResult
        {
            ViewName = "/Features/Errors/Error.cshtml",
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(
                new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new ErrorViewModel(StatusCodes.Status409Conflict, context.HttpContext.TraceIdentifier),
            },
            StatusCode = StatusCodes.Status409Conflict,
        };
        context.ExceptionHandled = true;
    }
}

/// <summary>The change lost a race with another change; nothing was saved.</summary>
public sealed class ConflictException(string message) : Exception(message);
