using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>
/// Forms filled in as a browser fills them (every field as the page shows it, then the user's changes),
/// requirements added through the pages, phase changes, and people outside the procurement.
/// </summary>
public static class SpecificationSetup
{
    private static int bodies;

    /// <summary>A requirement in the given place, added by the officer through the form; returns its id.</summary>
    public static async Task<Guid> AddRequirementAsync(this ProcurementWebFactory app, TestClient officer, Guid procurementId, string title,
        string text = "Systemet ska gå att använda med skärmläsare.", string kind = "Ska", string section = "Specification", int? category = 1,
        string motiv = "", string verifikat = "")
    {
        var categoryId = category is { } number ? (await app.CategoryIdAsync(procurementId, number)).ToString() : "";
        var response = await officer.SubmitAsync($"/upphandlingar/{procurementId}/krav/nytt", $"/upphandlingar/{procurementId}/krav/nytt",
            RequirementFields(section, categoryId, kind, title, text, motiv, verifikat));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding \"{title}\" answered {(int)response.StatusCode}.");
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    public static Dictionary<string, string> RequirementFields(string section, string categoryId, string kind, string title, string text,
        string motiv = "", string verifikat = "", string status = "Draft") => new()
        {
            ["Form.Section"] = section,
            ["Form.CategoryId"] = categoryId,
            ["Form.Kind"] = kind,
            ["Form.Title"] = title,
            ["Form.Text"] = text,
            ["Form.Motiv"] = motiv,
            ["Form.Verifikat"] = verifikat,
            ["Form.Status"] = status,
        };

    /// <summary>The edit form of a requirement as opened, with a new text and reason (and kind, status or category if given).</summary>
    public static Dictionary<string, string> EditFields((Dictionary<string, string> Fields, string Token) form, string text, string reason,
        string? kind = null, string? status = null, string? category = null)
    {
        var changes = new Dictionary<string, string> { ["Form.Text"] = text, ["Form.Reason"] = reason };
        if (kind is not null)
        {
            changes["Form.Kind"] = kind;
        }

        if (status is not null)
        {
            changes["Form.Status"] = status;
        }

        if (category is not null)
        {
            changes["Form.CategoryId"] = category;
        }

        return form.Fields.With(changes);
    }

    /// <summary>Opens a page and reads its form as the browser would send it untouched, with its antiforgery token.</summary>
    public static async Task<(Dictionary<string, string> Fields, string Token)> OpenFormAsync(this TestClient client, string pageUrl, string actionUrl)
    {
        var (response, page) = await client.GetPageAsync(pageUrl);
        Assert.True(response.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)response.StatusCode}");
        return FormOf(page, actionUrl);
    }

    /// <summary>The fields of the first form posting to <paramref name="actionUrl"/> as they stand on the page, and its token.</summary>
    public static (Dictionary<string, string> Fields, string Token) FormOf(IHtmlDocument page, string actionUrl)
    {
        var form = page.Forms.FirstOrDefault(f => f.GetAttribute("action") == actionUrl)
            ?? throw new InvalidOperationException($"No form posts to {actionUrl}.");
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name && !input.IsDisabled
                    && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields[name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    fields[name] = area.Value;
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }

        var token = fields["__RequestVerificationToken"];
        fields.Remove("__RequestVerificationToken");
        return (fields, token);
    }

    /// <summary>The fields with some of them changed.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, IReadOnlyDictionary<string, string> changes)
    {
        var result = new Dictionary<string, string>(fields);
        foreach (var (name, value) in changes)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>A form post where a name may repeat (several checkboxes of the same name).</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this TestClient client, string actionUrl, IEnumerable<KeyValuePair<string, string>> fields, string token) =>
        client.Http.PostAsync(actionUrl, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    /// <summary>POST /upphandlingar/{id}/fas as the forms of the overview send it.</summary>
    public static Task<HttpResponseMessage> ChangePhaseAsync(this TestClient officer, Guid procurementId, string from, string to, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["fran"] = from, ["till"] = to };
        if (reason is not null)
        {
            fields["skal"] = reason;
        }

        return officer.PostAsync($"/upphandlingar/{procurementId}/fas", fields);
    }

    /// <summary>
    /// A procurement taken through the pages to <paramref name="phase"/>: a municipality joined (0380 unless
    /// told), a requirement in each category, each phase change made by the officer.
    /// </summary>
    public static async Task<Guid> ProcurementInPhaseAsync(this ProcurementWebFactory app, TestClient officer, string phase, string municipalityCode = "0380")
    {
        var id = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, id, municipalityCode);
        await app.AddRequirementAsync(officer, id, "Bokning via webben", category: 1);
        await app.AddRequirementAsync(officer, id, "Ansökan om bidrag via webben", category: 2);
        string[] phases = ["Collection", "Compilation", "Prioritisation", "Review", "Published"];
        for (var i = 0; phases[i] != phase; i++)
        {
            var response = await officer.ChangePhaseAsync(id, phases[i], phases[i + 1]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return id;
    }

    /// <summary>A signed-in officer of a purchasing body of its own, which owns nothing here.</summary>
    public static async Task<(TestClient Client, TestUser User)> OfficerOfAnotherBodyAsync(this ProcurementWebFactory app)
    {
        var name = $"Annan Inköpscentral {Interlocked.Increment(ref bodies)}";
        var organisationId = await app.WithServicesAsync(sp =>
            sp.GetRequiredService<OrganisationCommands>().CreateAsync(OrganisationKind.CentralPurchasingBody, name, null, null));
        return await app.SignedInAsync(Roles.ProcurementOfficer, organisationId);
    }

    public static Task<Guid> MunicipalityIdAsync(this ProcurementWebFactory app, string municipalityCode) =>
        app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = @municipalityCode", new { municipalityCode });

    /// <summary>The text of the page's main element.</summary>
    public static string MainText(this IHtmlDocument page) => page.QuerySelector("main")!.TextContent;
}
