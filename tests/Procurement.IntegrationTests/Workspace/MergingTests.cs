using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Domain.Identity;
using Procurement.Domain.Procurements;
using Procurement.Domain.Requirements;
using Procurement.Testing;
using Procurement.Web.Features.Merging;
using Procurement.Web.Features.Participation;
using Procurement.Web.Features.Specification;
using Procurement.Web.Features.Submissions;
using static Procurement.IntegrationTests.Workspace.NeedsSteps;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>
/// The officer's merge workflow through the pages: analysis in the background, suggested groups, accept as a new
/// requirement or into an existing one, reject (remembered), split and undo, with provenance and the journal.
/// The texts are chosen so any sensible engine groups them the same way: repeats that differ only in case and
/// punctuation, next to a near-miss that means something else.
/// </summary>
public sealed class MergingTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string Reminder = "Systemet ska kunna skicka SMS-påminnelse till kunden före bokningen.";
    private const string Confirmation = "Systemet ska kunna skicka SMS-bekräftelse till kunden efter bokningen.";
    private const string Lone = "Statistik över uthyrda timmar per anläggning och månad.";

    [Fact]
    public async Task The_analysis_suggests_the_repeated_needs_as_groups_and_keeps_the_near_miss_apart()
    {
        var (officer, id, needs) = await SeededAsync();

        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sammanforing");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"form[action='/upphandlingar/{id}/sammanforing/analys']"));

        await AnalyseAsync(officer, id);

        var groups = await OpenGroupsAsync(id);
        Assert.Equal(2, groups.Count);
        Assert.Equal(Set(needs.Reminders), groups[0]);
        Assert.Equal(Set(needs.Confirmations), groups[1]);

        (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sammanforing");
        var titles = page.QuerySelectorAll(".suggestion__title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["3 behov från 3 organisationer", "2 behov från 2 organisationer"], titles);
        // The words the group shares are marked in every source.
        Assert.Contains(page.QuerySelectorAll(".suggestion__sources mark"), m => m.TextContent.Contains("påminnelse", StringComparison.OrdinalIgnoreCase)
            || m.TextContent.Contains("bokningen", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.analysis-completed' AND entity_id = @id", new { id = id.ToString() }));
    }

    [Fact]
    public async Task Accepting_a_group_makes_one_requirement_that_keeps_who_asked_and_their_words()
    {
        var (officer, id, needs) = await SeededAsync();
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Reminders[0]);

        // Merging waits for the compilation phase.
        var early = await AcceptAsync(officer, id, suggestion, needs.Reminders, "SMS-påminnelse före bokning");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await CloseCollectionAsync(officer, id);

        // The suggestion page proposes the group's own wording and ticks every need.
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sammanforing/forslag/{suggestion}");
        Assert.Equal(Reminder.TrimEnd('.'), page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim().TrimEnd('.', '!'), ignoreCase: true);
        Assert.Equal(3, page.QuerySelectorAll("input[name='behov'][type='checkbox'][checked]").Length);

        var response = await AcceptAsync(officer, id, suggestion, needs.Reminders, "SMS-påminnelse före bokning");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var requirementId = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'SMS-påminnelse före bokning'", new { id });
        Assert.Equal($"/upphandlingar/{id}/krav/{requirementId}#ursprung", response.Headers.Location!.OriginalString);
        Assert.Equal("Accepted", await app.QueryScalarAsync<string>("SELECT status FROM merge_suggestions WHERE id = @suggestion", new { suggestion }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.created' AND entity_id = @r", new { r = requirementId.ToString() }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.suggestion-accepted' AND entity_id = @s", new { s = suggestion.ToString() }));

        // Provenance: the three organisations in their own words; backing counts each organisation once
        // (three asked, Örebro supported one of the needs).
        (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}");
        Assert.Equal("Ursprung (3 behov från 3 organisationer)", page.QuerySelector("#ursprung")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("section[aria-labelledby='ursprung'] blockquote").Length);
        var backing = page.QuerySelector("section[aria-labelledby='ursprung'] > p")!.TextContent;
        Assert.StartsWith("4 organisationer står bakom kravet: 3 har lämnat behovet, 0 stöder kravet och 1 stödde behoven.", backing, StringComparison.Ordinal);
        // The specification list counts the same backing.
        Assert.Equal(4, await app.WithServicesAsync(async sp =>
            (await sp.GetRequiredService<RequirementStore>().GetAsync(id, requirementId, default))!.Supports));

        // The sorting list marks the merged needs with the requirement's code (the merge moved the lists' version).
        var code = await app.QueryScalarAsync<string>("SELECT code FROM requirements WHERE id = @requirementId", new { requirementId });
        (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?vy=behov");
        Assert.Equal(3, page.QuerySelectorAll("td .tag").Count(t => t.TextContent.Trim() == $"Sammanfört i {code}"));

        // A second officer's click on the same suggestion finds it decided; nothing more is saved.
        var again = await AcceptAsync(officer, id, suggestion, needs.Reminders, "Dubblett");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id AND title = 'Dubblett'", new { id }));
    }

    [Fact]
    public async Task A_rejected_group_is_not_suggested_again()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Confirmations[0]);

        var response = await PostAsync(officer, id, $"/upphandlingar/{id}/sammanforing/forslag/{suggestion}/avvisa", [], []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.suggestion-rejected' AND entity_id = @s", new { s = suggestion.ToString() }));

        await AnalyseAsync(officer, id);
        var groups = await OpenGroupsAsync(id);
        Assert.Equal([Set(needs.Reminders)], groups);
    }

    [Fact]
    public async Task A_group_merges_into_an_existing_requirement_and_a_split_need_comes_back_free()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        var existing = await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().WriteAsync(() =>
            sp.GetRequiredService<RequirementStore>().CreateAsync(id,
                new RequirementData(SpecificationSection.Specification, null, null, RequirementKind.Bor, "Bekräftelse per SMS",
                    "Kunden får en bekräftelse per SMS när bokningen är gjord.", "", "", RequirementStatus.Draft), null, "Nytt krav", default)));
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Confirmations[0]);

        var response = await MergeIntoAsync(officer, id, suggestion, existing, needs.Confirmations);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Set(needs.Confirmations), await SourcesOfAsync(existing));

        // Split one need out: it is free again, the other stays.
        response = await officer.SubmitAsync($"/upphandlingar/{id}/krav/{existing}", $"/upphandlingar/{id}/krav/{existing}/ursprung/dela",
            new Dictionary<string, string> { ["behov"] = needs.Confirmations[0].ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Set([needs.Confirmations[1]]), await SourcesOfAsync(existing));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.split' AND entity_id = @r", new { r = existing.ToString() }));
        // The history keeps the split-out need: provenance is never deleted.
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_members WHERE submission_id = @n AND removed_at IS NOT NULL", new { n = needs.Confirmations[0] }));

        // Undoing the merge frees the rest; the existing requirement stays (the merge did not create it).
        var mergeId = await app.QueryScalarAsync<Guid>("SELECT id FROM merges WHERE requirement_id = @existing", new { existing });
        response = await officer.SubmitAsync($"/upphandlingar/{id}/krav/{existing}", $"/upphandlingar/{id}/sammanforing/{mergeId}/angra", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await SourcesOfAsync(existing));
        Assert.Equal("Draft", await app.QueryScalarAsync<string>("SELECT status FROM requirements WHERE id = @existing", new { existing }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id WHERE mg.procurement_id = @id AND mm.removed_at IS NULL", new { id }));
    }

    [Fact]
    public async Task Undoing_the_merge_that_made_a_requirement_removes_it_as_a_new_version_and_frees_the_needs()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Reminders[0]);
        var accepted = await AcceptAsync(officer, id, suggestion, needs.Reminders, "Påminnelse");
        Assert.True(accepted.StatusCode == HttpStatusCode.Redirect, await accepted.Content.ReadAsStringAsync());
        var requirementId = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Påminnelse'", new { id });
        var mergeId = await app.QueryScalarAsync<Guid>("SELECT id FROM merges WHERE requirement_id = @requirementId", new { requirementId });

        var response = await officer.SubmitAsync($"/upphandlingar/{id}/sammanforing", $"/upphandlingar/{id}/sammanforing/{mergeId}/angra", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Removed", await app.QueryScalarAsync<string>("SELECT status FROM requirements WHERE id = @requirementId", new { requirementId }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId", new { requirementId }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.undone' AND entity_id = @r", new { r = requirementId.ToString() }));

        // Undo twice: the second finds it undone.
        response = await officer.PostAsync($"/upphandlingar/{id}/sammanforing/{mergeId}/angra", new Dictionary<string, string>(), tokenPageUrl: $"/upphandlingar/{id}/sammanforing");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);

        // The needs are free: the next analysis suggests them again.
        await AnalyseAsync(officer, id);
        Assert.Contains(Set(needs.Reminders), await OpenGroupsAsync(id));
    }

    [Fact]
    public async Task Undo_is_refused_with_a_409_while_the_requirement_it_made_holds_others_work_and_splitting_keeps_it()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(officer, id, await SuggestionOfAsync(id, needs.Reminders[0]), needs.Reminders, "Påminnelse")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(officer, id, await SuggestionOfAsync(id, needs.Confirmations[0]), needs.Confirmations, "Bekräftelse")).StatusCode);
        var reminder = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Påminnelse'", new { id });
        var confirmation = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Bekräftelse'", new { id });

        // A municipality comments on the first requirement; a second officer rewrites the other one.
        var uppsala = await MunicipalityAsync(app, "0380");
        var representative = await app.CreateUserAsync(Roles.MunicipalityRepresentative, uppsala);
        await app.ExecuteAsync(
            """
            INSERT INTO comments (id, procurement_id, requirement_id, parent_id, organisation_id, author_user_id, text, created_at)
            VALUES (@cid, @id, @reminder, NULL, @uppsala, @author, 'Gäller det även sms till anhöriga?', @now)
            """, new { cid = Guid.NewGuid(), id, reminder, uppsala, author = representative.Id, now = DateTimeOffset.UtcNow });
        var (colleague, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var edit = $"/upphandlingar/{id}/krav/{confirmation}/redigera";
        var form = await colleague.OpenFormAsync(edit, edit);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.PostAsync(edit, SpecificationSetup.EditFields(form,
            "Kunden får en bekräftelse per sms direkt efter bokningen.", "Tydligare."), form.Token)).StatusCode);

        foreach (var (requirementId, reason) in new[] { (reminder, "kommentarer: 1"), (confirmation, "ändringar av andra användare: 1") })
        {
            var mergeId = await app.QueryScalarAsync<Guid>("SELECT id FROM merges WHERE requirement_id = @requirementId", new { requirementId });
            var refused = await officer.SubmitAsync($"/upphandlingar/{id}/sammanforing", $"/upphandlingar/{id}/sammanforing/{mergeId}/angra", new Dictionary<string, string>());

            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var page = await TestClient.ParseAsync(refused);
            Assert.Equal("Sammanförandet kan inte ångras", page.QuerySelector("h1")!.TextContent);
            Assert.Contains(reason, page.QuerySelector("#undo-reasons")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector($"a[href='/upphandlingar/{id}/krav/{requirementId}#ursprung']"));
            Assert.Equal("Draft", await app.QueryScalarAsync<string>("SELECT status FROM requirements WHERE id = @requirementId", new { requirementId }));
            Assert.Null(await app.QueryScalarAsync<string?>("SELECT undone_at FROM merges WHERE id = @mergeId", new { mergeId }));
            Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.undo-refused' AND entity_id = @r", new { r = requirementId.ToString() }));
        }

        Assert.Equal(Set(needs.Reminders), await SourcesOfAsync(reminder));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'merge.undone' AND entity_id IN (@a, @b)",
            new { a = reminder.ToString(), b = confirmation.ToString() }));

        // What the page suggests instead: split the needs out; the requirement stays with its comment.
        var split = await officer.PostFormAsync($"/upphandlingar/{id}/krav/{reminder}/ursprung/dela",
            needs.Reminders.Select(n => new KeyValuePair<string, string>("behov", n.ToString())), await TokenAsync(officer, $"/upphandlingar/{id}/krav/{reminder}"));
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        Assert.Empty(await SourcesOfAsync(reminder));
        Assert.Equal("Draft", await app.QueryScalarAsync<string>("SELECT status FROM requirements WHERE id = @reminder", new { reminder }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE requirement_id = @reminder", new { reminder }));
    }

    [Fact]
    public async Task Bad_input_gets_a_Swedish_message_and_saves_nothing()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Reminders[0]);

        var noTitle = await AcceptAsync(officer, id, suggestion, needs.Reminders, "");
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("Ge kravet en rubrik.", await noTitle.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noNeeds = await AcceptAsync(officer, id, suggestion, [], "Utan behov");
        Assert.Equal(HttpStatusCode.BadRequest, noNeeds.StatusCode);
        Assert.Contains("Markera minst ett behov att sammanföra.", await noNeeds.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var foreign = await AcceptAsync(officer, id, suggestion, [needs.Lone], "Fel behov");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var noTarget = await MergeIntoAsync(officer, id, suggestion, Guid.NewGuid(), needs.Reminders);
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.Contains("Välj ett krav i listan att sammanföra behoven med.", await noTarget.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merges WHERE procurement_id = @id", new { id }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id WHERE mg.procurement_id = @id AND mm.removed_at IS NULL", new { id }));
    }

    [Fact]
    public async Task Decisions_made_while_an_analysis_runs_win_over_its_result()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        var reminders = await SuggestionOfAsync(id, needs.Reminders[0]);
        var confirmations = await SuggestionOfAsync(id, needs.Confirmations[0]);
        var officerId = await app.QueryScalarAsync<Guid>("SELECT started_by FROM merge_runs WHERE procurement_id = @id", new { id });

        // A second analysis takes its snapshot …
        var (run, suggestions, count) = await app.WithServicesAsync(async sp =>
        {
            var runs = sp.GetRequiredService<MergeRunStore>();
            var (runId, _) = await sp.GetRequiredService<DbSession>().WriteAsync(() => runs.StartAsync(id, officerId, default));
            var free = await runs.UnmergedNeedsAsync(id, default);
            var result = MergeAnalysisRunner.Analyse(free, await runs.RequirementTextsAsync(id, default), await runs.RejectedPairsAsync(id, default), null, default);
            return ((await runs.GetAsync(id, runId, default))!, result, free.Count);
        });
        Assert.Equal(2, suggestions.Count);

        // … while an officer rejects one of the groups it will suggest again.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, id, $"/upphandlingar/{id}/sammanforing/forslag/{confirmations}/avvisa", [], [])).StatusCode);

        await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().WriteAsync(() =>
            sp.GetRequiredService<MergeRunStore>().CompleteAsync(run, count, suggestions, default)));

        // The rejected group stays rejected; the unchanged open group keeps its id (an officer may be filling it in).
        Assert.Equal([Set(needs.Reminders)], await OpenGroupsAsync(id));
        Assert.Equal(reminders, await SuggestionOfAsync(id, needs.Reminders[0]));
        Assert.Equal("Completed", await app.QueryScalarAsync<string>("SELECT status FROM merge_runs WHERE id = @Id", new { run.Id }));
    }

    [Fact]
    public async Task A_need_withdrawn_after_the_analysis_is_not_merged()
    {
        var (officer, id, needs) = await SeededAsync();
        await AnalyseAsync(officer, id);
        await app.ExecuteAsync("UPDATE submissions SET status = 'Withdrawn' WHERE id = @need", new { need = needs.Reminders[0] });
        await CloseCollectionAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Reminders[1]);

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sammanforing/forslag/{suggestion}");
        Assert.Equal(2, page.QuerySelectorAll("input[name='behov'][type='checkbox'][checked]").Length);
        Assert.Contains("Återkallat", page.QuerySelector("#behov")!.TextContent, StringComparison.Ordinal);

        var response = await AcceptAsync(officer, id, suggestion, needs.Reminders, "Utan det återkallade");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var requirementId = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @id AND title = 'Utan det återkallade'", new { id });
        Assert.Equal(Set([needs.Reminders[1], needs.Reminders[2]]), await SourcesOfAsync(requirementId));
    }

    [Fact]
    public async Task A_run_waiting_behind_another_procurements_run_says_it_is_queued_not_0_of_0()
    {
        var (officer, user) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var first = await app.CreateProcurementAsync(officer);
        var second = await app.CreateProcurementAsync(officer);
        var (firstRun, secondRun) = await app.WithServicesAsync(async sp =>
        {
            var runs = sp.GetRequiredService<MergeRunStore>();
            var session = sp.GetRequiredService<DbSession>();
            var a = await session.WriteAsync(() => runs.StartAsync(first, user.Id, default));
            var b = await session.WriteAsync(() => runs.StartAsync(second, user.Id, default));
            return (a.RunId, b.RunId);
        });
        var runner = app.Services.GetRequiredService<MergeAnalysisRunner>();

        // Holding the write gate keeps the first run at its final write, so the second one waits in the queue.
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync(default))
        {
            runner.Enqueue(first, firstRun);
            runner.Enqueue(second, secondRun);
            Assert.True(runner.Progress(secondRun)!.Queued);

            var (response, page) = await officer.GetPageAsync($"/upphandlingar/{second}/sammanforing");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var box = page.QuerySelector("#analysis-queued")!;
            Assert.Contains("I kö – analysen startar strax", box.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("progress"));
            Assert.DoesNotContain("0 av 0", page.MainText(), StringComparison.Ordinal);
            var status = await (await officer.GetAsync($"/upphandlingar/{second}/sammanforing/analys/{secondRun}/status")).Content.ReadAsStringAsync();
            Assert.Contains("\"queued\":true", status, StringComparison.Ordinal);
        }

        for (var i = 0; i < 300 && await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_runs WHERE id IN (@firstRun, @secondRun) AND status = 'Completed'",
            new { firstRun, secondRun }) < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(2 == await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_runs WHERE id IN (@firstRun, @secondRun) AND status = 'Completed'", new { firstRun, secondRun }),
            app.Log);
        var (_, done) = await officer.GetPageAsync($"/upphandlingar/{second}/sammanforing");
        Assert.Null(done.QuerySelector("#analysis-queued"));
        Assert.Null(runner.Progress(secondRun));
    }

    [Fact]
    public async Task Hostile_values_in_every_field_of_the_merge_forms_get_4xx_and_save_nothing()
    {
        var (officer, id, needs) = await SeededAsync();
        await CloseCollectionAsync(officer, id);
        await AnalyseAsync(officer, id);
        var suggestion = await SuggestionOfAsync(id, needs.Reminders[0]);
        string[] bad = ["", "   ", new string('å', 5000), "<script>alert(1)</script>", "'; DROP TABLE merges; --", "inte-ett-id", "-1", "\u0000\u202E"];
        var forms = new (string Action, string[] Fields)[]
        {
            ($"/upphandlingar/{id}/sammanforing/forslag/{suggestion}/nytt-krav", ["Form.Section", "Form.CategoryId", "Form.Kind", "Form.Title", "Form.Text", "Form.Motiv", "Form.Verifikat", "Form.Status", "Form.Version", "behov"]),
            ($"/upphandlingar/{id}/sammanforing/forslag/{suggestion}/befintligt-krav", ["krav", "behov"]),
            ($"/upphandlingar/{id}/krav/{Guid.NewGuid()}/ursprung/dela", ["behov"]),
        };
        var failures = new List<string>();
        foreach (var (action, fields) in forms)
        {
            foreach (var value in bad)
            {
                foreach (var field in fields)
                {
                    var response = await PostAsync(officer, id, action, fields.Select(f => new KeyValuePair<string, string>(f, f == field ? value : "x")), []);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode is < 400 or >= 500 || !body.Contains("<html lang=\"sv\"", StringComparison.Ordinal))
                    {
                        failures.Add($"{action} {field}=\"{value[..Math.Min(value.Length, 20)]}\": {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merges WHERE procurement_id = @id", new { id }));
        Assert.Equal("Open", await app.QueryScalarAsync<string>("SELECT status FROM merge_suggestions WHERE id = @suggestion", new { suggestion }));
    }

    private async Task<HttpResponseMessage> AcceptAsync(TestClient officer, Guid id, Guid suggestion, IReadOnlyList<Guid> chosen, string title)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Section", "Specification"),
            new("Form.CategoryId", (await app.CategoryIdAsync(id, 1)).ToString()),
            new("Form.Kind", "Bor"),
            new("Form.Title", title),
            new("Form.Text", Reminder),
            new("Form.Status", "Draft"),
            new("Form.Version", "0"),
        };
        return await PostAsync(officer, id, $"/upphandlingar/{id}/sammanforing/forslag/{suggestion}/nytt-krav", fields, chosen);
    }

    private static Task<HttpResponseMessage> MergeIntoAsync(TestClient officer, Guid id, Guid suggestion, Guid requirementId, IReadOnlyList<Guid> chosen) =>
        PostAsync(officer, id, $"/upphandlingar/{id}/sammanforing/forslag/{suggestion}/befintligt-krav", [new("krav", requirementId.ToString())], chosen);

    /// <summary>Posts a form with repeated "behov" fields (the ticked needs), as the browser sends them.</summary>
    private static async Task<HttpResponseMessage> PostAsync(TestClient officer, Guid id, string url, IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyList<Guid> chosen)
    {
        var token = await TokenAsync(officer, $"/upphandlingar/{id}/sammanforing");
        using var content = new FormUrlEncodedContent(fields
            .Concat(chosen.Select(c => new KeyValuePair<string, string>("behov", c.ToString())))
            .Append(new("__RequestVerificationToken", token)));
        return await officer.Http.PostAsync(url, content);
    }

    private static async Task<string> TokenAsync(TestClient client, string url)
    {
        var (_, page) = await client.GetPageAsync(url);
        return page.QuerySelectorAll("input[name='__RequestVerificationToken']").Select(i => i.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
    }

    /// <summary>Starts the analysis through the page and waits for the background run to finish.</summary>
    private async Task AnalyseAsync(TestClient officer, Guid id)
    {
        var before = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_runs WHERE procurement_id = @id AND status = 'Completed'", new { id });
        var response = await officer.SubmitAsync($"/upphandlingar/{id}/sammanforing", $"/upphandlingar/{id}/sammanforing/analys", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        for (var i = 0; i < 300; i++)
        {
            if (await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_runs WHERE procurement_id = @id AND status = 'Completed'", new { id }) > before)
            {
                return;
            }

            Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM merge_runs WHERE procurement_id = @id AND status = 'Failed'", new { id }));
            await Task.Delay(100);
        }

        Assert.Fail("The analysis did not finish in 30 seconds.");
    }

    private async Task<IReadOnlyList<IReadOnlySet<Guid>>> OpenGroupsAsync(Guid id)
    {
        var suggestions = await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<Guid>(
            "SELECT id FROM merge_suggestions WHERE procurement_id = @id AND status = 'Open' ORDER BY rank", new { id }));
        var groups = new List<IReadOnlySet<Guid>>();
        foreach (var suggestion in suggestions)
        {
            groups.Add(Set(await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<Guid>(
                "SELECT submission_id FROM merge_suggestion_members WHERE suggestion_id = @suggestion", new { suggestion }))));
        }

        return groups;
    }

    private Task<Guid> SuggestionOfAsync(Guid id, Guid need) =>
        app.QueryScalarAsync<Guid>(
            """
            SELECT g.id FROM merge_suggestions g JOIN merge_suggestion_members m ON m.suggestion_id = g.id
            WHERE g.procurement_id = @id AND g.status = 'Open' AND m.submission_id = @need
            """, new { id, need });

    private async Task<IReadOnlySet<Guid>> SourcesOfAsync(Guid requirementId) =>
        Set(await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<Guid>(
            """
            SELECT mm.submission_id FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id
            WHERE mg.requirement_id = @requirementId AND mm.removed_at IS NULL
            """, new { requirementId })));

    private static HashSet<Guid> Set(IEnumerable<Guid> ids) => ids.ToHashSet();

    private sealed record SeededNeeds(IReadOnlyList<Guid> Reminders, IReadOnlyList<Guid> Confirmations, Guid Lone);

    /// <summary>
    /// A procurement in collection with five joined municipalities: three send the same reminder need, two the
    /// confirmation near-miss, one something else; Örebro (1880) supports the first reminder need.
    /// </summary>
    private async Task<(TestClient Officer, Guid Id, SeededNeeds Needs)> SeededAsync()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var codes = new[] { "0380", "0180", "1480", "2321", "1880" };
        var organisations = new Dictionary<string, Guid>();
        foreach (var code in codes)
        {
            organisations[code] = await MunicipalityAsync(app, code);
        }

        var now = DateTimeOffset.UtcNow;
        NewSubmission Need(string code, string text, int minute) =>
            new(organisations[code], null, new SubmissionData(text, RequirementKind.Bor, null, null), "Seed", null, now.AddMinutes(minute));
        var rows = new List<NewSubmission>
        {
            Need("0380", Reminder, -10),
            Need("0180", Reminder.ToUpperInvariant().TrimEnd('.'), -9),
            Need("1480", Reminder.Replace(".", "!", StringComparison.Ordinal), -8),
            Need("0380", Confirmation, -7),
            Need("2321", Confirmation.ToLowerInvariant(), -6),
            Need("1880", Lone, -5),
        };
        await app.WithServicesAsync(async sp =>
        {
            var participation = sp.GetRequiredService<ParticipationStore>();
            await sp.GetRequiredService<DbSession>().WriteAsync(async () =>
            {
                await participation.InviteAsync(id, organisations.Values.ToList(), officerUser.Id, default);
                foreach (var organisation in organisations.Values)
                {
                    await participation.RespondAsync(id, organisation, ParticipationStatus.Joined, null, default);
                }

                await sp.GetRequiredService<SubmissionStore>().InsertManyAsync(id, rows, _ => { }, default);
            });
            return true;
        });

        var ids = await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<Guid>(
            "SELECT id FROM submissions WHERE procurement_id = @id ORDER BY created_at", new { id }));
        await app.ExecuteAsync(
            "INSERT INTO supports (id, procurement_id, organisation_id, submission_id, created_at) VALUES (@sid, @id, @org, @need, @now)",
            new { sid = Guid.NewGuid(), id, org = organisations["1880"], need = ids[0], now });
        return (officer, id, new SeededNeeds([ids[0], ids[1], ids[2]], [ids[3], ids[4]], ids[5]));
    }
}
