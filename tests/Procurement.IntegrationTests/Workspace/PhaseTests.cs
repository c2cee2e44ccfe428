using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class PhaseTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_procurement_goes_one_phase_at_a_time_to_publication_and_every_change_is_journaled()
    {
        var (officer, user) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, id);
        await app.AddRequirementAsync(officer, id, "Bokning via webben", category: 1);
        await app.AddRequirementAsync(officer, id, "Ansökan via webben", category: 2);
        string[] phases = ["Collection", "Compilation", "Prioritisation", "Review", "Published"];
        string[] names = ["Insamling", "Sammanställning", "Prioritering", "Granskning", "Publicerad"];

        for (var i = 0; i < 4; i++)
        {
            // The officer uses the button the overview offers: it names the next phase.
            var (_, overview) = await officer.GetPageAsync($"/upphandlingar/{id}");
            Assert.Contains($"Gå vidare till {names[i + 1]}", overview.MainText(), StringComparison.Ordinal);
            var moved = await officer.SubmitAsync($"/upphandlingar/{id}", $"/upphandlingar/{id}/fas", new Dictionary<string, string>());

            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            Assert.Equal(phases[i + 1], await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));
        }

        var (_, published) = await officer.GetPageAsync($"/upphandlingar/{id}");
        Assert.Contains("Publicerad", published.QuerySelector(".phase-list li[aria-current='step']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(published.Forms.FirstOrDefault(f => f.GetAttribute("action") == $"/upphandlingar/{id}/fas"));

        var entity = id.ToString();
        Assert.Equal(4, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'procurement.phase-changed' AND entity_id = @entity", new { entity }));
        Assert.Equal(4, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'procurement.phase-changed' AND entity_id = @entity AND actor_user_id = @actor AND occurred_at IS NOT NULL",
            new { entity, actor = user.Id }));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(1, await app.QueryScalarAsync<int>(
                """
                SELECT COUNT(*) FROM journal WHERE action = 'procurement.phase-changed' AND entity_id = @entity
                  AND before_json LIKE @before AND after_json LIKE @after
                """, new { entity, before = $"%\"{phases[i]}\"%", after = $"%\"{phases[i + 1]}\"%" }));
        }

        // Nothing follows publication, not even the way back.
        var afterPublication = await officer.ChangePhaseAsync(id, "Published", "Review", "Ett fel i dokumenten");
        Assert.Equal(HttpStatusCode.BadRequest, afterPublication.StatusCode);
        Assert.Contains("Upphandlingen är publicerad. Ändringar görs som rättelser av upphandlingsdokumenten.",
            (await TestClient.ParseAsync(afterPublication)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Published", await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));

        // Nor do the procurement's details change once published.
        var editPage = await officer.GetAsync($"/upphandlingar/{id}/redigera");
        var edit = await officer.PostAsync($"/upphandlingar/{id}/redigera", new Dictionary<string, string> { ["Title"] = "Nytt namn" });
        Assert.Equal(HttpStatusCode.Conflict, editPage.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("uppgifterna kan inte längre ändras", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Nytt namn", await app.QueryScalarAsync<string>("SELECT title FROM procurements WHERE id = @id", new { id }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collection_cannot_close_before_a_municipality_has_joined()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        const string message = "Ingen kommun eller region har anslutit sig ännu, så insamlingen kan inte avslutas.";

        var (_, overview) = await officer.GetPageAsync($"/upphandlingar/{id}");
        var response = await officer.ChangePhaseAsync(id, "Collection", "Compilation");

        Assert.Contains(message, overview.MainText(), StringComparison.Ordinal);
        Assert.Null(overview.Forms.FirstOrDefault(f => f.GetAttribute("action") == $"/upphandlingar/{id}/fas"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await TestClient.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Collection");
    }

    [Fact]
    public async Task Phases_cannot_be_skipped_and_the_only_way_back_is_from_compilation_to_collection()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Prioritisation");
        const string message = "Fasen kan bara flyttas ett steg framåt, eller från Sammanställning tillbaka till Insamling.";

        foreach (var (to, reason) in new[] { ("Published", (string?)null), ("Prioritisation", null), ("Compilation", "Vi vill tillbaka"), ("Collection", "Vi vill tillbaka") })
        {
            var response = await officer.ChangePhaseAsync(id, "Prioritisation", to, reason);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (await TestClient.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        await AssertStillAsync(id, "Prioritisation", journaledChanges: 2);

        var fresh = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, fresh);
        await app.AddRequirementAsync(officer, fresh, "Bokning via webben");
        var skip = await officer.ChangePhaseAsync(fresh, "Collection", "Prioritisation");
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains(message, (await TestClient.ParseAsync(skip)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(fresh, "Collection");
    }

    [Fact]
    public async Task Prioritising_needs_a_specification_and_publishing_needs_a_requirement_in_every_category()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, id);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);

        var empty = await officer.ChangePhaseAsync(id, "Compilation", "Prioritisation");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Kravspecifikationen är tom. Lägg till krav innan du går vidare.",
            (await TestClient.ParseAsync(empty)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Compilation", journaledChanges: 1);

        // A qualification requirement and one for category 1: category 2 still has none.
        await app.AddRequirementAsync(officer, id, "Ekonomisk stabilitet", kind: "Kval", section: "Qualification", category: null);
        await app.AddRequirementAsync(officer, id, "Bokning via webben", category: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Compilation", "Prioritisation")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Prioritisation", "Review")).StatusCode);

        var (_, overview) = await officer.GetPageAsync($"/upphandlingar/{id}");
        var unpublished = await officer.ChangePhaseAsync(id, "Review", "Published");

        const string message = "Varje kategori behöver minst ett krav innan upphandlingen kan publiceras.";
        Assert.Contains(message, overview.MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unpublished.StatusCode);
        Assert.Contains(message, (await TestClient.ParseAsync(unpublished)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Review", journaledChanges: 3);

        await app.AddRequirementAsync(officer, id, "Ansökan via webben", category: 2);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Review", "Published")).StatusCode);
        await AssertStillAsync(id, "Published", journaledChanges: 4);
    }

    [Fact]
    public async Task A_struck_requirement_does_not_count_for_publication()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Review");
        var bidrag = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Ansökan om bidrag via webben'", new { id });
        var url = $"/upphandlingar/{id}/krav/{bidrag}/redigera";
        var struck = await officer.SubmitAsync(url, url, SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url),
            "Ansökan om bidrag ska kunna göras via webben.", "Bidrag upphandlas separat.", status: "Removed"));
        Assert.Equal(HttpStatusCode.Redirect, struck.StatusCode);

        var (_, specification) = await officer.GetPageAsync($"/upphandlingar/{id}/krav");
        var published = await officer.ChangePhaseAsync(id, "Review", "Published");

        Assert.Contains("1 krav.", specification.MainText(), StringComparison.Ordinal);
        Assert.NotNull(specification.QuerySelector($"#krav-{bidrag}.requirement--removed"));
        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        Assert.Contains("Varje kategori behöver minst ett krav innan upphandlingen kan publiceras.",
            (await TestClient.ParseAsync(published)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Review", journaledChanges: 3);
    }

    [Fact]
    public async Task Reopening_collection_needs_a_reason_that_the_journal_keeps()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Compilation");

        var (_, overview) = await officer.GetPageAsync($"/upphandlingar/{id}");
        var reopen = overview.Forms.Single(f => f.QuerySelector("textarea[name='skal']") is not null);
        Assert.Equal("Collection", (reopen.Elements["till"] as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Contains("Öppna insamlingen igen", reopen.TextContent, StringComparison.Ordinal);

        var without = await officer.ChangePhaseAsync(id, "Compilation", "Collection", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("Ange varför insamlingen öppnas igen; skälet sparas i loggen.",
            (await TestClient.ParseAsync(without)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Compilation", journaledChanges: 1);

        var with = await officer.ChangePhaseAsync(id, "Compilation", "Collection", "Sigtuna glömde behov om tillgänglighet.");
        Assert.Equal(HttpStatusCode.Redirect, with.StatusCode);
        await AssertStillAsync(id, "Collection", journaledChanges: 2);
        Assert.Contains("Sigtuna glömde behov om tillgänglighet.", await app.QueryScalarAsync<string>(
            """
            SELECT after_json FROM journal WHERE action = 'procurement.phase-changed' AND entity_id = @entity AND before_json LIKE '%Compilation%'
            """, new { entity = id.ToString() }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phase_change_sent_from_an_old_page_is_a_conflict()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Collection");
        var (fields, token) = await colleague.OpenFormAsync($"/upphandlingar/{id}", $"/upphandlingar/{id}/fas");

        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        var stale = await colleague.PostAsync($"/upphandlingar/{id}/fas", fields, token);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Fasen ändrades av någon annan medan du tittade.",
            (await TestClient.ParseAsync(stale)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertStillAsync(id, "Compilation", journaledChanges: 1);
    }

    [Fact]
    public async Task A_phase_that_does_not_exist_is_a_bad_request()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Collection");

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.ChangePhaseAsync(id, "Collection", "Avslutad")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.ChangePhaseAsync(id, "Collection", "17")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/upphandlingar/{id}/fas", new Dictionary<string, string> { ["till"] = "Compilation" })).StatusCode);
        await AssertStillAsync(id, "Collection");
    }

    [Fact]
    public async Task Only_officers_of_the_owning_body_change_the_phase()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var (administrator, _) = await app.SignedInAsync(Roles.Administrator);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);

        Assert.Equal(HttpStatusCode.Forbidden, (await representative.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        await AssertStillAsync(id, "Collection");

        Assert.Equal(HttpStatusCode.Redirect, (await colleague.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        await AssertStillAsync(id, "Compilation", journaledChanges: 1);
    }

    [Fact]
    public async Task After_collection_closes_no_new_needs_are_accepted_until_it_reopens()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var (need, token) = await representative.OpenFormAsync($"/upphandlingar/{id}/behov/nytt", $"/upphandlingar/{id}/behov/nytt");
        need = need.With(new Dictionary<string, string> { ["Form.Text"] = "Bokningen ska fungera med skärmläsare." });
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);

        var late = await representative.PostAsync($"/upphandlingar/{id}/behov/nytt", need, token);
        var (lateForm, _) = await representative.GetPageAsync($"/upphandlingar/{id}/behov/nytt");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Insamlingen är avslutad: behov kan inte längre lämnas, ändras eller stödjas.",
            (await TestClient.ParseAsync(late)).MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, lateForm.StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Compilation", "Collection", "Fler behov behövs.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await representative.PostAsync($"/upphandlingar/{id}/behov/nytt", need, token)).StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));
    }

    private async Task AssertStillAsync(Guid id, string phase, int journaledChanges = 0)
    {
        Assert.Equal(phase, await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));
        Assert.Equal(journaledChanges, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'procurement.phase-changed' AND entity_id = @entity", new { entity = id.ToString() }));
    }
}
