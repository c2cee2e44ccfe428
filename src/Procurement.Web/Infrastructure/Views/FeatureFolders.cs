using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Procurement.Web.Infrastructure.Views;

/// <summary>
/// Views live beside their controller in <c>Features/&lt;Feature&gt;/</c>. The feature is the namespace
/// segment after "Features", so a feature may hold several controllers that share views.
/// </summary>
public sealed class FeatureConvention : IControllerModelConvention
{
    public const string Key = "feature";

    public void Apply(ControllerModel controller)
    {
        var segments = controller.ControllerType.Namespace?.Split('.') ?? [];
        var index = Array.IndexOf(segments, "Features");
        controller.Properties[Key] = index >= 0 && index + 1 < segments.Length ? segments[index + 1] : "Shared";
    }
}

public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values[FeatureConvention.Key] =
            context.ActionContext.ActionDescriptor.Properties.TryGetValue(FeatureConvention.Key, out var feature)
                ? feature as string
                : null;

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values[FeatureConvention.Key] ?? "Shared";
        return
        [
            $"/Features/{feature}/{{0}}.cshtml",
            "/Features/Shared/{0}.cshtml",
        ];
    }
}
