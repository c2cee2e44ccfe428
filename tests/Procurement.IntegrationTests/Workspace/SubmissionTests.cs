using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;
using static Procurement.IntegrationTests.Workspace.NeedsSteps;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>Needs ("behov") municipalities send in, change, withdraw and support while collection is open.</summary>
public sealed class SubmissionTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_representative_sends_a_need_for_their_organisation_and_every_participant_sees_it()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, uppsalaUser) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, _) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var bidrag = await app.CategoryIdAsync(id, 2);

        var response = await uppsala.SubmitAsync($"/upphandlingar/{id}/behov/nytt", $"/upphandlingar/{id}/behov/nytt", new Dictionary<string, string>
        {
            ["Form.Text"] = "  Föreningar ska kunna söka aktivitetsstöd med BankID och följa ärendet på webben.  ",
            ["Form.Kind"] = "Ska",
            ["Form.Motiv"] = "Vi får många frågor om var ansökan befinner sig.",
            ["Form.CategoryId"] = bidrag.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/upphandlingar/{id}/behov?vem=mina", response.Headers.Location!.OriginalString);
        var saved = await RowAsync<(string Text, string Kind, string Motiv, Guid CategoryId, Guid OrganisationId, Guid CreatedBy, string Source, string Status, long Version)>(app,
            "SELECT text, suggested_kind, motiv, category_id, organisation_id, created_by, source, status, version FROM submissions WHERE procurement_id = @id",
            new { id });
        Assert.Equal(("Föreningar ska kunna söka aktivitetsstöd med BankID och följa ärendet på webben.", "Ska", "Vi får många frågor om var ansökan befinner sig.",
            bidrag, uppsalaUser.OrganisationId, uppsalaUser.Id, "Form", "Active", 1L), saved);
        Assert.Equal(1, await JournalCountAsync("submission.created", id));

        // The other municipality and the officer see it, with who sent it, its kind and its category.
        foreach (var viewer in new[] { stockholm, officer })
        {
            var (list, page) = await viewer.GetPageAsync($"/upphandlingar/{id}/behov");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var item = page.QuerySelector(".submission-list li")!;
            Assert.Contains("aktivitetsstöd med BankID", item.TextContent, StringComparison.Ordinal);
            Assert.Contains("Uppsala", item.QuerySelector(".submission__meta")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("SKA", item.QuerySelector(".tag")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("Bidrag", item.TextContent, StringComparison.Ordinal);
            Assert.Contains("1 behov från kommuner och regioner.", MainText(page), StringComparison.Ordinal);
        }

        // Stockholm may support it but not change it; Uppsala may change it.
        var (_, stockholmPage) = await stockholm.GetPageAsync($"/upphandlingar/{id}/behov");
        Assert.Empty(stockholmPage.QuerySelectorAll($"a[href$='/redigera']"));
        Assert.Contains("Vi behöver också detta", MainText(stockholmPage), StringComparison.Ordinal);
        var (_, uppsalaPage) = await uppsala.GetPageAsync($"/upphandlingar/{id}/behov?vem=mina");
        Assert.Single(uppsalaPage.QuerySelectorAll($"a[href$='/redigera']"));
        var (_, stockholmOwn) = await stockholm.GetPageAsync($"/upphandlingar/{id}/behov?vem=mina");
        Assert.Contains("Inga behov ännu.", MainText(stockholmOwn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_representative_changes_their_organisations_need_and_the_change_is_journalled()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, user) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Bokningsbekräftelse via e-post.", kind: "Bor");
        var bokning = await app.CategoryIdAsync(id, 1);

        var (form, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/behov/{needId}/redigera");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("Bokningsbekräftelse via e-post.", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value"));

        var saved = await uppsala.SubmitAsync($"/upphandlingar/{id}/behov/{needId}/redigera", $"/upphandlingar/{id}/behov/{needId}/redigera",
            new Dictionary<string, string>
            {
                ["Form.Text"] = "Bokningsbekräftelse via e-post och sms.",
                ["Form.Kind"] = "Ska",
                ["Form.Motiv"] = "",
                ["Form.CategoryId"] = bokning.ToString(),
            });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("Bokningsbekräftelse via e-post och sms.", "Ska", bokning, 2L), await RowAsync<(string, string, Guid, long)>(app, "SELECT text, suggested_kind, category_id, version FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'submission.changed' AND entity_id = @needId AND actor_user_id = @Id AND before_json LIKE '%e-post.%'",
            new { needId = needId.ToString(), user.Id }));

        // A colleague from the same municipality may change it too: the need is the organisation's, not the person's.
        var (colleague, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, user.OrganisationId);
        var byColleague = await colleague.SubmitAsync($"/upphandlingar/{id}/behov/{needId}/redigera", $"/upphandlingar/{id}/behov/{needId}/redigera",
            new Dictionary<string, string> { ["Form.Text"] = "Bokningsbekräftelse via e-post, sms och app." });
        Assert.Equal(HttpStatusCode.Redirect, byColleague.StatusCode);
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT version FROM submissions WHERE id = @needId", new { needId }));
    }

    [Fact]
    public async Task A_stale_save_shows_the_conflict_and_does_not_overwrite_the_colleagues_change()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (first, user) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (second, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, user.OrganisationId);
        var needId = await SubmitNeedAsync(app, first, id, "Lokaler ska kunna bokas per timme.");
        var url = $"/upphandlingar/{id}/behov/{needId}/redigera";

        // Both open the form at version 1; the first saves.
        var (_, staleForm) = await second.GetPageAsync(url);
        var staleVersion = staleForm.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(url, url, new Dictionary<string, string> { ["Form.Text"] = "Lokaler ska kunna bokas per halvtimme." })).StatusCode);

        var conflict = await second.PostAsync(url, new Dictionary<string, string>
        {
            ["Form.Version"] = staleVersion,
            ["Form.Text"] = "Lokaler ska kunna bokas per kvart.",
        }, tokenPageUrl: url);
        var page = await TestClient.ParseAsync(conflict);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("En kollega ändrade behovet medan du skrev. Den sparade texten är: \"Lokaler ska kunna bokas per halvtimme.\"",
            MainText(page), StringComparison.Ordinal);
        Assert.Equal("Lokaler ska kunna bokas per kvart.", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        Assert.Equal("Lokaler ska kunna bokas per halvtimme.", await app.QueryScalarAsync<string>("SELECT text FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'submission.changed' AND entity_id = @needId", new { needId = needId.ToString() }));

        // The form now carries the saved version: saving again replaces the text, as the message says.
        Assert.Equal("2", page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value"));
        var token = page.QuerySelector("form[action$='/redigera'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var again = await second.PostAsync(url, new Dictionary<string, string>
        {
            ["Form.Version"] = "2",
            ["Form.Text"] = "Lokaler ska kunna bokas per kvart.",
        }, token);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Lokaler ska kunna bokas per kvart.", await app.QueryScalarAsync<string>("SELECT text FROM submissions WHERE id = @needId", new { needId }));
    }

    [Fact]
    public async Task A_withdrawn_need_leaves_the_list_cannot_be_changed_and_is_journalled()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Statistik över bokade timmar per förening.");
        var kept = await SubmitNeedAsync(app, uppsala, id, "Export av fakturaunderlag till ekonomisystemet.");

        var withdrawn = await uppsala.SubmitAsync($"/upphandlingar/{id}/behov?vem=mina", $"/upphandlingar/{id}/behov/{needId}/aterkalla", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", await app.QueryScalarAsync<string>("SELECT status FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal("Active", await app.QueryScalarAsync<string>("SELECT status FROM submissions WHERE id = @kept", new { kept }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'submission.withdrawn' AND entity_id = @needId", new { needId = needId.ToString() }));
        var (_, list) = await officer.GetPageAsync($"/upphandlingar/{id}/behov");
        Assert.DoesNotContain("Statistik över bokade timmar", MainText(list), StringComparison.Ordinal);
        Assert.Contains("Export av fakturaunderlag", MainText(list), StringComparison.Ordinal);
        Assert.Contains("1 behov från kommuner och regioner.", MainText(list), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await uppsala.GetAsync($"/upphandlingar/{id}/behov/{needId}/redigera")).StatusCode);
        var edit = await uppsala.PostAsync($"/upphandlingar/{id}/behov/{needId}/redigera", new Dictionary<string, string> { ["Form.Text"] = "Tillbaka?", ["Form.Version"] = "2" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal("Statistik över bokade timmar per förening.", await app.QueryScalarAsync<string>("SELECT text FROM submissions WHERE id = @needId", new { needId }));
    }

    [Fact]
    public async Task A_municipality_cannot_change_or_withdraw_another_municipalitys_need()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, _) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Kartvy över kommunens lokaler.");
        var url = $"/upphandlingar/{id}/behov/{needId}";

        Assert.Equal(HttpStatusCode.Forbidden, (await stockholm.GetAsync($"{url}/redigera")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stockholm.PostAsync($"{url}/redigera", new Dictionary<string, string>
        {
            ["Form.Text"] = "Stockholm skriver över.",
            ["Form.Version"] = "1",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stockholm.PostAsync($"{url}/aterkalla", new Dictionary<string, string>())).StatusCode);

        // Officers oversee the needs but do not send or change a municipality's.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"{url}/aterkalla", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/upphandlingar/{id}/behov/nytt")).StatusCode);

        Assert.Equal(("Kartvy över kommunens lokaler.", "Active", 1L), await RowAsync<(string, string, long)>(app, "SELECT text, status, version FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE entity_id = @needId AND action <> 'submission.created'", new { needId = needId.ToString() }));
    }

    [Fact]
    public async Task A_municipality_supports_another_municipalitys_need_once_with_an_optional_comment()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, stockholmUser) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var (goteborg, _) = await app.JoinedRepresentativeAsync(officer, id, "1480");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Nyckelfri entré till idrottshallar.");
        var list = $"/upphandlingar/{id}/behov";
        var support = $"/upphandlingar/{id}/behov/{needId}/stod";

        var first = await stockholm.SubmitAsync(list, support, new Dictionary<string, string> { ["kommentar"] = "  Vi behöver det för våra skolor också.  " });
        var second = await stockholm.SubmitAsync(list, support, new Dictionary<string, string>());
        var withoutComment = await goteborg.SubmitAsync(list, support, new Dictionary<string, string>());
        var own = await uppsala.PostAsync(support, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/upphandlingar/{id}/behov#behov-{needId}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withoutComment.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id = @needId", new { needId }));
        Assert.Equal("Vi behöver det för våra skolor också.", await app.QueryScalarAsync<string>(
            "SELECT comment FROM supports WHERE submission_id = @needId AND organisation_id = @OrganisationId", new { needId, stockholmUser.OrganisationId }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'support.added' AND entity_id = @needId", new { needId = needId.ToString() }));

        // The second click tells Stockholm it already supports the need; the list counts the support.
        var (_, afterSecond) = await stockholm.GetPageAsync(list);
        Assert.Contains("2 stöder", afterSecond.QuerySelector($"#behov-{needId}")!.TextContent, StringComparison.Ordinal);

        // A comment longer than the form allows is refused and not saved.
        var (malmo, _) = await app.JoinedRepresentativeAsync(officer, id, "1280");
        var tooLong = await malmo.SubmitAsync(list, support, new Dictionary<string, string> { ["kommentar"] = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id = @needId", new { needId }));
    }

    [Fact]
    public async Task A_withdrawn_need_cannot_be_supported()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, _) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Digital nyckelhantering.");
        Assert.Equal(HttpStatusCode.Redirect, (await uppsala.PostAsync($"/upphandlingar/{id}/behov/{needId}/aterkalla", new Dictionary<string, string>())).StatusCode);

        var response = await stockholm.PostAsync($"/upphandlingar/{id}/behov/{needId}/stod", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id = @needId", new { needId }));
    }

    [Fact]
    public async Task Municipalities_that_have_not_joined_get_403_on_the_workspace_and_save_nothing()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Bokningsbara utomhusplaner.");
        // Göteborg was never invited; Stockholm is invited but has not answered.
        var (goteborg, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, await MunicipalityAsync(app, "1480"));
        var stockholmId = await MunicipalityAsync(app, "0180");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/upphandlingar/{id}/deltagare/bjud-in", $"/upphandlingar/{id}/deltagare/bjud-in",
            new Dictionary<string, string> { ["organisationer"] = stockholmId.ToString() })).StatusCode);
        var (stockholm, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, stockholmId);
        var before = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions");

        foreach (var outsider in new[] { goteborg, stockholm })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/upphandlingar/{id}/behov")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/upphandlingar/{id}/behov/nytt")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/upphandlingar/{id}/behov/nytt",
                new Dictionary<string, string> { ["Form.Text"] = "Vi vill också vara med." })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/upphandlingar/{id}/behov/{needId}/stod", new Dictionary<string, string>())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/upphandlingar/{id}/behov/{needId}/redigera")).StatusCode);
        }

        Assert.Equal(before, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id = @needId", new { needId }));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_Swedish_message_and_nothing_is_saved()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Ursprunglig text.");
        var newUrl = $"/upphandlingar/{id}/behov/nytt";
        var editUrl = $"/upphandlingar/{id}/behov/{needId}/redigera";

        var cases = new (string Url, Dictionary<string, string> Fields, string Field, string Message)[]
        {
            (newUrl, new() { ["Form.Text"] = "" }, "Form_Text", "Beskriv behovet."),
            (newUrl, new() { ["Form.Text"] = "   " }, "Form_Text", "Beskriv behovet."),
            (newUrl, new() { ["Form.Text"] = new string('å', 4001) }, "Form_Text", "Behovet får ha högst 4 000 tecken."),
            (newUrl, new() { ["Form.Text"] = "Giltig text.", ["Form.Motiv"] = new string('m', 4001) }, "Form_Motiv", "Motivet får ha högst 4 000 tecken."),
            (newUrl, new() { ["Form.Text"] = "Giltig text.", ["Form.CategoryId"] = Guid.NewGuid().ToString() }, "Form_CategoryId", "Välj en kategori i listan."),
            (newUrl, new() { ["Form.Text"] = "Giltig text.", ["Form.Kind"] = "Måste" }, "Form_Kind", "är inte giltigt"),
            (editUrl, new() { ["Form.Text"] = "" }, "Form_Text", "Beskriv behovet."),
            (editUrl, new() { ["Form.Text"] = new string('x', 4001) }, "Form_Text", "Behovet får ha högst 4 000 tecken."),
        };

        foreach (var (url, fields, field, message) in cases)
        {
            var response = await uppsala.SubmitAsync(url, url, fields);
            var page = await TestClient.ParseAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? "(no error shown for the field)", StringComparison.Ordinal);
            Assert.Contains("Det finns fel i formuläret", MainText(page), StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));
        Assert.Equal(("Ursprunglig text.", 1L), await RowAsync<(string, long)>(app, "SELECT text, version FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal(1, await JournalCountAsync("submission.created", id));

        // Exactly 4 000 characters is allowed.
        await SubmitNeedAsync(app, uppsala, id, new string('ö', 4000));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));
    }

    [Fact]
    public async Task Once_collection_closes_needs_cannot_be_sent_changed_withdrawn_or_supported()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, _) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var needId = await SubmitNeedAsync(app, uppsala, id, "Integration med e-tjänsteplattformen.");

        await CloseCollectionAsync(officer, id);
        Assert.Equal("Compilation", await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));

        var responses = new[]
        {
            await uppsala.GetAsync($"/upphandlingar/{id}/behov/nytt"),
            await uppsala.PostAsync($"/upphandlingar/{id}/behov/nytt", new Dictionary<string, string> { ["Form.Text"] = "Ett sent behov." }),
            await uppsala.GetAsync($"/upphandlingar/{id}/behov/{needId}/redigera"),
            await uppsala.PostAsync($"/upphandlingar/{id}/behov/{needId}/redigera", new Dictionary<string, string> { ["Form.Text"] = "Ändrat för sent.", ["Form.Version"] = "1" }),
            await uppsala.PostAsync($"/upphandlingar/{id}/behov/{needId}/aterkalla", new Dictionary<string, string>()),
            await stockholm.PostAsync($"/upphandlingar/{id}/behov/{needId}/stod", new Dictionary<string, string>()),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("Insamlingen är avslutad: behov kan inte längre lämnas, ändras eller stödjas.",
                MainText(await TestClient.ParseAsync(response)), StringComparison.Ordinal);
        }

        Assert.Equal(("Integration med e-tjänsteplattformen.", "Active", 1L), await RowAsync<(string, string, long)>(app, "SELECT text, status, version FROM submissions WHERE id = @needId", new { needId }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id = @needId", new { needId }));

        // Everyone still reads the needs; the buttons to act are gone.
        var (list, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/behov");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Integration med e-tjänsteplattformen.", MainText(page), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll($"a[href='/upphandlingar/{id}/behov/nytt'], form[action$='/aterkalla'], a[href$='/redigera']"));

        // Reopening collection (with a reason) lets the municipality change its need again.
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePhaseAsync(officer, id, "Compilation", "Collection", "Två kommuner glömde sina behov.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await uppsala.SubmitAsync($"/upphandlingar/{id}/behov/{needId}/redigera", $"/upphandlingar/{id}/behov/{needId}/redigera",
            new Dictionary<string, string> { ["Form.Text"] = "Integration med e-tjänsteplattformen och BankID." })).StatusCode);
        Assert.Equal("Integration med e-tjänsteplattformen och BankID.", await app.QueryScalarAsync<string>("SELECT text FROM submissions WHERE id = @needId", new { needId }));
    }

    private Task<int> JournalCountAsync(string action, Guid procurementId) =>
        app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = @action AND entity_id IN (SELECT id FROM submissions WHERE procurement_id = @procurementId)",
            new { action, procurementId });
}
