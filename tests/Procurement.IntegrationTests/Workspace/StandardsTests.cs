using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data.Seeding;
using Procurement.Domain.Identity;
using Procurement.Domain.Requirements;
using Procurement.Testing;
using Procurement.Web.Features.Specification;
using Procurement.Web.Features.StandardLinks;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>The standards catalogue, a procurement's applicable standards, link suggestions and the coverage report.</summary>
public sealed class StandardsTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task The_catalogue_is_seeded_once_and_administrators_edits_are_never_overwritten()
    {
        var seeded = StandardsSeed.Standards.Select(s => s.Id).ToList();
        Assert.Equal(seeded.Count, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id IN @seeded", new { seeded }));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_clauses WHERE standard_id = 'DOS-WCAG'"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_versions WHERE standard_id = 'DOS-WCAG'"));

        await app.ExecuteAsync("UPDATE standards SET name = 'OCDS (ändrad)' WHERE id = 'OCDS'");
        await app.ExecuteAsync("DELETE FROM standards WHERE id = 'SAMBI'");
        await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<StandardsCatalogueSeeder>().SeedAsync();
            return true;
        });

        Assert.Equal("OCDS (ändrad)", await app.QueryScalarAsync<string>("SELECT name FROM standards WHERE id = 'OCDS'"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id = 'SAMBI'"));
        Assert.Equal(seeded.Count, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id IN @seeded", new { seeded }));
    }

    [Fact]
    public async Task Officers_read_the_catalogue_and_only_administrators_change_it()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (list, page) = await officer.GetPageAsync("/standarder");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("INERA-RIVTA", page.MainText(), StringComparison.Ordinal);
        var (details, detailsPage) = await officer.GetPageAsync("/standarder/DOS-WCAG");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains("WCAG-STATEMENT", detailsPage.MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/standarder/DOS-WCAG/redigera")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/standarder/FINNS-INTE")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_edits_a_standard_and_its_clauses_as_a_new_version()
    {
        var (admin, _) = await app.SignedInAsync(Roles.Administrator);
        const string url = "/standarder/DIGG-SDK/redigera";
        var form = await admin.OpenFormAsync(url, url);
        var clauses = form.Fields.Keys.Count(k => k.EndsWith(".Id", StringComparison.Ordinal) && k.StartsWith("Clauses[", StringComparison.Ordinal));
        var changes = new Dictionary<string, string>
        {
            ["Description"] = "Säker digital kommunikation mellan offentliga aktörer.",
            [$"Clauses[{clauses - 2}].Id"] = "SDK-NY",
            [$"Clauses[{clauses - 2}].Text"] = "Meddelanden med känsliga uppgifter skickas via SDK.",
            [$"Clauses[{clauses - 2}].Keywords"] = "Känsliga uppgifter, SDK",
            ["Reason"] = "Nytt avsnitt om känsliga uppgifter.",
        };

        var saved = await admin.PostAsync(url, form.Fields.With(changes), form.Token);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT version FROM standards WHERE id = 'DIGG-SDK'"));
        Assert.Equal("Säker digital kommunikation mellan offentliga aktörer.", await app.QueryScalarAsync<string>("SELECT description FROM standards WHERE id = 'DIGG-SDK'"));
        Assert.Equal("[\"känsliga uppgifter\",\"sdk\"]", await app.QueryScalarAsync<string>("SELECT keywords FROM standard_clauses WHERE standard_id = 'DIGG-SDK' AND clause_id = 'SDK-NY'"));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_versions WHERE standard_id = 'DIGG-SDK'"));
        Assert.Equal("Nytt avsnitt om känsliga uppgifter.", await app.QueryScalarAsync<string>("SELECT reason FROM standard_versions WHERE standard_id = 'DIGG-SDK' AND version = 2"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'standard.changed' AND entity_id = 'DIGG-SDK'"));
        var (_, details) = await admin.GetPageAsync("/standarder/DIGG-SDK");
        Assert.Contains("Nytt avsnitt om känsliga uppgifter.", details.QuerySelector("#historik")!.NextElementSibling!.TextContent, StringComparison.Ordinal);

        // Removing a clause is a version too.
        var again = await admin.OpenFormAsync(url, url);
        var index = again.Fields.First(f => f.Value == "SDK-NY").Key.Split('.')[0];
        var removed = await admin.PostAsync(url, again.Fields.With(new Dictionary<string, string> { [$"{index}.Remove"] = "true", ["Reason"] = "Tas bort igen." }), again.Token);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_clauses WHERE standard_id = 'DIGG-SDK' AND clause_id = 'SDK-NY'"));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT version FROM standards WHERE id = 'DIGG-SDK'"));
    }

    [Fact]
    public async Task A_stale_save_of_a_standard_is_a_conflict_that_keeps_what_was_typed()
    {
        var (first, _) = await app.SignedInAsync(Roles.Administrator);
        var (second, _) = await app.SignedInAsync(Roles.Administrator);
        const string url = "/standarder/SAMBI/redigera";
        var firstForm = await first.OpenFormAsync(url, url);
        var secondForm = await second.OpenFormAsync(url, url);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(url, firstForm.Fields.With(new Dictionary<string, string>
        {
            ["Description"] = "Första beskrivningen.", ["Reason"] = "Först.",
        }), firstForm.Token)).StatusCode);

        var stale = await second.PostAsync(url, secondForm.Fields.With(new Dictionary<string, string>
        {
            ["Description"] = "Andra beskrivningen.", ["Reason"] = "Sist.",
        }), secondForm.Token);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await TestClient.ParseAsync(stale);
        Assert.Equal("Standarden ändrades medan du skrev", conflict.QuerySelector("h1")!.TextContent);
        Assert.Equal("Första beskrivningen.", conflict.QuerySelector("#theirs-description")!.TextContent);
        var (mine, token) = SpecificationSetup.FormOf(conflict, url);
        Assert.Equal("Andra beskrivningen.", mine["Description"]);
        Assert.Equal("Sist.", mine["Reason"]);
        Assert.Equal("2", mine["Version"]);
        Assert.Equal("Första beskrivningen.", await app.QueryScalarAsync<string>("SELECT description FROM standards WHERE id = 'SAMBI'"));

        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(url, mine, token)).StatusCode);
        Assert.Equal("Andra beskrivningen.", await app.QueryScalarAsync<string>("SELECT description FROM standards WHERE id = 'SAMBI'"));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_versions WHERE standard_id = 'SAMBI'"));
    }

    [Fact]
    public async Task An_administrator_adds_a_standard_and_bad_input_saves_nothing()
    {
        var (admin, _) = await app.SignedInAsync(Roles.Administrator);
        var fields = new Dictionary<string, string>
        {
            ["Id"] = "sis-ny-1", ["Name"] = "Ny standard", ["Title"] = "En ny standard", ["Owner"] = "SIS", ["VersionLabel"] = "1.0",
            ["Url"] = "https://example.org/ny", ["Kind"] = "national", ["Description"] = "Beskrivning.", ["Keywords"] = "ny, standard",
            ["Clauses[0].Id"] = "NY-1", ["Clauses[0].Text"] = "Det första avsnittet.",
        };

        var bad = await admin.SubmitAsync("/standarder/ny", "/standarder/ny", fields.With(new Dictionary<string, string>
        {
            ["Url"] = "ftp://inte-en-webbadress", ["Clauses[1].Id"] = "NY-1", ["Clauses[1].Text"] = "",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = (await TestClient.ParseAsync(bad)).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("https://", text, StringComparison.Ordinal);
        Assert.Contains("Två avsnitt har id NY-1", text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id = 'SIS-NY-1'"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/standarder/ny", "/standarder/ny", fields)).StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM standard_clauses WHERE standard_id = 'SIS-NY-1'"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'standard.created' AND entity_id = 'SIS-NY-1'"));
        var taken = await admin.SubmitAsync("/standarder/ny", "/standarder/ny", fields);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Det finns redan en standard med id SIS-NY-1", (await TestClient.ParseAsync(taken)).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_officer_declares_the_applicable_standards_and_unknown_ones_are_refused()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);

        var saved = await DeclareAsync(officer, id, "DIGG-EID", "DOS-WCAG");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_standards WHERE procurement_id = @id", new { id }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'procurement.standards-declared' AND entity_id = @id", new { id = id.ToString() }));
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/standarder");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#standard-DIGG-EID")!).IsChecked);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#standard-OCDS")!).IsChecked);

        var unknown = await DeclareAsync(officer, id, "DOS-WCAG", "FINNS-INTE");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("finns inte i katalogen", (await TestClient.ParseAsync(unknown)).MainText(), StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurement_standards WHERE procurement_id = @id", new { id }));

        var (other, _) = await app.OfficerOfAnotherBodyAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await DeclareAsync(other, id, "OCDS")).StatusCode);
    }

    [Fact]
    public async Task Two_officers_saving_the_applicable_standards_at_once_get_a_conflict_that_shows_both_instead_of_overwriting()
    {
        var (first, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (second, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(first);
        var (_, firstPage) = await first.GetPageAsync($"/upphandlingar/{id}/standarder");
        var (_, secondPage) = await second.GetPageAsync($"/upphandlingar/{id}/standarder");
        Assert.Equal("1", VersionOf(secondPage));

        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAtAsync(first, id, VersionOf(firstPage), "DIGG-EID", "DOS-WCAG")).StatusCode);
        var stale = await DeclareAtAsync(second, id, VersionOf(secondPage), "OCDS", "DOS-WCAG");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await TestClient.ParseAsync(stale);
        Assert.Equal("De tillämpliga standarderna ändrades medan du valde", conflict.QuerySelector("h1")!.TextContent);
        var theirs = conflict.QuerySelector("#theirs-standards")!.TextContent;
        Assert.Contains("DIGG-EID", theirs, StringComparison.Ordinal);
        Assert.Contains("inte i dina val", theirs, StringComparison.Ordinal);
        var mine = conflict.QuerySelector("#mine-standards")!.TextContent;
        Assert.Contains("OCDS", mine, StringComparison.Ordinal);
        Assert.Contains("inte sparad", mine, StringComparison.Ordinal);
        // The form keeps the second officer's choice, based now on the saved version.
        Assert.True(IsChecked(conflict, "OCDS"));
        Assert.True(IsChecked(conflict, "DOS-WCAG"));
        Assert.False(IsChecked(conflict, "DIGG-EID"));
        Assert.Equal("2", VersionOf(conflict));
        Assert.Equal(["DIGG-EID", "DOS-WCAG"], await AppliedAsync(id));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'procurement.standards-declared' AND entity_id = @id", new { id = id.ToString() }));

        // Saving from the conflict page replaces the saved choice knowingly.
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAtAsync(second, id, VersionOf(conflict), "OCDS", "DOS-WCAG")).StatusCode);
        Assert.Equal(["DOS-WCAG", "OCDS"], await AppliedAsync(id));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT standards_version FROM procurements WHERE id = @id", new { id }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'procurement.standards-declared' AND entity_id = @id", new { id = id.ToString() }));

        // Saving nothing new does not move the version; a missing or broken version is refused with a Swedish message.
        var (_, now) = await first.GetPageAsync($"/upphandlingar/{id}/standarder");
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAtAsync(first, id, VersionOf(now), "OCDS", "DOS-WCAG")).StatusCode);
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT standards_version FROM procurements WHERE id = @id", new { id }));
        foreach (var broken in new[] { null, "", "abc", "0", "-1", "99999999999" })
        {
            var refused = await DeclareAtAsync(first, id, broken, "SAMBI");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await TestClient.ParseAsync(refused);
            Assert.Contains("Dina val visas nedan: kontrollera dem och spara igen.", page.MainText(), StringComparison.Ordinal);
            // What the officer ticked stays ticked (nothing typed is lost); what is saved is not forced back on.
            Assert.True(page.QuerySelector("#standard-SAMBI")!.HasAttribute("checked"));
            Assert.False(page.QuerySelector("#standard-OCDS")!.HasAttribute("checked"));
        }

        Assert.Equal(["DOS-WCAG", "OCDS"], await AppliedAsync(id));
    }

    [Fact]
    public async Task Suggestions_are_accepted_or_rejected_and_a_rejected_one_is_not_suggested_again()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DIGG-EID", "DOS-WCAG");
        var login = await app.AddRequirementAsync(officer, id, "Inloggning för invånare",
            text: "Invånare ska kunna logga in med e-legitimation, till exempel BankID, Mobilt BankID eller Freja eID.");
        var access = await app.AddRequirementAsync(officer, id, "Tillgänglighet",
            text: "Tjänsten ska uppfylla WCAG 2.1 nivå AA och fungera med skärmläsare.");

        // Suggested when the requirement was added; the page shows them with confidence and matched terms.
        var eid = await LinkAsync(login, "DIGG-EID");
        var wcag = await LinkAsync(access, "DOS-WCAG");
        Assert.NotNull(eid);
        Assert.NotNull(wcag);
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/lankforslag");
        var row = page.QuerySelector($"#lank-{eid}")!.ParentElement!.TextContent;
        Assert.Matches(@"säkerhet \d+ %", row);
        // The matched terms explain the suggestion (the engine reports keywords or their thesaurus concept).
        Assert.Matches("(?i)bankid|e-leg|legitimation|freja", row);

        var token = SpecificationSetup.FormOf(page, $"/upphandlingar/{id}/lankforslag/beslut").Token;
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/lankforslag/beslut",
            new Dictionary<string, string> { ["enskild"] = $"godkann:{eid}" }, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/lankforslag/beslut",
            new Dictionary<string, string> { ["markerade"] = wcag.ToString()!, ["atgard"] = "avvisa" }, token)).StatusCode);

        Assert.Equal("Accepted", await StatusAsync(eid!.Value));
        Assert.Equal("Rejected", await StatusAsync(wcag!.Value));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'requirement-link.accepted' AND entity_id = @login", new { login = login.ToString() }));
        var (_, details) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{login}");
        Assert.Contains("DIGG-EID", details.QuerySelector("#standarder")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // Asking again keeps both decisions and does not bring the rejected pair back.
        var suggested = await officer.SubmitAsync($"/upphandlingar/{id}/lankforslag", $"/upphandlingar/{id}/lankforslag/foresla", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, suggested.StatusCode);
        Assert.Equal("Accepted", await StatusAsync(eid.Value));
        Assert.Equal("Rejected", await StatusAsync(wcag.Value));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_standard_links WHERE requirement_id = @access AND standard_id = 'DOS-WCAG'", new { access }));

        // Nothing chosen, or something that is not a suggestion: a Swedish message and nothing changed.
        var nothing = await officer.PostAsync($"/upphandlingar/{id}/lankforslag/beslut", new Dictionary<string, string> { ["atgard"] = "godkann" }, token);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("Markera minst ett förslag först.", (await TestClient.ParseAsync(nothing)).MainText(), StringComparison.Ordinal);
        var garbage = await officer.PostAsync($"/upphandlingar/{id}/lankforslag/beslut", new Dictionary<string, string> { ["markerade"] = "inte-ett-id", ["atgard"] = "godkann" }, token);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task The_suggestions_page_shows_50_requirements_a_page_and_bulk_decisions_touch_only_the_shown_page()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DOS-WCAG");
        await ManyRequirementsAsync(id, 120);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/upphandlingar/{id}/lankforslag", $"/upphandlingar/{id}/lankforslag/foresla",
            new Dictionary<string, string>())).StatusCode);
        var open = await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id WHERE r.procurement_id = @id AND l.status = 'Suggested'", new { id });
        Assert.True(open >= 60, $"{open} suggestions"); // every other requirement is about WCAG

        var url = $"/upphandlingar/{id}/lankforslag";
        var (_, first) = await officer.GetPageAsync(url);
        Assert.Equal(50, first.QuerySelectorAll("li.requirement").Length);
        Assert.Equal("Krav 1–50 av 120.", first.QuerySelector("#visade-krav")!.TextContent.Trim());
        Assert.Contains($"{open} förslag väntar på beslut", first.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        var pager = first.QuerySelector("nav[aria-label='Sidor med länkförslag']")!;
        Assert.Equal("Sida 1 av 3", pager.QuerySelector("[aria-current=page]")!.TextContent.Trim());
        Assert.NotNull(pager.QuerySelector($"a[href='{url}?sida=3']"));
        Assert.Contains("Nästa sida", pager.TextContent, StringComparison.Ordinal);

        var (_, last) = await officer.GetPageAsync($"{url}?sida=3");
        Assert.Equal(20, last.QuerySelectorAll("li.requirement").Length);
        Assert.Equal("101", last.QuerySelector("ol.requirement-list")!.GetAttribute("start"));
        var (_, beyond) = await officer.GetPageAsync($"{url}?sida=99");
        Assert.Equal("Sida 3 av 3", beyond.QuerySelector("nav[aria-label='Sidor med länkförslag'] [aria-current=page]")!.TextContent.Trim());
        var (_, before) = await officer.GetPageAsync($"{url}?sida=-1");
        Assert.Equal("Sida 1 av 3", before.QuerySelector("nav[aria-label='Sidor med länkförslag'] [aria-current=page]")!.TextContent.Trim());

        // "Godkänn markerade" on page 2 accepts what that page showed and checked, and comes back to page 2.
        var (_, second) = await officer.GetPageAsync($"{url}?sida=2");
        var shown = second.QuerySelectorAll("input[name=markerade]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.InRange(shown.Count, 20, 150);
        var form = SpecificationSetup.FormOf(second, $"{url}/beslut");
        Assert.Equal("2", form.Fields["sida"]);
        var decided = await officer.PostFormAsync($"{url}/beslut",
            shown.Select(v => new KeyValuePair<string, string>("markerade", v)).Append(new("atgard", "godkann")).Append(new("sida", "2")), form.Token);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal($"{url}?sida=2", decided.Headers.Location!.OriginalString);
        Assert.Equal(shown.Count, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id WHERE r.procurement_id = @id AND l.status = 'Accepted'", new { id }));
        Assert.Equal(open - shown.Count, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id WHERE r.procurement_id = @id AND l.status = 'Suggested'", new { id }));
        var (_, after) = await officer.GetPageAsync($"{url}?sida=2");
        Assert.Empty(after.QuerySelectorAll("input[name=markerade]"));
        Assert.Null(after.QuerySelector("button[name=atgard]"));
        var (_, firstAgain) = await officer.GetPageAsync(url);
        Assert.NotEmpty(firstAgain.QuerySelectorAll("input[name=markerade]"));
    }

    [Fact]
    public void Suggesting_for_the_whole_procurement_runs_outside_the_request_transaction()
    {
        var suggest = typeof(Procurement.Web.Features.StandardLinks.StandardLinksController).GetMethod("Suggest")!;
        Assert.NotNull(suggest.GetCustomAttributes(typeof(Procurement.Web.Infrastructure.Filters.NoTransactionAttribute), false).SingleOrDefault());
    }

    [Fact]
    public async Task Suggestions_are_read_and_computed_without_the_write_lock_and_decisions_made_meanwhile_win()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DIGG-EID", "DOS-WCAG");
        var login = await app.AddRequirementAsync(officer, id, "Inloggning", text: "Invånare ska kunna logga in med e-legitimation, till exempel BankID eller Freja eID.");
        var access = await app.AddRequirementAsync(officer, id, "Tillgänglighet", text: "Tjänsten ska uppfylla WCAG 2.1 nivå AA och fungera med skärmläsare.");
        var reports = await app.AddRequirementAsync(officer, id, "Rapporter", text: "Rapporter ska kunna tas ut per månad.");
        var eid = (await LinkAsync(login, "DIGG-EID"))!.Value;

        // Steps 1 and 2 while someone else holds the write lock: they never wait for it.
        var (input, computed) = await app.WithServicesAsync(async sp =>
        {
            var store = sp.GetRequiredService<StandardLinkStore>();
            using (await sp.GetRequiredService<Procurement.Data.WriteGate>().EnterAsync(default))
            {
                var work = Task.Run(async () =>
                {
                    var read = await store.ReadForSuggestingAsync(id, null, default);
                    return (read, StandardLinkStore.ComputeSuggestions(read));
                });
                Assert.Same(work, await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(20))));
                return await work;
            }
        });
        Assert.Equal(3, input.Requirements.Count);

        // Meanwhile an officer accepts a suggestion and rewrites a requirement (which suggests for it in its own save).
        var token = SpecificationSetup.FormOf((await officer.GetPageAsync($"/upphandlingar/{id}/lankforslag")).Document, $"/upphandlingar/{id}/lankforslag/beslut").Token;
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/lankforslag/beslut",
            new Dictionary<string, string> { ["enskild"] = $"godkann:{eid}" }, token)).StatusCode);
        var edit = $"/upphandlingar/{id}/krav/{reports}/redigera";
        var form = await officer.OpenFormAsync(edit, edit);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(edit, SpecificationSetup.EditFields(form,
            "Rapporter ska kunna tas ut per månad och vara tillgängliga för skärmläsare enligt WCAG.", "Tillgänglighet."), form.Token)).StatusCode);
        var reportLinks = await LinkIdsAsync(reports);
        Assert.NotEmpty(reportLinks);

        // Step 3, the one short write.
        var saved = await app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().WriteAsync(() =>
            sp.GetRequiredService<StandardLinkStore>().SaveSuggestionsAsync(id, null, input, computed, default)));

        Assert.Equal("Accepted", await StatusAsync(eid));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM requirement_standard_links WHERE requirement_id = @login AND standard_id = 'DIGG-EID' AND clause_id = (SELECT clause_id FROM requirement_standard_links WHERE id = @eid)",
            new { login, eid }));
        Assert.Equal(reportLinks, await LinkIdsAsync(reports)); // the rewritten requirement keeps the suggestions of its own save
        Assert.NotNull(await LinkAsync(access, "DOS-WCAG"));
        Assert.True(saved > 0);
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement-links.suggested' AND entity_id = @p AND after_json LIKE '%\"changedMeanwhile\":1%'",
            new { p = id.ToString() }));
    }

    [Fact]
    public async Task Suggesting_through_the_page_gives_the_same_links_as_suggesting_in_one_transaction()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DIGG-EID", "DOS-WCAG", "DIGG-SDK", "OCDS");
        await ManyRequirementsAsync(id, 30);
        await app.ExecuteAsync("DELETE FROM requirement_standard_links WHERE requirement_id IN (SELECT id FROM requirements WHERE procurement_id = @id)", new { id });

        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/upphandlingar/{id}/lankforslag?sida=2", $"/upphandlingar/{id}/lankforslag/foresla",
            new Dictionary<string, string>())).StatusCode);
        var throughPage = await SuggestedAsync(id);
        Assert.NotEmpty(throughPage);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'requirement-links.suggested' AND entity_id = @p AND actor_user_id IS NOT NULL",
            new { p = id.ToString() }));

        await app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().WriteAsync(() =>
            sp.GetRequiredService<StandardLinkStore>().SuggestAsync(id, null, null, default)));
        Assert.Equal(throughPage, await SuggestedAsync(id));
    }

    [Fact]
    public async Task A_changed_requirement_gets_fresh_suggestions()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DIGG-EID", "DOS-WCAG");
        var requirement = await app.AddRequirementAsync(officer, id, "Rapporter", text: "Rapporter ska kunna tas ut per månad.");
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_standard_links WHERE requirement_id = @requirement", new { requirement }));

        var url = $"/upphandlingar/{id}/krav/{requirement}/redigera";
        var form = await officer.OpenFormAsync(url, url);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(url, SpecificationSetup.EditFields(form,
            "Rapporter ska kunna tas ut per månad och vara tillgängliga för skärmläsare enligt WCAG.", "Tillgänglighet."), form.Token)).StatusCode);

        Assert.NotNull(await LinkAsync(requirement, "DOS-WCAG"));
    }

    [Fact]
    public async Task The_coverage_report_shows_covered_clauses_gaps_bor_only_hints_and_conflicts()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await DeclareAsync(officer, id, "DOS-WCAG");
        var ska = await app.AddRequirementAsync(officer, id, "Leveransvillkor", text: "Tjänsten ska uppfylla kraven.", kind: "Ska");
        var bor = await app.AddRequirementAsync(officer, id, "Redogörelse", text: "Meriterande om redogörelsen finns.", kind: "Bor");

        Assert.Equal(HttpStatusCode.Redirect, (await AddLinkAsync(officer, id, ska, "DOS-WCAG|WCAG-AA")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddLinkAsync(officer, id, bor, "DOS-WCAG|WCAG-STATEMENT")).StatusCode);
        Assert.Equal("Manual", await app.QueryScalarAsync<string>(
            "SELECT source FROM requirement_standard_links WHERE requirement_id = @ska AND clause_id = 'WCAG-AA' AND status = 'Accepted'", new { ska }));
        var unknownClause = await AddLinkAsync(officer, id, ska, "OCDS|OCDS-PUBLISH");
        Assert.Equal(HttpStatusCode.BadRequest, unknownClause.StatusCode);
        Assert.Contains("Välj ett avsnitt av en tillämplig standard i listan.", (await TestClient.ParseAsync(unknownClause)).MainText(), StringComparison.Ordinal);

        var coverageUrl = $"/upphandlingar/{id}/tackning";
        var conflictUrl = $"/upphandlingar/{id}/tackning/konflikter";
        var noRationale = await officer.SubmitAsync(coverageUrl, conflictUrl, new Dictionary<string, string>
        {
            ["Conflict.RequirementId"] = ska.ToString(), ["Conflict.Clause"] = "DOS-WCAG|WCAG-AA", ["Conflict.Rationale"] = " ",
        });
        Assert.Equal(HttpStatusCode.BadRequest, noRationale.StatusCode);
        Assert.Contains("Skriv varför kravet strider mot avsnittet.", (await TestClient.ParseAsync(noRationale)).MainText(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM coverage_conflicts WHERE requirement_id = @ska", new { ska }));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(coverageUrl, conflictUrl, new Dictionary<string, string>
        {
            ["Conflict.RequirementId"] = ska.ToString(), ["Conflict.Clause"] = "DOS-WCAG|WCAG-AA", ["Conflict.Rationale"] = "Kravet säger WCAG 2.0, standarden 2.1.",
        })).StatusCode);

        var (response, report) = await officer.GetPageAsync(coverageUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("1", report.QuerySelector("#tackta")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("2", report.QuerySelector("#luckor")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("1", report.QuerySelector("#antal-konflikter")!.TextContent.Trim(), StringComparison.Ordinal);
        var covered = report.QuerySelector("#avsnitt-DOS-WCAG-WCAG-AA")!.TextContent;
        Assert.Contains("Täckt", covered, StringComparison.Ordinal);
        Assert.Contains("Kravet säger WCAG 2.0, standarden 2.1.", covered, StringComparison.Ordinal);
        var borOnly = report.QuerySelector("#avsnitt-DOS-WCAG-WCAG-STATEMENT")!.TextContent;
        Assert.Contains("Lucka", borOnly, StringComparison.Ordinal);
        Assert.Contains("endast bör-krav", borOnly, StringComparison.Ordinal);
        var gap = report.QuerySelector("#avsnitt-DOS-WCAG-WCAG-DOCS")!.TextContent;
        Assert.Contains("Lucka", gap, StringComparison.Ordinal);
        Assert.DoesNotContain("endast bör-krav", gap, StringComparison.Ordinal);

        // The export holds the same rows.
        var xlsx = await officer.GetAsync($"/upphandlingar/{id}/tackning.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), isEditable: false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("WCAG-DOCS", cells);
        Assert.Contains("Lucka – endast bör-krav", cells);
        Assert.Contains(cells, c => c.Contains("Kravet säger WCAG 2.0", StringComparison.Ordinal));

        // Resolving the conflict takes it off the report.
        var conflict = await app.QueryScalarAsync<Guid>("SELECT id FROM coverage_conflicts WHERE requirement_id = @ska", new { ska });
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(coverageUrl, $"{conflictUrl}/{conflict}/los", new Dictionary<string, string>())).StatusCode);
        var (_, after) = await officer.GetPageAsync(coverageUrl);
        Assert.StartsWith("0", after.QuerySelector("#antal-konflikter")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    /// <summary>Declares the standards from the page as it is now (its version), as the officer's browser would.</summary>
    private static async Task<HttpResponseMessage> DeclareAsync(TestClient officer, Guid id, params string[] standards)
    {
        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/standarder");
        return await DeclareAtAsync(officer, id, response.IsSuccessStatusCode ? VersionOf(page) : "1", standards);
    }

    /// <summary>Declares the standards based on the given version (the hidden field of a page read earlier).</summary>
    private static async Task<HttpResponseMessage> DeclareAtAsync(TestClient officer, Guid id, string? version, params string[] standards)
    {
        var (_, home) = await officer.GetPageAsync("/");
        var token = home.QuerySelectorAll("input[name=__RequestVerificationToken]").Cast<AngleSharp.Html.Dom.IHtmlInputElement>().First().Value;
        var fields = standards.Select(s => new KeyValuePair<string, string>("standarder", s));
        return await officer.PostFormAsync($"/upphandlingar/{id}/standarder", version is null ? fields : fields.Append(new("version", version)), token);
    }

    private static string VersionOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("form[action$='/standarder'] input[name=version]")!.GetAttribute("value")!;

    private static bool IsChecked(AngleSharp.Html.Dom.IHtmlDocument page, string standardId) =>
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"#standard-{standardId}")!).IsChecked;

    private static Task<HttpResponseMessage> AddLinkAsync(TestClient officer, Guid id, Guid requirementId, string clause) =>
        officer.SubmitAsync($"/upphandlingar/{id}/lankforslag", $"/upphandlingar/{id}/lankforslag/manuell", new Dictionary<string, string>
        {
            ["Manual.RequirementId"] = requirementId.ToString(), ["Manual.Clause"] = clause,
        });

    private Task<Guid?> LinkAsync(Guid requirementId, string standardId) =>
        app.QueryScalarAsync<Guid?>("SELECT id FROM requirement_standard_links WHERE requirement_id = @requirementId AND standard_id = @standardId",
            new { requirementId, standardId });

    /// <summary>Requirements straight through the store (fast), each about accessibility so the suggester finds WCAG.</summary>
    private Task<bool> ManyRequirementsAsync(Guid id, int count) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().WriteAsync(async () =>
        {
            var store = sp.GetRequiredService<RequirementStore>();
            for (var i = 1; i <= count; i++)
            {
                await store.CreateAsync(id, new RequirementData(SpecificationSection.Specification, null, null, RequirementKind.Ska, $"Krav nummer {i}",
                    i % 2 == 0 ? $"Tjänsten ska uppfylla WCAG 2.1 nivå AA och fungera med skärmläsare (del {i})."
                               : $"Invånare ska kunna logga in med e-legitimation som BankID (del {i}).", "", "", RequirementStatus.Draft), null, "Nytt krav", default);
            }

            return true;
        }));

    private async Task<IReadOnlyList<Guid>> LinkIdsAsync(Guid requirementId) =>
        await app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().QueryAsync<Guid>(
            "SELECT id FROM requirement_standard_links WHERE requirement_id = @requirementId ORDER BY id", new { requirementId }));

    private async Task<IReadOnlyList<string>> SuggestedAsync(Guid id) =>
        (await app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().QueryAsync<SuggestedLink>(
            """
            SELECT l.requirement_id, l.standard_id, l.clause_id, l.rank, l.confidence, l.confident, l.matched_terms, l.requirement_version
            FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id
            WHERE r.procurement_id = @id AND l.status = 'Suggested'
            """, new { id })))
        .Select(l => $"{l.RequirementId}|{l.StandardId}|{l.ClauseId}|{l.Rank}|{l.Confidence:R}|{l.Confident}|{l.MatchedTerms}|{l.RequirementVersion}")
        .Order(StringComparer.Ordinal).ToList();

    private sealed class SuggestedLink
    {
        public Guid RequirementId { get; init; }

        public string StandardId { get; init; } = "";

        public string ClauseId { get; init; } = "";

        public int? Rank { get; init; }

        public double? Confidence { get; init; }

        public bool Confident { get; init; }

        public string MatchedTerms { get; init; } = "";

        public int RequirementVersion { get; init; }
    }

    private async Task<IReadOnlyList<string>> AppliedAsync(Guid id) =>
        await app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().QueryAsync<string>(
            "SELECT standard_id FROM procurement_standards WHERE procurement_id = @id ORDER BY standard_id", new { id }));

    private Task<string> StatusAsync(Guid linkId) =>
        app.QueryScalarAsync<string>("SELECT status FROM requirement_standard_links WHERE id = @linkId", new { linkId });
}
