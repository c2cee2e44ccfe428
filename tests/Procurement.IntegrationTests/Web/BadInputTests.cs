using System.Net;
using Procurement.Domain.Identity;
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
        var failures = new List<string>();

        foreach (var (pageTemplate, actionTemplate, role) in Forms)
        {
            string pageUrl = pageTemplate.Replace("{token}", token, StringComparison.Ordinal), action = actionTemplate.Replace("{token}", token, StringComparison.Ordinal);
            if (!clients.TryGetValue(role ?? "", out var client))
            {
                client = clients[role!] = (await app.SignedInAsync(role!)).Client;
            }

            var (_, page) = await client.GetPageAsync(pageUrl);
            var form = page.Forms.First(f => (f.GetAttribute("action") ?? pageUrl.Split('?')[0]) == action.Split('?')[0]);
            var fields = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>()
                .Where(n => n != "__RequestVerificationToken").Distinct().ToList();

            foreach (var bad in BadValues)
            {
                foreach (var target in fields.Append("*all*"))
                {
                    var values = fields.ToDictionary(f => f, f => target == "*all*" || f == target ? bad : "helt vanligt värde 123");
                    var response = await client.SubmitAsync(pageUrl, action, values);
                    var status = (int)response.StatusCode;
                    if (pageTemplate.Contains("{token}", StringComparison.Ordinal) && status == 302)
                    {
                        // The input happened to be a valid account: the invitation is used up, take a new one.
                        token = await InvitationTokenAsync(++invitations);
                        (pageUrl, action) = (pageTemplate.Replace("{token}", token, StringComparison.Ordinal), actionTemplate.Replace("{token}", token, StringComparison.Ordinal));
                        client = clients[""] = app.NewClient();
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

        foreach (var url in new[] { "/organisationer/inte-ett-id", "/organisationer/00000000-0000-0000-0000-000000000000", "/organisationer?sida=-5&typ=okand&lan=99&sok=%00", "/organisationer?sida=abc", "/inbjudan?kod=%2e%2e%2f", "/fel/abc", "/konto/aterstall-losenord?anvandare=x&kod=", "/konto/bekrafta-epost?anvandare=&kod=" })
        {
            var response = await officer.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}\n{app.Log}");
        }

        var revoke = await officer.PostAsync("/inbjudningar/inte-ett-id/aterkalla", new Dictionary<string, string>());
        var missing = await officer.PostAsync($"/inbjudningar/{Guid.NewGuid()}/aterkalla", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
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
