using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Procurement.Web.Infrastructure.Views;

/// <summary>
/// One form field the same way everywhere: label, optional hint, the field's errors, and the control
/// tied to hint and errors with aria-describedby (WCAG 1.3.1, 3.3.1). Forms use novalidate and are
/// checked on the server, so every message comes in the page's language.
/// Usage: form-field with asp-for, type, autocomplete and an optional hint text.
/// </summary>
[HtmlTargetElement("form-field", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>text, email, password, number, date, textarea, select or checkbox.</summary>
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    /// <summary>Swedish text; translated like every other UI text.</summary>
    public string? Hint { get; set; }

    public IEnumerable<SelectListItem>? Items { get; set; }

    public string? Inputmode { get; set; }

    public int Rows { get; set; } = 5;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var hasErrors = errors is { Count: > 0 };
        var describedBy = new List<string>();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasErrors ? "field field--error" : "field");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(For.Metadata.DisplayName ?? name);
        if (!For.Metadata.IsRequired && Type != "checkbox")
        {
            label.InnerHtml.AppendHtml(" <span class=\"optional\">");
            label.InnerHtml.Append(l["(frivillig)"]);
            label.InnerHtml.AppendHtml("</span>");
        }

        if (Hint is not null)
        {
            var hint = new TagBuilder("p");
            hint.AddCssClass("hint");
            hint.Attributes["id"] = id + "-hint";
            hint.InnerHtml.Append(l[Hint]);
            output.Content.AppendHtml(Type == "checkbox" ? Microsoft.AspNetCore.Html.HtmlString.Empty : label);
            output.Content.AppendHtml(hint);
            describedBy.Add(id + "-hint");
        }
        else if (Type != "checkbox")
        {
            output.Content.AppendHtml(label);
        }

        if (hasErrors)
        {
            var error = new TagBuilder("p");
            error.AddCssClass("field-error");
            error.Attributes["id"] = id + "-error";
            foreach (var message in errors!)
            {
                error.InnerHtml.AppendHtml("<span class=\"visually-hidden\">");
                error.InnerHtml.Append(l["Fel:"]);
                error.InnerHtml.AppendHtml("</span> ");
                error.InnerHtml.Append(message.ErrorMessage);
                error.InnerHtml.AppendHtml("<br>");
            }

            output.Content.AppendHtml(error);
            describedBy.Add(id + "-error");
        }

        var control = BuildControl(name, id, entry?.AttemptedValue);
        if (describedBy.Count > 0)
        {
            control.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        }

        if (hasErrors)
        {
            control.Attributes["aria-invalid"] = "true";
        }

        if (For.Metadata.IsRequired && Type != "checkbox")
        {
            control.Attributes["aria-required"] = "true";
        }

        output.Content.AppendHtml(control);
        if (Type == "checkbox")
        {
            output.Content.AppendHtml(label);
        }
    }

    private TagBuilder BuildControl(string name, string id, string? attemptedValue)
    {
        // Dates go to <input type="date"> as yyyy-MM-dd whatever the page's language.
        var value = attemptedValue ?? (For.Model is DateOnly date
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Convert.ToString(For.Model, CultureInfo.CurrentCulture));
        TagBuilder control;
        switch (Type)
        {
            case "textarea":
                control = new TagBuilder("textarea");
                control.Attributes["rows"] = Rows.ToString(CultureInfo.InvariantCulture);
                control.InnerHtml.Append(value ?? "");
                break;
            case "select":
                control = new TagBuilder("select");
                foreach (var group in (Items ?? []).GroupBy(i => i.Group?.Name))
                {
                    var parent = control.InnerHtml;
                    TagBuilder? optgroup = null;
                    if (group.Key is not null)
                    {
                        optgroup = new TagBuilder("optgroup");
                        optgroup.Attributes["label"] = group.Key;
                    }

                    foreach (var item in group)
                    {
                        var option = new TagBuilder("option");
                        option.Attributes["value"] = item.Value;
                        if (item.Selected || (value is not null && item.Value == value))
                        {
                            option.Attributes["selected"] = "selected";
                        }

                        option.InnerHtml.Append(item.Text);
                        (optgroup?.InnerHtml ?? parent).AppendHtml(option);
                    }

                    if (optgroup is not null)
                    {
                        parent.AppendHtml(optgroup);
                    }
                }

                break;
            case "checkbox":
                control = new TagBuilder("input");
                control.TagRenderMode = TagRenderMode.SelfClosing;
                control.Attributes["type"] = "checkbox";
                control.Attributes["value"] = "true";
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
                {
                    control.Attributes["checked"] = "checked";
                }

                break;
            default:
                control = new TagBuilder("input");
                control.TagRenderMode = TagRenderMode.SelfClosing;
                control.Attributes["type"] = Type;
                if (Type != "password" && value is not null)
                {
                    control.Attributes["value"] = value; // a password is never sent back to the browser
                }

                break;
        }

        control.Attributes["id"] = id;
        control.Attributes["name"] = name;
        if (Autocomplete is not null)
        {
            control.Attributes["autocomplete"] = Autocomplete;
        }

        if (Inputmode is not null)
        {
            control.Attributes["inputmode"] = Inputmode;
        }

        return control;
    }
}
