using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class ProcurementTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task An_officer_creates_a_procurement_with_CPV_codes_a_validity_period_categories_and_planned_phase_dates()
    {
        var (officer, user) = await app.SignedInAsync(Roles.ProcurementOfficer);

        var response = await officer.SubmitAsync("/upphandlingar/ny", "/upphandlingar/ny", new Dictionary<string, string>
        {
            ["Title"] = "Digitala läromedel",
            ["Reference"] = "ADDA-2027-014",
            ["Description"] = "Dynamiskt inköpssystem för digitala läromedel till grundskolan.",
            ["CpvCodes"] = "48000000-8; 22111000-1\n48000000-8",
            ["ValidFrom"] = "2027-03-01",
            ["ValidUntil"] = "2031-02-28",
            ["Categories[0].Name"] = "Grundskola",
            ["Categories[0].Description"] = "Läromedel för årskurs 1–9.",
            ["Categories[2].Name"] = "Gymnasium",
            ["Categories[2].Description"] = "Läromedel för gymnasieskolan.",
            ["Phases[0].Start"] = "2027-01-10",
            ["Phases[0].End"] = "2027-02-15",
            ["Phases[1].Start"] = "2027-02-16",
            ["Phases[1].End"] = "2027-03-31",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await app.QueryScalarAsync<Guid>("SELECT id FROM procurements WHERE reference = 'ADDA-2027-014'");
        Assert.Equal($"/upphandlingar/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("48000000-8,22111000-1", await app.QueryScalarAsync<string>("SELECT cpv_codes FROM procurements WHERE id = @id", new { id }));
        Assert.Equal("Collection", await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));
        Assert.Equal("Gymnasium", await app.QueryScalarAsync<string>(
            "SELECT name FROM procurement_categories WHERE procurement_id = @id AND number = 3", new { id }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_categories WHERE procurement_id = @id", new { id }));
        Assert.Equal("2027-02-16", await app.QueryScalarAsync<string>(
            "SELECT planned_start FROM procurement_phases WHERE procurement_id = @id AND phase = 'Compilation'", new { id }));
        Assert.Equal(user.Id.ToString(), await app.QueryScalarAsync<string>(
            "SELECT actor_user_id FROM journal WHERE action = 'procurement.created' AND entity_id = @Id", new { Id = id.ToString() }), ignoreCase: true);

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}");
        var main = page.MainText();
        Assert.Equal("Digitala läromedel", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("ADDA-2027-014", main, StringComparison.Ordinal);
        Assert.Contains("2027-03-01 – 2031-02-28", main, StringComparison.Ordinal);
        Assert.Contains("48000000-8, 22111000-1", main, StringComparison.Ordinal);
        var categories = page.QuerySelectorAll(".category-list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Grundskola – Läromedel för årskurs 1–9.", "Gymnasium – Läromedel för gymnasieskolan."], categories);
        var phases = page.QuerySelectorAll(".phase-list li strong").Select(s => s.TextContent).ToList();
        Assert.Equal(["Insamling", "Sammanställning", "Prioritering", "Granskning", "Publicerad"], phases);
        var current = page.QuerySelector(".phase-list li[aria-current='step']")!.TextContent;
        Assert.Contains("Insamling", current, StringComparison.Ordinal);
        Assert.Contains("2027-01-10 – 2027-02-15", current, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_procurements_are_refused_with_Swedish_messages_and_nothing_is_saved()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var before = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurements");

        var cases = new (Dictionary<string, string> Changes, string FieldId, string Message)[]
        {
            (new() { ["Title"] = "" }, "Title", "Ange upphandlingens namn."),
            (new() { ["Reference"] = "  " }, "Reference", "Ange ett diarienummer eller annan referens."),
            (new() { ["Description"] = "" }, "Description", "Beskriv upphandlingen."),
            (new() { ["CpvCodes"] = "48000000-8, 4800000-8" }, "CpvCodes", "\"4800000-8\" är ingen CPV-kod"),
            (new() { ["CpvCodes"] = "48000000" }, "CpvCodes", "\"48000000\" är ingen CPV-kod"),
            (new() { ["ValidFrom"] = "" }, "ValidFrom", "Ange när det dynamiska inköpssystemet börjar gälla."),
            (new() { ["ValidUntil"] = "2026-12-31" }, "ValidUntil", "Slutdatumet måste komma efter startdatumet."),
            (new() { ["Categories[0].Name"] = "", ["Categories[0].Description"] = "", ["Categories[1].Name"] = "", ["Categories[1].Description"] = "" },
                "Categories_0__Name", "Ett dynamiskt inköpssystem behöver minst en kategori."),
            (new() { ["Categories[1].Name"] = "" }, "Categories_1__Name", "Ge kategorin ett namn, eller töm beskrivningen."),
            (new() { ["Categories[1].Name"] = "bokning" }, "Categories_1__Name", "Två kategorier heter"),
            (new() { ["Phases[2].Start"] = "2027-05-01", ["Phases[2].End"] = "2027-04-30" }, "Phases_2__End", "Fasen kan inte sluta innan den börjar."),
        };

        foreach (var (changes, fieldId, message) in cases)
        {
            var fields = ValidProcurement($"FEL-{fieldId}").With(changes);
            var response = await officer.SubmitAsync("/upphandlingar/ny", "/upphandlingar/ny", fields);
            var page = await TestClient.ParseAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, page.QuerySelector($"#{fieldId}-error")?.TextContent ?? "(no message at the field)", StringComparison.Ordinal);
            Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.All(page.QuerySelectorAll(".error-summary a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        }

        Assert.Equal(before, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurements"));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_categories c JOIN procurements p ON p.id = c.procurement_id WHERE p.reference LIKE 'FEL-%'"));
    }

    [Fact]
    public async Task A_refused_form_keeps_what_the_officer_typed()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);

        var response = await officer.SubmitAsync("/upphandlingar/ny", "/upphandlingar/ny",
            ValidProcurement("BEHÅLL-1").With(new Dictionary<string, string> { ["CpvCodes"] = "fel" }));
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BEHÅLL-1", page.QuerySelector("#Reference")!.GetAttribute("value"));
        Assert.Equal("Bidrag", page.QuerySelector("#Categories_1__Name")!.GetAttribute("value"));
        Assert.Equal("2030-12-31", page.QuerySelector("#ValidUntil")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_reference_already_in_use_is_refused_whatever_its_case()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        await app.CreateProcurementAsync(officer, "SKR-2027-7");
        var other = await app.CreateProcurementAsync(officer, "SKR-2027-8");

        var again = await officer.SubmitAsync("/upphandlingar/ny", "/upphandlingar/ny", ValidProcurement("skr-2027-7"));
        var againPage = await TestClient.ParseAsync(again);
        var (edit, token) = await officer.OpenFormAsync($"/upphandlingar/{other}/redigera", $"/upphandlingar/{other}/redigera");
        var renamed = await officer.PostAsync($"/upphandlingar/{other}/redigera", edit.With(new Dictionary<string, string> { ["Reference"] = "SKR-2027-7" }), token);
        var renamedPage = await TestClient.ParseAsync(renamed);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Det finns redan en upphandling med referensen skr-2027-7.", againPage.QuerySelector("#Reference-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("Det finns redan en upphandling med referensen SKR-2027-7.", renamedPage.QuerySelector("#Reference-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurements WHERE UPPER(reference) = 'SKR-2027-7'"));
        Assert.Equal("SKR-2027-8", await app.QueryScalarAsync<string>("SELECT reference FROM procurements WHERE id = @other", new { other }));
    }

    [Fact]
    public async Task A_colleague_edits_the_procurement_and_the_change_is_journaled_with_before_and_after()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, colleagueUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);

        var (fields, token) = await colleague.OpenFormAsync($"/upphandlingar/{id}/redigera", $"/upphandlingar/{id}/redigera");
        var saved = await colleague.PostAsync($"/upphandlingar/{id}/redigera", fields.With(new Dictionary<string, string>
        {
            ["Title"] = "Lokalbokning och bidrag",
            ["Categories[2].Name"] = "Föreningsregister",
            ["Categories[2].Description"] = "Register över föreningar.",
            ["Phases[4].Start"] = "2027-09-01",
        }), token);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Lokalbokning och bidrag", await app.QueryScalarAsync<string>("SELECT title FROM procurements WHERE id = @id", new { id }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT version FROM procurements WHERE id = @id", new { id }));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_categories WHERE procurement_id = @id", new { id }));
        Assert.Equal("2027-09-01", await app.QueryScalarAsync<string>(
            "SELECT planned_start FROM procurement_phases WHERE procurement_id = @id AND phase = 'Published'", new { id }));
        var entity = id.ToString();
        Assert.Equal(colleagueUser.Id.ToString(), await app.QueryScalarAsync<string>(
            "SELECT actor_user_id FROM journal WHERE action = 'procurement.updated' AND entity_id = @entity", new { entity }), ignoreCase: true);
        Assert.Contains("Digital lokalbokning", await app.QueryScalarAsync<string>(
            "SELECT before_json FROM journal WHERE action = 'procurement.updated' AND entity_id = @entity", new { entity }), StringComparison.Ordinal);
        Assert.Contains("Lokalbokning och bidrag", await app.QueryScalarAsync<string>(
            "SELECT after_json FROM journal WHERE action = 'procurement.updated' AND entity_id = @entity", new { entity }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_from_a_stale_version_shows_a_conflict_keeps_the_typed_text_and_does_not_overwrite()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var url = $"/upphandlingar/{id}/redigera";
        var (first, firstToken) = await officer.OpenFormAsync(url, url);
        var (second, secondToken) = await colleague.OpenFormAsync(url, url);

        var firstSave = await officer.PostAsync(url, first.With(new Dictionary<string, string> { ["Title"] = "Titel från den första" }), firstToken);
        var secondSave = await colleague.PostAsync(url, second.With(new Dictionary<string, string> { ["Title"] = "Titel från den andra" }), secondToken);
        var conflict = await TestClient.ParseAsync(secondSave);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        Assert.Contains("Upphandlingen ändrades av någon annan medan du skrev", conflict.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Titel från den andra", conflict.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Equal("Titel från den första", await app.QueryScalarAsync<string>("SELECT title FROM procurements WHERE id = @id", new { id }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'procurement.updated' AND entity_id = @entity", new { entity = id.ToString() }));

        // The page carries the saved version: sending it again replaces the first one's title knowingly.
        var (again, againToken) = SpecificationSetup.FormOf(conflict, url);
        Assert.Equal("2", again["Version"]);
        var resent = await colleague.PostAsync(url, again, againToken);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal("Titel från den andra", await app.QueryScalarAsync<string>("SELECT title FROM procurements WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_category_that_requirements_use_cannot_be_removed()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await app.AddRequirementAsync(officer, id, "Bidragsansökan", category: 2);

        var (fields, token) = await officer.OpenFormAsync($"/upphandlingar/{id}/redigera", $"/upphandlingar/{id}/redigera");
        var response = await officer.PostAsync($"/upphandlingar/{id}/redigera",
            fields.With(new Dictionary<string, string> { ["Categories[1].Name"] = "", ["Categories[1].Description"] = "" }), token);
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kategori 2 används av krav eller behov och kan inte tas bort.", page.QuerySelector("#Categories_1__Name-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_categories WHERE procurement_id = @id", new { id }));
    }

    [Fact]
    public async Task Only_officers_of_the_owning_body_edit_and_only_officers_create()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var (representative, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative);
        var id = await app.CreateProcurementAsync(officer);
        var (fields, token) = await officer.OpenFormAsync($"/upphandlingar/{id}/redigera", $"/upphandlingar/{id}/redigera");
        var changed = fields.With(new Dictionary<string, string> { ["Title"] = "Kapad" });

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/upphandlingar/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/upphandlingar/{id}/redigera")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/upphandlingar/{id}/redigera", changed)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.PostAsync($"/upphandlingar/{id}/redigera", changed)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.GetAsync("/upphandlingar/ny")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.PostAsync("/upphandlingar/ny", ValidProcurement("KOMMUN-1"))).StatusCode);
        Assert.StartsWith("Digital lokalbokning", await app.QueryScalarAsync<string>("SELECT title FROM procurements WHERE id = @id", new { id }), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurements WHERE reference = 'KOMMUN-1'"));

        // The list shows a body its own procurements only.
        var (_, list) = await stranger.GetPageAsync("/upphandlingar");
        Assert.DoesNotContain(id.ToString(), list.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        var (_, own) = await officer.GetPageAsync("/upphandlingar");
        Assert.Contains(id.ToString(), own.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ValidProcurement(string reference) => new()
    {
        ["Title"] = "Digital lokalbokning",
        ["Reference"] = reference,
        ["Description"] = "Ett dynamiskt inköpssystem för lokalbokning.",
        ["CpvCodes"] = "48000000-8",
        ["ValidFrom"] = "2027-01-01",
        ["ValidUntil"] = "2030-12-31",
        ["Categories[0].Name"] = "Bokning",
        ["Categories[0].Description"] = "Lokal- och anläggningsbokning.",
        ["Categories[1].Name"] = "Bidrag",
        ["Categories[1].Description"] = "Förenings- och bidragshantering.",
    };
}
