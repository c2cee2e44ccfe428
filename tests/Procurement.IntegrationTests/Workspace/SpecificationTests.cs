using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class SpecificationTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task Requirements_get_stable_codes_and_stand_in_the_sections_of_a_Swedish_tender_document()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);

        // Added out of document order on purpose.
        await app.AddRequirementAsync(officer, id, "Handläggning av ansökan", category: 2);
        await app.AddRequirementAsync(officer, id, "Servicenivå", kind: "Kv", section: "ContractTerms", category: null);
        await app.AddRequirementAsync(officer, id, "Omsättning", kind: "Kval", section: "Qualification", category: null);
        await app.AddRequirementAsync(officer, id, "Bokning i mobilen", category: 1);
        await app.AddRequirementAsync(officer, id, "Betalning med Swish", kind: "Bor", category: 1);
        await app.AddRequirementAsync(officer, id, "Användartest", kind: "Bor", section: "Evaluation", category: null);
        await app.AddRequirementAsync(officer, id, "Elektronisk fakturering", section: "AdministrativeProvisions", category: null);

        var (response, page) = await representative.GetPageAsync($"/upphandlingar/{id}/krav");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["1 Administrativa föreskrifter", "2 Kvalificeringskrav", "3 Kravspecifikation", "4 Utvärdering", "5 Kontraktsvillkor"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList());
        Assert.Equal(["3.1 Bokning", "3.2 Bidrag"], page.QuerySelectorAll("main h3").Select(h => h.TextContent).ToList());
        var listed = page.QuerySelectorAll(".requirement__head")
            .Select(h => $"{h.QuerySelector(".code")!.TextContent} {h.QuerySelector(".tag")!.TextContent} {h.QuerySelector("a")!.TextContent}").ToList();
        Assert.Equal(
        [
            "K-1.1:1 SKA Elektronisk fakturering",
            "K-2.1:1 KVAL Omsättning",
            "K-3.1.1:1 SKA Bokning i mobilen",
            "K-3.1.2:1 BÖR Betalning med Swish",
            "K-3.2.1:1 SKA Handläggning av ansökan",
            "K-4.1:1 BÖR Användartest",
            "K-5.1:1 KV Servicenivå",
        ], listed);
        Assert.Contains("7 krav.", page.MainText(), StringComparison.Ordinal);
        // Representatives read; they are offered no tools to change it.
        Assert.Null(page.QuerySelector($"a[href='/upphandlingar/{id}/krav/nytt']"));
        Assert.Empty(page.QuerySelectorAll(".requirement__tools"));
        Assert.Equal(7, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement.created' AND after_json LIKE '%K-%' AND entity_id IN (SELECT id FROM requirements WHERE procurement_id = @id)",
            new { id }));
    }

    [Fact]
    public async Task A_requirement_shows_its_kind_text_with_marked_parameters_motiv_verifikat_category_and_status()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid för support",
            text: "Leverantören ska svara på ärenden inom [4] timmar mellan [08:00] och 17:00 & ange <ärendenummer>.",
            category: 2, motiv: "Kommunerna behöver snabb hjälp när bokningen inte fungerar.", verifikat: "Bifoga rutinbeskrivning för support.");

        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("K-3.2.1:1 Svarstid för support", page.QuerySelector("h1")!.TextContent);
        var summary = page.QuerySelector(".summary-list")!.TextContent;
        Assert.Contains("SKA – Ska-krav", summary, StringComparison.Ordinal);
        Assert.Contains("3 Kravspecifikation, i kategori 2 Bidrag", summary, StringComparison.Ordinal);
        Assert.Contains("Utkast", summary, StringComparison.Ordinal);
        var text = page.QuerySelector("#kravtext")!;
        Assert.Equal(["[4]", "[08:00]"], text.QuerySelectorAll("mark.parameter").Select(m => m.TextContent).ToList());
        Assert.Equal("Leverantören ska svara på ärenden inom [4] timmar mellan [08:00] och 17:00 & ange <ärendenummer>.", text.TextContent);
        Assert.Empty(text.QuerySelectorAll("ärendenummer"));
        Assert.Contains("Kommunerna behöver snabb hjälp när bokningen inte fungerar.", page.MainText(), StringComparison.Ordinal);
        Assert.Contains("Bifoga rutinbeskrivning för support.", page.MainText(), StringComparison.Ordinal);

        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId AND version = 1 AND code = 'K-3.2.1' AND reason = 'Nytt krav' AND changed_by = @By",
            new { requirementId, By = officerUser.Id }));
    }

    [Fact]
    public async Task Invalid_requirements_are_refused_with_Swedish_messages_and_nothing_is_saved()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var other = await app.CreateProcurementAsync(officer);
        var category = (await app.CategoryIdAsync(id, 1)).ToString();
        var foreignCategory = (await app.CategoryIdAsync(other, 1)).ToString();

        var cases = new (Dictionary<string, string> Fields, string FieldId, string Message)[]
        {
            (SpecificationSetup.RequirementFields("Specification", category, "Ska", "", "Text"), "Form_Title", "Ge kravet en rubrik."),
            (SpecificationSetup.RequirementFields("Specification", category, "Ska", "Rubrik", " "), "Form_Text", "Skriv kravtexten."),
            (SpecificationSetup.RequirementFields("Specification", category, "", "Rubrik", "Text"), "Form_Kind", "Välj typ av krav."),
            (SpecificationSetup.RequirementFields("Specification", category, "Kval", "Rubrik", "Text"), "Form_Kind", "Kvalificeringskrav hör till avsnitt 2"),
            (SpecificationSetup.RequirementFields("Qualification", "", "Ska", "Rubrik", "Text"), "Form_Kind", "Kvalificeringskrav hör till avsnitt 2"),
            (SpecificationSetup.RequirementFields("ContractTerms", "", "Bor", "Rubrik", "Text"), "Form_Kind", "kontraktsvillkor till avsnitt 5"),
            (SpecificationSetup.RequirementFields("Specification", "", "Ska", "Rubrik", "Text"), "Form_CategoryId", "Ett krav i kravspecifikationen gäller en kategori. Välj vilken."),
            (SpecificationSetup.RequirementFields("Specification", foreignCategory, "Ska", "Rubrik", "Text"), "Form_CategoryId", "Välj en kategori i listan."),
            (SpecificationSetup.RequirementFields("Specification", category, "Ska", new string('x', 301), "Text"), "Form_Title", "Rubriken får ha högst 300 tecken."),
        };

        foreach (var (fields, fieldId, message) in cases)
        {
            var response = await officer.SubmitAsync($"/upphandlingar/{id}/krav/nytt", $"/upphandlingar/{id}/krav/nytt", fields);
            var page = await TestClient.ParseAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, page.QuerySelector($"#{fieldId}-error")?.TextContent ?? "(no message at the field)", StringComparison.Ordinal);
            Assert.All(page.QuerySelectorAll(".error-summary a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        }

        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement.created' AND entity_id NOT IN (SELECT id FROM requirements)"));
    }

    [Fact]
    public async Task Every_change_is_a_new_version_with_author_time_and_reason_and_the_code_stays()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, colleagueUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid", text: "Leverantören ska svara inom [30] dagar.");
        var url = $"/upphandlingar/{id}/krav/{requirementId}/redigera";

        var noReason = await colleague.SubmitAsync(url, url, SpecificationSetup.EditFields(await colleague.OpenFormAsync(url, url), "Leverantören ska svara inom [10] dagar.", reason: ""));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Skriv vad som ändras och varför; det sparas i versionshistoriken.",
            (await TestClient.ParseAsync(noReason)).QuerySelector("#Form_Reason-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await VersionAsync(requirementId));

        var second = await colleague.SubmitAsync(url, url, SpecificationSetup.EditFields(await colleague.OpenFormAsync(url, url), "Leverantören ska svara inom [10] dagar.", "Kortare svarstid enligt Uppsala."));
        var third = await officer.SubmitAsync(url, url, SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url), "Leverantören ska svara inom [10] arbetsdagar.", "Arbetsdagar, inte kalenderdagar.",
            kind: "Bor", status: "Approved"));

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal(3, await VersionAsync(requirementId));
        Assert.Equal("Leverantören ska svara inom [10] arbetsdagar.", await app.QueryScalarAsync<string>("SELECT text FROM requirements WHERE id = @requirementId", new { requirementId }));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId AND code = 'K-3.1.1' AND changed_at IS NOT NULL",
            new { requirementId }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId AND version = 2 AND changed_by = @By AND reason = 'Kortare svarstid enligt Uppsala.' AND text LIKE '%[10] dagar.'",
            new { requirementId, By = colleagueUser.Id }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId AND version = 3 AND changed_by = @By AND kind = 'Bor' AND status = 'Approved'",
            new { requirementId, By = officerUser.Id }));
        Assert.Equal(2, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement.changed' AND entity_id = @entity AND before_json IS NOT NULL AND after_json IS NOT NULL",
            new { entity = requirementId.ToString() }));

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}");
        Assert.Equal("K-3.1.1:3 Svarstid", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("BÖR – Bör-krav", page.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fastställt", page.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);

        // The history names the kinds as the documents do.
        var (_, history) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}/historik");
        var kind = history.QuerySelectorAll(".diff-list dt").Single(dt => dt.TextContent == "Typ").NextElementSibling!;
        Assert.Equal("SKA", kind.QuerySelector("del")!.TextContent.Replace("Borttaget: ", "", StringComparison.Ordinal));
        Assert.Equal("BÖR", kind.QuerySelector("ins")!.TextContent.Replace("Tillagt: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_history_lists_every_version_and_shows_a_word_level_diff_between_any_two()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid", text: "Leverantören ska svara inom [30] dagar.");
        var url = $"/upphandlingar/{id}/krav/{requirementId}/redigera";
        await officer.SubmitAsync(url, url, SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url), "Leverantören ska svara inom [10] arbetsdagar.", "Kortare svarstid."));
        await officer.SubmitAsync(url, url, SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url), "Leverantören ska skriftligt svara inom [10] arbetsdagar.", "Skriftligt svar."));
        Assert.Equal(3, await VersionAsync(requirementId));
        var history = $"/upphandlingar/{id}/krav/{requirementId}/historik";

        var (response, latest) = await representative.GetPageAsync(history);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = latest.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        Assert.Equal(["K-3.1.1:1", "K-3.1.1:2", "K-3.1.1:3"], versions.Select(v => v[1]).ToList());
        Assert.Equal(["Nytt krav", "Kortare svarstid.", "Skriftligt svar."], versions.Select(v => v[4]).ToList());
        Assert.All(versions, v => Assert.StartsWith("Test ProcurementOfficer", v[3], StringComparison.Ordinal));
        // By default the latest change: one word added, nothing removed.
        Assert.Equal(["skriftligt "], Changes(latest, "ins"));
        Assert.Empty(Changes(latest, "del"));

        var (_, firstToLast) = await representative.GetPageAsync($"{history}?fran=1&till=3");
        Assert.Equal(["30", "dagar"], Changes(firstToLast, "del"));
        Assert.Equal(["skriftligt ", "10", "arbetsdagar"], Changes(firstToLast, "ins"));
        Assert.Equal("Leverantören ska skriftligt svara inom [3010] dagararbetsdagar.",
            firstToLast.QuerySelector("#diff-text")!.TextContent.Replace("Borttaget: ", "", StringComparison.Ordinal).Replace("Tillagt: ", "", StringComparison.Ordinal));

        // The order of the two versions does not matter.
        var (_, reversed) = await representative.GetPageAsync($"{history}?fran=3&till=1");
        Assert.Equal(Changes(firstToLast, "del"), Changes(reversed, "del"));
        Assert.Equal(Changes(firstToLast, "ins"), Changes(reversed, "ins"));

        var (_, firstToSecond) = await representative.GetPageAsync($"{history}?fran=1&till=2");
        Assert.Equal(["30", "dagar"], Changes(firstToSecond, "del"));
        Assert.Equal(["10", "arbetsdagar"], Changes(firstToSecond, "ins"));
    }

    [Fact]
    public async Task Moving_changes_the_order_and_renumbering_makes_the_codes_follow_it()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var a = await app.AddRequirementAsync(officer, id, "A");
        var b = await app.AddRequirementAsync(officer, id, "B");
        var c = await app.AddRequirementAsync(officer, id, "C");
        var d = await app.AddRequirementAsync(officer, id, "D", category: 2);
        var list = $"/upphandlingar/{id}/krav";

        var up = await officer.SubmitAsync(list, $"/upphandlingar/{id}/krav/{c}/flytta", new Dictionary<string, string> { ["riktning"] = "upp" });
        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.Equal($"{list}#krav-{c}", up.Headers.Location!.OriginalString);
        Assert.Equal(["K-3.1.1:1 A", "K-3.1.3:1 C", "K-3.1.2:1 B", "K-3.2.1:1 D"], await ListedAsync(officer, list));

        // The first cannot go further up, the last in a category not into the next one.
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/krav/{a}/flytta", new Dictionary<string, string> { ["riktning"] = "upp" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/krav/{b}/flytta", new Dictionary<string, string> { ["riktning"] = "ned" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/upphandlingar/{id}/krav/{a}/flytta", new Dictionary<string, string> { ["riktning"] = "sidled" })).StatusCode);
        Assert.Equal(["K-3.1.1:1 A", "K-3.1.3:1 C", "K-3.1.2:1 B", "K-3.2.1:1 D"], await ListedAsync(officer, list));

        var down = await officer.SubmitAsync(list, $"/upphandlingar/{id}/krav/{a}/flytta", new Dictionary<string, string> { ["riktning"] = "ned" });
        Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.Equal(["K-3.1.3:1 C", "K-3.1.1:1 A", "K-3.1.2:1 B", "K-3.2.1:1 D"], await ListedAsync(officer, list));
        Assert.Equal(2, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement.moved' AND entity_id IN (@A, @C)", new { A = a.ToString(), C = c.ToString() }));

        var renumber = await officer.SubmitAsync(list, $"/upphandlingar/{id}/krav/numrera-om", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, renumber.StatusCode);
        var (_, renumbered) = await officer.GetPageAsync(renumber.Headers.Location!.OriginalString);
        Assert.Contains("Kraven är omnumrerade efter sin ordning.", renumbered.MainText(), StringComparison.Ordinal);
        // Codes 1, 2, 3 in the new order; a requirement whose code changed has a new version.
        Assert.Equal(["K-3.1.1:2 C", "K-3.1.2:2 A", "K-3.1.3:2 B", "K-3.2.1:1 D"], await ListedAsync(officer, list));
        Assert.Equal(3, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_versions WHERE reason = 'Omnumrering' AND requirement_id IN (@a, @b, @c)", new { a, b, c }));
        Assert.Equal("K-3.1.1", await app.QueryScalarAsync<string>("SELECT code FROM requirement_versions WHERE requirement_id = @c AND version = 2", new { c }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @d AND version > 1", new { d }));

        var again = await officer.SubmitAsync(list, $"/upphandlingar/{id}/krav/numrera-om", new Dictionary<string, string>());
        var (_, unchanged) = await officer.GetPageAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("Numreringen stämde redan.", unchanged.MainText(), StringComparison.Ordinal);
        Assert.Equal(["K-3.1.1:2 C", "K-3.1.2:2 A", "K-3.1.3:2 B", "K-3.2.1:1 D"], await ListedAsync(officer, list));
        Assert.Equal(2, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'specification.renumbered' AND entity_id = @entity", new { entity = id.ToString() }));
    }

    [Fact]
    public async Task A_requirement_moved_to_another_category_takes_the_next_code_there()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await app.AddRequirementAsync(officer, id, "Bidrag 1", category: 2);
        var moved = await app.AddRequirementAsync(officer, id, "Flyttas");
        var url = $"/upphandlingar/{id}/krav/{moved}/redigera";

        var response = await officer.SubmitAsync(url, url, SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url), "Hör till bidragen.", "Fel kategori.",
            category: (await app.CategoryIdAsync(id, 2)).ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("K-3.2.2", await app.QueryScalarAsync<string>("SELECT code FROM requirements WHERE id = @moved", new { moved }));
        Assert.Equal(2, await VersionAsync(moved));
        Assert.Equal("K-3.1.1", await app.QueryScalarAsync<string>("SELECT code FROM requirement_versions WHERE requirement_id = @moved AND version = 1", new { moved }));
    }

    [Fact]
    public async Task Only_officers_of_the_owning_body_change_the_specification()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (colleague, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var (administrator, _) = await app.SignedInAsync(Roles.Administrator);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Originalet", text: "Ursprunglig text.");
        var category = (await app.CategoryIdAsync(id, 1)).ToString();
        var create = SpecificationSetup.RequirementFields("Specification", category, "Ska", "Intrång", "Text från obehörig.");
        var edit = SpecificationSetup.RequirementFields("Specification", category, "Ska", "Intrång", "Text från obehörig.")
            .With(new Dictionary<string, string> { ["Form.Version"] = "1", ["Form.Reason"] = "Försök" });
        var requirement = $"/upphandlingar/{id}/krav/{requirementId}";

        foreach (var (who, client) in new[] { ("kommunen", representative), ("annan inköpscentral", stranger), ("administratör", administrator) })
        {
            var answers = new[]
            {
                (await client.GetAsync($"/upphandlingar/{id}/krav/nytt")).StatusCode,
                (await client.PostAsync($"/upphandlingar/{id}/krav/nytt", create)).StatusCode,
                (await client.GetAsync($"{requirement}/redigera")).StatusCode,
                (await client.PostAsync($"{requirement}/redigera", edit)).StatusCode,
                (await client.PostAsync($"{requirement}/flytta", new Dictionary<string, string> { ["riktning"] = "ned" })).StatusCode,
                (await client.PostAsync($"/upphandlingar/{id}/krav/numrera-om", new Dictionary<string, string>())).StatusCode,
            };
            Assert.True(answers.All(a => a == HttpStatusCode.Forbidden), $"{who}: {string.Join(", ", answers)}");
        }

        // The other body does not even read it; the municipality that joined and the administrator do.
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/upphandlingar/{id}/krav")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(requirement)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await representative.GetAsync(requirement)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/upphandlingar/{id}/krav")).StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
        Assert.Equal("Ursprunglig text.", await app.QueryScalarAsync<string>("SELECT text FROM requirements WHERE id = @requirementId", new { requirementId }));
        Assert.Equal(1, await VersionAsync(requirementId));

        // A colleague in the same purchasing body may.
        await app.AddRequirementAsync(colleague, id, "Kollegans krav");
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
    }

    [Fact]
    public async Task A_requirement_of_another_procurement_is_not_found_through_this_one()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var mine = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, mine);
        var theirs = await app.CreateProcurementAsync(stranger);
        var foreign = await app.AddRequirementAsync(stranger, theirs, "Deras krav", text: "Deras text.");
        var through = $"/upphandlingar/{mine}/krav/{foreign}";
        var edit = SpecificationSetup.RequirementFields("Specification", (await app.CategoryIdAsync(mine, 1)).ToString(), "Ska", "Kapat", "Kapad text.")
            .With(new Dictionary<string, string> { ["Form.Version"] = "1", ["Form.Reason"] = "Försök" });

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(through)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{through}/historik")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{through}/redigera")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"{through}/redigera", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"{through}/flytta", new Dictionary<string, string> { ["riktning"] = "upp" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await representative.PostAsync($"{through}/stod", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await representative.PostAsync($"{through}/kommentarer", new Dictionary<string, string> { ["Comment.Text"] = "Hej" })).StatusCode);
        Assert.Equal("Deras text.", await app.QueryScalarAsync<string>("SELECT text FROM requirements WHERE id = @foreign", new { foreign }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE requirement_id = @foreign", new { foreign }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE requirement_id = @foreign", new { foreign }));
    }

    [Fact]
    public async Task The_specification_of_a_published_procurement_is_frozen()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Published");
        var requirementId = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Bokning via webben'", new { id });
        var category = (await app.CategoryIdAsync(id, 1)).ToString();
        const string message = "Specifikationen är publicerad och kan inte längre ändras här.";

        var create = await officer.PostAsync($"/upphandlingar/{id}/krav/nytt", SpecificationSetup.RequirementFields("Specification", category, "Ska", "Sent", "För sent."));
        var edit = await officer.PostAsync($"/upphandlingar/{id}/krav/{requirementId}/redigera",
            SpecificationSetup.RequirementFields("Specification", category, "Ska", "Ändrad", "Ändrad.").With(new Dictionary<string, string> { ["Form.Version"] = "1", ["Form.Reason"] = "Sent" }));
        var renumber = await officer.PostAsync($"/upphandlingar/{id}/krav/numrera-om", new Dictionary<string, string>());
        var (list, page) = await officer.GetPageAsync($"/upphandlingar/{id}/krav");

        foreach (var response in new[] { create, edit, renumber })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(message, (await TestClient.ParseAsync(response)).MainText(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Null(page.QuerySelector($"a[href='/upphandlingar/{id}/krav/nytt']"));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
        Assert.Equal("Bokning via webben", await app.QueryScalarAsync<string>("SELECT title FROM requirements WHERE id = @requirementId", new { requirementId }));
    }

    private static List<string> Changes(AngleSharp.Html.Dom.IHtmlDocument page, string element) =>
        page.QuerySelectorAll($"#diff-text {element}")
            .Select(e => e.TextContent.Replace("Borttaget: ", "", StringComparison.Ordinal).Replace("Tillagt: ", "", StringComparison.Ordinal))
            .ToList();

    private Task<int> VersionAsync(Guid requirementId) =>
        app.QueryScalarAsync<int>("SELECT version FROM requirements WHERE id = @requirementId", new { requirementId });

    private static async Task<List<string>> ListedAsync(TestClient client, string url)
    {
        var (_, page) = await client.GetPageAsync(url);
        return page.QuerySelectorAll(".requirement__head").Select(h => $"{h.QuerySelector(".code")!.TextContent} {h.QuerySelector("a")!.TextContent}").ToList();
    }
}
