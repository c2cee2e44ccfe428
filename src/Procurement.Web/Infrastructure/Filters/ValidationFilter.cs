using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewEngines;

namespace Procurement.Web.Infrastructure.Filters;

/// <summary>
/// A posted form that fails its annotations is shown again with its messages and status 400, before the
/// action runs. The view is the one named by <see cref="FormViewAttribute"/>, else the action's own; where
/// there is no form to show, the answer is the plain 400 page. Actions marked
/// <see cref="HandlesInvalidModelAttribute"/> deal with invalid input themselves.
/// </summary>
public sealed class ValidationFilter(ICompositeViewEngine viewEngine) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.ModelState.IsValid || HttpMethods.IsGet(context.HttpContext.Request.Method)
            || context.ActionDescriptor.EndpointMetadata.OfType<HandlesInvalidModelAttribute>().Any()
            || context.ActionDescriptor.EndpointMetadata.OfType<ErrorPageAttribute>().Any())
        {
            return;
        }

        var descriptor = (ControllerActionDescriptor)context.ActionDescriptor;
        var viewName = descriptor.MethodInfo.GetCustomAttributes(typeof(FormViewAttribute), false)
            .Cast<FormViewAttribute>().FirstOrDefault()?.ViewName ?? descriptor.ActionName;
        var model = context.ActionArguments.Values.FirstOrDefault(v => v is not null && IsForm(v.GetType()));

        if (context.Controller is Controller controller && model is not null
            && viewEngine.FindView(context, viewName, isMainPage: true).Success)
        {
            controller.ViewData.Model = model;
            context.Result = new ViewResult
            {
                ViewName = viewName,
                ViewData = controller.ViewData,
                TempData = controller.TempData,
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
        else
        {
            context.Result = new BadRequestResult();
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    /// <summary>A bound form object, as opposed to a route value, a list of values, a file or the cancellation token.</summary>
    private static bool IsForm(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !typeof(IFormFile).IsAssignableFrom(type);
}

/// <summary>The view to show again when the posted form is invalid.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormViewAttribute(string viewName) : Attribute
{
    public string ViewName { get; } = viewName;
}

/// <summary>
/// An error page, re-executed with the original request's method and form: it shows the error whatever
/// that form held, so it is never validated, never transactional and never needs an antiforgery token.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ErrorPageAttribute : Attribute;

/// <summary>The action checks <c>ModelState</c> itself (its view needs more than the posted form).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlesInvalidModelAttribute : Attribute;
