using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Procurement.Domain.Requirements;

namespace Procurement.Web.Infrastructure.Views;

/// <summary>Requirement texts as HTML: encoded, line breaks kept, bracketed parameters marked, differences shown.</summary>
public static partial class RequirementHtml
{
    /// <summary>"Svar inom [30] dagar": the bracketed part is a parameter the buyer may change; it is marked so it stands out.</summary>
    public static IHtmlContent Text(string text)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match parameter in Parameter().Matches(text))
        {
            html.Append(WebUtility.HtmlEncode(text[last..parameter.Index]));
            html.Append("<mark class=\"parameter\">").Append(WebUtility.HtmlEncode(parameter.Value)).Append("</mark>");
            last = parameter.Index + parameter.Length;
        }

        html.Append(WebUtility.HtmlEncode(text[last..]));
        return new HtmlString(html.ToString());
    }

    /// <summary>A word-level difference: removed words struck through, added words underlined, each with a spoken label.</summary>
    public static IHtmlContent Diff(string? before, string? after, IStringLocalizer l)
    {
        var html = new StringBuilder();
        foreach (var part in WordDiff.Compare(before, after))
        {
            var text = WebUtility.HtmlEncode(part.Text);
            html.Append(part.Operation switch
            {
                DiffOperation.Deleted => $"<del><span class=\"visually-hidden\">{WebUtility.HtmlEncode(l["Borttaget:"])} </span>{text}</del>",
                DiffOperation.Inserted => $"<ins><span class=\"visually-hidden\">{WebUtility.HtmlEncode(l["Tillagt:"])} </span>{text}</ins>",
                _ => text,
            });
        }

        return new HtmlString(html.ToString());
    }

    [GeneratedRegex(@"\[[^\[\]\n]{1,60}\]")]
    private static partial Regex Parameter();
}
