using System.Net;
using Procurement.Domain.Identity;
using Procurement.IntegrationTests.Workspace;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>
/// Every form of the app, sent empty, over-long, malformed or hostile, answers with a Swedish page and a
/// 4xx (or a redirect when the input happens to be acceptable), never a 5xx.
/// </summary>
public sealed class BadInputTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    /// <summary>Form page, form action, who fills it in.</summary>
    private static readonly (string Page, string Action, string? Role)[] Forms =
    [
        ("/konto/logga-in", "/konto/logga-in", null),
        ("/konto/glomt-losenord", "/konto/glomt-losenord", null),
        ("/konto/aterstall-losenord?anvandare=00000000-0000-0000-0000-000000000001&kod=x", "/konto/aterstall-losenord", null),
        ("/registrera", "/registrera", null),
        ("/konto/skicka-bekraftelse", "/konto/skicka-bekraftelse", null),
        ("/inbjudan?kod={token}", "/inbjudan", null),
        ("/", "/sprak", null),
        ("/konto", "/konto/namn", Roles.Supplier),
        ("/konto/losenord", "/konto/losenord", Roles.Supplier),
        ("/konto/tvafaktor", "/konto/tvafaktor/aktivera", Roles.Supplier),
        ("/inbjudningar/ny", "/inbjudningar/ny", Roles.ProcurementOfficer),
        ("/organisationer/ny", "/organisationer/ny", Roles.Administrator),
        ("/standarder/ny", "/standarder/ny", Roles.Administrator),
        ("/standarder/OCDS/redigera", "/standarder/OCDS/redigera", Roles.Administrator),
        ("/upphandlingar/ny", "/upphandlingar/ny", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/redigera", "/upphandlingar/{p}/redigera", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}", "/upphandlingar/{p}/fas", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/deltagare/bjud-in", "/upphandlingar/{p}/deltagare/bjud-in", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}", "/upphandlingar/{p}/deltagande", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/krav/nytt", "/upphandlingar/{p}/krav/nytt", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/krav/{r}/redigera", "/upphandlingar/{p}/krav/{r}/redigera", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/krav/{r}", "/upphandlingar/{p}/krav/{r}/kommentarer", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/krav/{r}", "/upphandlingar/{p}/krav/{r}/stod", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/behov/nytt", "/upphandlingar/{p}/behov/nytt", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/behov/{s}/redigera", "/upphandlingar/{p}/behov/{s}/redigera", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/import", "/upphandlingar/{p}/import", Roles.MunicipalityRepresentative),
        ("/upphandlingar/{p}/import", "/upphandlingar/{p}/import", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/lankforslag", "/upphandlingar/{p}/lankforslag/beslut", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/lankforslag", "/upphandlingar/{p}/lankforslag/manuell", Roles.ProcurementOfficer),
        ("/upphandlingar/{p}/tackning", "/upphandlingar/{p}/tackning/konflikter", Roles.ProcurementOfficer),
        // Last: an empty list is acceptable input and leaves the procurement without applicable standards (and the forms above without clauses).
        ("/upphandlingar/{p}/standarder", "/upphandlingar/{p}/standarder", Roles.ProcurementOfficer),
    ];

    private static readonly string[] BadValues =
    [
        "",
        "   ",
        new string('å', 5000),
        "<script>alert(1)</script>",
        "'; DROP TABLE users; --",
        "00000000-0000-0000-0000-000000000000",
        "inte-ett-id",
        "-1",
        "\u0000\u202E\uFEFF",
        "😀😀😀",
    ];

    [Fact]
    public async Task No_form_answers_bad_input_with_a_server_error()
    {
        var invitations = 0;
        var token = await InvitationTokenAsync(++invitations);
        var clients = new Dictionary<string, TestClient> { [""] = app.NewClient() };
        foreach (var role in new[] { Roles.ProcurementOfficer, Roles.MunicipalityRepresentative })
        {
            clients[role] = (await app.SignedInAsync(role)).Client;
        }

        var samples = await WorkspaceAsync(clients[Roles.ProcurementOfficer], clients[Roles.MunicipalityRepresentative]);
        string Fill(string template) => samples.Aggregate(template.Replace("{token}", token, StringComparison.Ordinal),
            (url, sample) => url.Replace(sample.Key, sample.Value.ToString(), StringComparison.Ordinal));
        var failures = new List<string>();

        foreach (var (pageTemplate, actionTemplate, role) in Forms)
        {
            string pageUrl = Fill(pageTemplate), action = Fill(actionTemplate);
            if (!clients.TryGetValue(role ?? "", out var client))
            {
                client = clients[role!] = (await app.SignedInAsync(role!)).Client;
            }

            var (_, page) = await client.GetPageAsync(pageUrl);
            var form = page.Forms.FirstOrDefault(f => (f.GetAttribute("action") ?? pageUrl.Split('?')[0]) == action.Split('?')[0])
                ?? throw new InvalidOperationException($"{pageUrl} has no form posting to {action}.");
            var fields = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>()
                .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
            var antiforgery = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().First(i => i.Name == "__RequestVerificationToken").Value;

            foreach (var bad in BadValues)
            {
                foreach (var target in fields.Append("*all*"))
                {
                    var values = fields.ToDictionary(f => f, f => target == "*all*" || f == target ? bad : "helt vanligt värde 123");
                    // Posted with the token of the form as first shown: a form that is gone after an accepted post
                    // (support given, invitation used) is still tried with every value.
                    var response = await client.PostAsync(action, values, antiforgery);
                    var status = (int)response.StatusCode;
                    if (pageTemplate.Contains("{token}", StringComparison.Ordinal) && status == 302)
                    {
                        // The input happened to be a valid account: the invitation is used up, take a new one.
                        token = await InvitationTokenAsync(++invitations);
                        (pageUrl, action) = (Fill(pageTemplate), Fill(actionTemplate));
                        client = clients[""] = app.NewClient();
                        antiforgery = (await client.GetPageAsync(pageUrl)).Document.Forms
                            .SelectMany(f => f.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()).First(i => i.Name == "__RequestVerificationToken").Value;
                    }

                    if (status >= 500 || (status >= 400 && !(await response.Content.ReadAsStringAsync()).Contains("<html lang=\"sv\"", StringComparison.Ordinal)))
                    {
                        failures.Add($"{action} with {target} = \"{Describe(bad)}\": {status}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)) + "\n" + app.Log);
    }

    [Fact]
    public async Task Garbage_in_route_values_and_query_strings_gives_4xx()
    {
        var (officer, _) = await app.SignedInAsync(Roles.Administrator);

        foreach (var url in new[] { "/standarder/%3Cscript%3E", "/standarder/" + new string('X', 3000), "/standarder/FINNS-INTE/redigera", "/organisationer/inte-ett-id", "/organisationer/00000000-0000-0000-0000-000000000000", "/organisationer?sida=-5&typ=okand&lan=99&sok=%00", "/organisationer?sida=abc", "/inbjudan?kod=%2e%2e%2f", "/fel/abc", "/konto/aterstall-losenord?anvandare=x&kod=", "/konto/bekrafta-epost?anvandare=&kod=" })
        {
            var response = await officer.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}\n{app.Log}");
        }

        var (procurementOfficer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var procurement = await app.CreateProcurementAsync(procurementOfficer);
        foreach (var query in new[]
                 {
                     "sortering?vy=okand&sok=%22%2A%28%29%5E&org=x&lan=999&typ=NEJ&kategori=-1&status=?&sortera=;DROP&sida=-3",
                     "sortering?sida=99999999999&sok=" + new string('ö', 3000), "sortering?sok=AND%20OR%20NOT%20NEAR%28%29", "sortering?vy=krav&sok=%22",
                     "behov?sida=0&vem=%00", "krav/inte-ett-id", $"krav/{Guid.NewGuid()}", $"krav/{Guid.NewGuid()}/historik?fran=-1&till=abc",
                     "deltagare?status=x&lan=%3Cscript%3E", "import/inte-ett-id", "standarder?x=%00", "lankforslag?sida=-1", "tackning?x=1", "tackning.xlsx?y=%22", $"import/{Guid.NewGuid()}/status", "krav/nytt?avsnitt=9&kategori=x",
                 })
        {
            var response = await procurementOfficer.GetAsync($"/upphandlingar/{procurement}/{query}");
            Assert.True((int)response.StatusCode < 500, $"{query}: {(int)response.StatusCode}\n{app.Log}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await procurementOfficer.GetAsync($"/upphandlingar/{Guid.NewGuid()}/krav")).StatusCode);

        var revoke = await officer.PostAsync("/inbjudningar/inte-ett-id/aterkalla", new Dictionary<string, string>());
        var missing = await officer.PostAsync($"/inbjudningar/{Guid.NewGuid()}/aterkalla", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>A procurement the representative's municipality joined, with a requirement and one of its needs.</summary>
    private async Task<Dictionary<string, Guid>> WorkspaceAsync(TestClient officer, TestClient representative)
    {
        var procurement = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, procurement);
        var created = await officer.SubmitAsync($"/upphandlingar/{procurement}/krav/nytt", $"/upphandlingar/{procurement}/krav/nytt", new Dictionary<string, string>
        {
            ["Form.Section"] = "Specification",
            ["Form.CategoryId"] = (await app.CategoryIdAsync(procurement, 1)).ToString(),
            ["Form.Kind"] = "Ska",
            ["Form.Title"] = "Bokning",
            ["Form.Text"] = "Det ska gå att boka lokaler.",
            ["Form.Status"] = "Draft",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // Applicable standards with a suggestion, so the forms of links and coverage are on their pages.
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{procurement}/standarder",
            new Dictionary<string, string> { ["standarder"] = "DOS-WCAG", ["version"] = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/upphandlingar/{procurement}/lankforslag",
            $"/upphandlingar/{procurement}/lankforslag/foresla", new Dictionary<string, string>())).StatusCode);
        var submitted = await representative.SubmitAsync($"/upphandlingar/{procurement}/behov/nytt", $"/upphandlingar/{procurement}/behov/nytt",
            new Dictionary<string, string> { ["Form.Text"] = "Vi behöver kunna boka idrottshallar." });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return new Dictionary<string, Guid>
        {
            ["{p}"] = procurement,
            ["{r}"] = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @procurement", new { procurement }),
            ["{s}"] = await app.QueryScalarAsync<Guid>("SELECT id FROM submissions WHERE procurement_id = @procurement", new { procurement }),
        };
    }

    private static string Describe(string value) => value.Length > 20 ? value[..20] + $"… ({value.Length})" : value;

    private async Task<string> InvitationTokenAsync(int number)
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var uppsala = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'");
        await officer.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", new Dictionary<string, string>
        {
            ["Form.Email"] = $"fuzz{number}@uppsala.example",
            ["Form.Role"] = Roles.MunicipalityRepresentative,
            ["Form.OrganisationId"] = uppsala.ToString(),
        });
        return (await app.SingleEmailToAsync($"fuzz{number}@uppsala.example")).LinkTo("/inbjudan?kod=").Split("kod=")[^1];
    }
}
