using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class SupportAndCommentTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_municipality_supports_a_requirement_once_with_an_optional_comment_and_may_withdraw_it()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, uppsalaUser) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (enkoping, _) = await app.JoinedRepresentativeAsync(officer, id, "0381");
        var requirementId = await app.AddRequirementAsync(officer, id, "Bokning i mobilen");
        var page = $"/upphandlingar/{id}/krav/{requirementId}";

        var supported = await uppsala.SubmitAsync(page, $"{page}/stod", new Dictionary<string, string> { ["kommentar"] = "Våra föreningar bokar mest i mobilen." });
        Assert.Equal(HttpStatusCode.Redirect, supported.StatusCode);
        Assert.Equal(page, supported.Headers.Location!.OriginalString);

        // A colleague from the same municipality cannot add a second support.
        var (colleague, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, uppsalaUser.OrganisationId);
        var twice = await colleague.PostAsync($"{page}/stod", new Dictionary<string, string> { ["kommentar"] = "Igen." });
        var (_, afterTwice) = await colleague.GetPageAsync(twice.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("Er organisation stöder redan kravet.", afterTwice.MainText(), StringComparison.Ordinal);
        Assert.Equal(1, await SupportsAsync(requirementId));
        // Its page offers to withdraw, not to support again.
        Assert.NotNull(afterTwice.QuerySelector($"form[action='{page}/stod/ta-bort']"));
        Assert.Null(afterTwice.QuerySelector($"form[action='{page}/stod']"));

        Assert.Equal(HttpStatusCode.Redirect, (await enkoping.SubmitAsync(page, $"{page}/stod", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(2, await SupportsAsync(requirementId));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE requirement_id = @requirementId AND comment IS NULL", new { requirementId }));

        var (_, details) = await officer.GetPageAsync(page);
        Assert.Equal("Stöd från kommuner och regioner (2)", details.QuerySelector("#stod")!.TextContent);
        var supporters = details.QuerySelectorAll("section[aria-labelledby='stod'] li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Uppsala: Våra föreningar bokar mest i mobilen.", "Enköping"], supporters);
        var (_, list) = await officer.GetPageAsync($"/upphandlingar/{id}/krav");
        Assert.Contains("2 stöder", list.QuerySelector($"#krav-{requirementId}")!.TextContent, StringComparison.Ordinal);

        var withdrawn = await uppsala.SubmitAsync(page, $"{page}/stod/ta-bort", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(1, await SupportsAsync(requirementId));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM supports WHERE requirement_id = @requirementId AND organisation_id = @OrganisationId", new { requirementId, uppsalaUser.OrganisationId }));

        var entity = requirementId.ToString();
        Assert.Equal(2, await JournalAsync("support.added", entity));
        Assert.Equal(1, await JournalAsync("support.removed", entity));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'support.added' AND entity_id = @entity AND actor_user_id = @Actor AND after_json LIKE '%mobilen%'",
            new { entity, Actor = uppsalaUser.Id }));
    }

    [Fact]
    public async Task Support_is_for_participating_municipalities_while_collection_runs()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Bokning i mobilen");
        await app.AddRequirementAsync(officer, id, "Bidrag", category: 2);
        var support = $"/upphandlingar/{id}/krav/{requirementId}/stod";
        var (notJoined, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync("0180"));

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync(support, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await notJoined.PostAsync(support, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await representative.PostAsync($"/upphandlingar/{id}/krav/{Guid.NewGuid()}/stod", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await representative.PostAsync(support, new Dictionary<string, string> { ["kommentar"] = new string('x', 2001) })).StatusCode);
        Assert.Equal(0, await SupportsAsync(requirementId));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Collection", "Compilation")).StatusCode);
        var late = await representative.PostAsync(support, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Stöd kan bara lämnas under insamlingen.", (await TestClient.ParseAsync(late)).MainText(), StringComparison.Ordinal);
        var lateRemoval = await representative.PostAsync($"{support}/ta-bort", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, lateRemoval.StatusCode);
        Assert.Equal(0, await SupportsAsync(requirementId));
        Assert.Equal(0, await JournalAsync("support.added", requirementId.ToString()));
    }

    [Fact]
    public async Task Support_cannot_be_changed_through_another_procurement()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var open = await app.CreateProcurementAsync(officer);
        var (representative, user) = await app.JoinedRepresentativeAsync(officer, open);
        var closed = await app.CreateProcurementAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{closed}/deltagare/bjud-in",
            new Dictionary<string, string> { ["organisationer"] = user.OrganisationId.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await representative.PostAsync($"/upphandlingar/{closed}/deltagande", new Dictionary<string, string> { ["svar"] = "Joined" })).StatusCode);
        var requirementId = await app.AddRequirementAsync(officer, closed, "Bokning i mobilen");
        Assert.Equal(HttpStatusCode.Redirect, (await representative.PostAsync($"/upphandlingar/{closed}/krav/{requirementId}/stod", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(closed, "Collection", "Compilation")).StatusCode);

        // Support is frozen in the procurement whose collection closed; the open one's address changes nothing there.
        var direct = await representative.PostAsync($"/upphandlingar/{closed}/krav/{requirementId}/stod/ta-bort", new Dictionary<string, string>());
        var sideways = await representative.PostAsync($"/upphandlingar/{open}/krav/{requirementId}/stod/ta-bort", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Conflict, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sideways.StatusCode);
        Assert.Equal(1, await SupportsAsync(requirementId));
        Assert.Equal(0, await JournalAsync("support.removed", requirementId.ToString()));
    }

    [Fact]
    public async Task Participants_and_officers_discuss_a_requirement_in_threads()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, representativeUser) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid", text: "Leverantören ska svara inom [30] dagar.");
        var page = $"/upphandlingar/{id}/krav/{requirementId}";
        var action = $"{page}/kommentarer";

        var comment = await representative.SubmitAsync(page, action, new Dictionary<string, string> { ["Comment.Text"] = "Är 30 dagar inte för länge?" });
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        Assert.Equal($"{page}#kommentarer", comment.Headers.Location!.OriginalString);
        var commentId = await app.QueryScalarAsync<Guid>("SELECT id FROM comments WHERE requirement_id = @requirementId", new { requirementId });

        // The officer answers through the reply form under the comment.
        var (_, withComment) = await officer.GetPageAsync(page);
        var (reply, token) = SpecificationSetup.FormOf(withComment, action);
        Assert.Equal(commentId.ToString(), reply["Comment.ReplyTo"]);
        var replied = await officer.PostAsync(action, reply.With(new Dictionary<string, string> { ["Comment.Text"] = "Vi kortar till 10 arbetsdagar." }), token);
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);

        var (_, thread) = await representative.GetPageAsync(page);
        Assert.Equal("Diskussion (2)", thread.QuerySelector("#kommentarer")!.TextContent);
        var top = thread.QuerySelectorAll("ul.comments > li.comment").Where(li => !li.ParentElement!.ClassList.Contains("comments--replies")).ToList();
        Assert.Single(top);
        Assert.Contains("Är 30 dagar inte för länge?", top[0].QuerySelector(".requirement__text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Uppsala", top[0].QuerySelector(".comment__meta")!.TextContent, StringComparison.Ordinal);
        var replies = top[0].QuerySelectorAll(".comments--replies > li.comment").ToList();
        Assert.Single(replies);
        Assert.Contains("Vi kortar till 10 arbetsdagar.", replies[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(await DisplayNameAsync(officerUser.Id), replies[0].QuerySelector(".comment__meta")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(commentId, await app.QueryScalarAsync<Guid>("SELECT parent_id FROM comments WHERE requirement_id = @requirementId AND parent_id IS NOT NULL", new { requirementId }));
        var entity = requirementId.ToString();
        Assert.Equal(2, await JournalAsync("comment.added", entity));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'comment.added' AND entity_id = @entity AND actor_user_id = @Actor", new { entity, Actor = representativeUser.Id }));
        var (_, list) = await officer.GetPageAsync($"/upphandlingar/{id}/krav");
        Assert.Contains("2 kommentarer", list.QuerySelector($"#krav-{requirementId}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_a_reply_stays_in_the_thread_where_everyone_sees_it()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid");
        var action = $"/upphandlingar/{id}/krav/{requirementId}/kommentarer";
        await representative.PostAsync(action, new Dictionary<string, string> { ["Comment.Text"] = "Frågan." });
        var question = await app.QueryScalarAsync<Guid>("SELECT id FROM comments WHERE requirement_id = @requirementId", new { requirementId });
        await officer.PostAsync(action, new Dictionary<string, string> { ["Comment.Text"] = "Svaret.", ["Comment.ReplyTo"] = question.ToString() });
        var answer = await app.QueryScalarAsync<Guid>("SELECT id FROM comments WHERE parent_id = @question", new { question });

        var followUp = await representative.PostAsync(action, new Dictionary<string, string> { ["Comment.Text"] = "Följdfrågan.", ["Comment.ReplyTo"] = answer.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, followUp.StatusCode);
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}");
        Assert.Equal("Diskussion (3)", page.QuerySelector("#kommentarer")!.TextContent);
        var shown = page.QuerySelectorAll(".comments .requirement__text").Select(p => p.TextContent).ToList();
        Assert.Equal(["Frågan.", "Svaret.", "Följdfrågan."], shown);
    }

    [Fact]
    public async Task A_reply_to_a_comment_on_another_requirement_is_refused()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var first = await app.AddRequirementAsync(officer, id, "Första");
        var second = await app.AddRequirementAsync(officer, id, "Andra");
        await representative.SubmitAsync($"/upphandlingar/{id}/krav/{first}", $"/upphandlingar/{id}/krav/{first}/kommentarer",
            new Dictionary<string, string> { ["Comment.Text"] = "En fråga om det första kravet." });
        var elsewhere = await app.QueryScalarAsync<Guid>("SELECT id FROM comments WHERE requirement_id = @first", new { first });

        foreach (var replyTo in new[] { elsewhere, Guid.NewGuid() })
        {
            var response = await representative.PostAsync($"/upphandlingar/{id}/krav/{second}/kommentarer",
                new Dictionary<string, string> { ["Comment.Text"] = "Ett svar på fel ställe.", ["Comment.ReplyTo"] = replyTo.ToString() });
            var page = await TestClient.ParseAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Kommentaren du svarar på finns inte vid det här kravet.", page.QuerySelector("#Comment_Text-error")!.TextContent, StringComparison.Ordinal);
            // The typed text is kept.
            Assert.Equal("Ett svar på fel ställe.", page.QuerySelector("#Comment_Text")!.TextContent);
        }

        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE requirement_id = @second", new { second }));
        Assert.Equal(0, await JournalAsync("comment.added", second.ToString()));
    }

    [Fact]
    public async Task An_empty_or_over_long_comment_is_refused_with_a_Swedish_message()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id);
        var requirementId = await app.AddRequirementAsync(officer, id, "Svarstid");
        var page = $"/upphandlingar/{id}/krav/{requirementId}";

        foreach (var (text, message) in new[] { ("", "Skriv en kommentar."), ("   ", "Skriv en kommentar."), (new string('å', 4001), "Kommentaren får ha högst 4 000 tecken.") })
        {
            var response = await representative.SubmitAsync(page, $"{page}/kommentarer", new Dictionary<string, string> { ["Comment.Text"] = text });
            var refused = await TestClient.ParseAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, refused.QuerySelector("#Comment_Text-error")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(message, refused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE requirement_id = @requirementId", new { requirementId }));
    }

    [Fact]
    public async Task Only_the_workspace_discusses_and_the_discussion_closes_at_publication()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var id = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, id);
        var enkoping = await app.MunicipalityIdAsync("0381");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/upphandlingar/{id}/deltagare/bjud-in",
            new Dictionary<string, string> { ["organisationer"] = enkoping.ToString() })).StatusCode);
        var (invitedOnly, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, enkoping);
        var requirementId = await app.AddRequirementAsync(officer, id, "Bokning via webben");
        await app.AddRequirementAsync(officer, id, "Bidrag via webben", category: 2);
        foreach (var (from, to) in new[] { ("Collection", "Compilation"), ("Compilation", "Prioritisation"), ("Prioritisation", "Review") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, from, to)).StatusCode);
        }

        var action = $"/upphandlingar/{id}/krav/{requirementId}/kommentarer";
        var text = new Dictionary<string, string> { ["Comment.Text"] = "En kommentar." };

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync(action, text)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await invitedOnly.PostAsync(action, text)).StatusCode);
        // Comments are open until publication, after collection too.
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(action, text)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await officer.ChangePhaseAsync(id, "Review", "Published")).StatusCode);
        var late = await officer.PostAsync(action, text);
        var (_, published) = await officer.GetPageAsync($"/upphandlingar/{id}/krav/{requirementId}");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Upphandlingen är publicerad; diskussionen är stängd.", (await TestClient.ParseAsync(late)).MainText(), StringComparison.Ordinal);
        Assert.Null(published.QuerySelector($"form[action='{action}']"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE requirement_id = @requirementId", new { requirementId }));
    }

    private Task<int> SupportsAsync(Guid requirementId) =>
        app.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE requirement_id = @requirementId", new { requirementId });

    private Task<int> JournalAsync(string action, string entity) =>
        app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = @action AND entity_id = @entity", new { action, entity });

    private Task<string> DisplayNameAsync(Guid userId) =>
        app.QueryScalarAsync<string>("SELECT display_name FROM users WHERE id = @userId", new { userId });
}
