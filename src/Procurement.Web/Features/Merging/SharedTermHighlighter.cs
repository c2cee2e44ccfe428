using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Web.Features.Merging;

/// <summary>Marks the words of a need that carry the terms its group shares, so the officer sees why they were grouped.</summary>
public static class SharedTermHighlighter
{
    public static IHtmlContent Html(string text, IReadOnlySet<string> sharedTerms)
    {
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (var word in TextAnalyzer.Swedish.Words(text))
        {
            if (word.Term.Length == 0 || !sharedTerms.Contains(word.Term))
            {
                continue;
            }

            html.Append(text[at..word.Start]);
            html.AppendHtml("<mark>");
            html.AppendHtml(HtmlEncoder.Default.Encode(text.Substring(word.Start, word.Length)));
            html.AppendHtml("</mark>");
            at = word.Start + word.Length;
        }

        html.Append(text[at..]);
        return html;
    }
}
