using System.Data.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Procurement.Data.Dialects;
using Procurement.Web.Features.Errors;

namespace Procurement.Web.Infrastructure.Filters;

/// <summary>
/// Failures that are nobody's input error, shown as what they are instead of a 500. The transaction has
/// already been rolled back by <see cref="TransactionFilter"/>, so nothing was saved.
/// <list type="bullet">
/// <item>Someone else changed the same thing first (a double-clicked button, two officers at once, a
/// unique key taken meanwhile, a deadlock): 409, reload and try again.</item>
/// <item>The database was too busy to take the write (the SQLite write gate timed out): 503, try again.</item>
/// </list>
/// </summary>
public sealed class ConflictExceptionFilter(ISqlDialect dialect) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var status = context.Exception switch
        {
            ConflictException => StatusCodes.Status409Conflict,
            DbException db when dialect.IsConflict(db) => StatusCodes.Status409Conflict,
            TimeoutException => StatusCodes.Status503ServiceUnavailable,
            _ => 0,
        };
        if (status == 0)
        {
            return;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
        }

        context.Result = new ViewResult
        {
            ViewName = "/Features/Errors/Error.cshtml",
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new ErrorViewModel(status, context.HttpContext.TraceIdentifier),
            },
            StatusCode = status,
        };
        context.ExceptionHandled = true;
    }
}

/// <summary>The change lost a race with another change; nothing was saved.</summary>
public sealed class ConflictException(string message) : Exception(message);
