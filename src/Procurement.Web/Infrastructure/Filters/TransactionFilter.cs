using Microsoft.AspNetCore.Mvc.Filters;
using Procurement.Data;

namespace Procurement.Web.Infrastructure.Filters;

/// <summary>
/// Every unsafe request (POST, PUT, DELETE …) runs in one database transaction: it commits when the action
/// completes and rolls back when it throws, so a change is never half saved. Actions check their input
/// before they write; a refused form therefore commits nothing.
/// </summary>
public sealed class TransactionFilter(DbSession session) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || session.InTransaction
            || context.ActionDescriptor.EndpointMetadata.OfType<NoTransactionAttribute>().Any())
        {
            await next();
            return;
        }

        await session.BeginAsync(context.HttpContext.RequestAborted);
        ActionExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }

        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            await session.RollbackAsync();
        }
        else
        {
            await session.CommitAsync();
        }
    }
}
