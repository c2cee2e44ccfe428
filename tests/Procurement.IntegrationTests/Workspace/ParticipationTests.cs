using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class ParticipationTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string Uppsala = "0380", Enkoping = "0381", Osthammar = "0382", Stockholm = "0180";

    [Fact]
    public async Task Picked_organisations_are_invited_and_their_representatives_told_by_email()
    {
        var (officer, user) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer, "INB-1");
        var uppsala = await app.CreateUserAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Uppsala));
        var enkoping = await app.CreateUserAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Enkoping));
        var stockholm = await app.CreateUserAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Stockholm));

        var response = await InviteAsync(officer, id, ("organisationer", uppsala.OrganisationId.ToString()), ("organisationer", enkoping.OrganisationId.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/upphandlingar/{id}/deltagare", response.Headers.Location!.OriginalString);
        Assert.Equal(2, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations WHERE procurement_id = @id AND status = 'Invited' AND invited_by = @By", new { id, By = user.Id }));
        var email = await app.SingleEmailToAsync(uppsala.Email);
        Assert.Equal("Inbjudan att delta: Digital lokalbokning INB-1", email.Subject);
        Assert.Contains("Er organisation är inbjuden att delta i den gemensamma upphandlingen", email.TextBody, StringComparison.Ordinal);
        Assert.Equal($"/upphandlingar/{id}", email.LinkTo($"/upphandlingar/{id}"));
        await app.SingleEmailToAsync(enkoping.Email);
        Assert.DoesNotContain(await app.DeliverEmailAsync(), m => m.To == stockholm.Email);
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'participation.invited' AND entity_id = @entity", new { entity = id.ToString() }));

        // The link in the e-mail leads the representative to the procurement, where they can answer.
        using var invited = app.NewClient();
        await invited.SignInAsync(uppsala);
        var (page, overview) = await invited.GetPageAsync(email.LinkTo($"/upphandlingar/{id}"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Er organisation: Inbjuden.", overview.MainText(), StringComparison.Ordinal);
        Assert.NotNull(overview.QuerySelector($"form[action='/upphandlingar/{id}/deltagande'] input[name='svar'][value='Joined']"));
    }

    [Fact]
    public async Task All_municipalities_all_regions_or_whole_counties_can_be_invited_at_once()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var municipalities = await app.CreateProcurementAsync(officer);
        var regions = await app.CreateProcurementAsync(officer);
        var counties = await app.CreateProcurementAsync(officer);

        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(officer, municipalities, ("allaKommuner", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(officer, regions, ("allaRegioner", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(officer, counties, ("lan", "03"), ("lan", "09"))).StatusCode);

        Assert.Equal(290, await InvitedAsync(municipalities));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations pa JOIN organisations o ON o.id = pa.organisation_id WHERE pa.procurement_id = @municipalities AND o.kind <> 'Municipality'",
            new { municipalities }));
        // The 21 regions: 20 of them, and Gotland that is both a municipality and a region.
        Assert.Equal(21, await InvitedAsync(regions));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations pa JOIN organisations o ON o.id = pa.organisation_id WHERE pa.procurement_id = @regions AND o.municipality_code = '0980'",
            new { regions }));
        // Uppsala county: 8 municipalities and Region Uppsala; Gotland county: Region Gotland.
        Assert.Equal(10, await InvitedAsync(counties));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations pa JOIN organisations o ON o.id = pa.organisation_id WHERE pa.procurement_id = @counties AND o.county_code NOT IN ('03', '09')",
            new { counties }));
    }

    [Fact]
    public async Task Inviting_again_neither_duplicates_nor_resets_nor_emails_twice()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var representative = await app.CreateUserAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Uppsala));
        var osthammar = await app.CreateUserAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Osthammar));
        await InviteAsync(officer, id, ("organisationer", representative.OrganisationId.ToString()));
        using var client = app.NewClient();
        await client.SignInAsync(representative);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Joined" })).StatusCode);

        var again = await InviteAsync(officer, id, ("organisationer", representative.OrganisationId.ToString()));
        var (_, status) = await officer.GetPageAsync(again.Headers.Location!.OriginalString);
        var county = await InviteAsync(officer, id, ("lan", "03"));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("De valda organisationerna var redan inbjudna.", status.MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, county.StatusCode);
        Assert.Equal(9, await InvitedAsync(id));
        Assert.Equal("Joined", await app.QueryScalarAsync<string>(
            "SELECT status FROM participations WHERE procurement_id = @id AND organisation_id = @OrganisationId", new { id, representative.OrganisationId }));
        await app.SingleEmailToAsync(representative.Email);
        await app.SingleEmailToAsync(osthammar.Email);
        Assert.Equal(2, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'participation.invited' AND entity_id = @entity", new { entity = id.ToString() }));
    }

    [Fact]
    public async Task An_invitation_without_a_choice_is_refused_in_Swedish()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);

        var response = await InviteAsync(officer, id);
        var page = await TestClient.ParseAsync(response);
        var unknown = await InviteAsync(officer, id, ("organisationer", Guid.NewGuid().ToString()), ("lan", "99"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Välj minst en kommun eller region, ett län eller någon av grupperna.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(0, await InvitedAsync(id));

        // A value that is not an organisation id at all is refused the same way, never a server error.
        var malformed = await InviteAsync(officer, id, ("organisationer", "inte-ett-id"), ("allaKommuner", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var malformedPage = await TestClient.ParseAsync(malformed);
        Assert.Equal("Bjud in kommuner och regioner", malformedPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Valet kunde inte läsas.", malformedPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(malformedPage.QuerySelectorAll(".error-summary a")); // no link to a field that is not on the page
        Assert.Equal(0, await InvitedAsync(id));
    }

    [Fact]
    public async Task A_representative_joins_or_declines_and_may_change_their_mind_while_collection_runs()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var enkoping = await app.MunicipalityIdAsync(Enkoping);
        await InviteAsync(officer, id, ("organisationer", enkoping.ToString()));
        var (representative, user) = await app.SignedInAsync(Roles.MunicipalityRepresentative, enkoping);

        var declined = await representative.SubmitAsync($"/upphandlingar/{id}", $"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Declined" });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal("Declined", await StatusAsync(id, enkoping));
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.GetAsync($"/upphandlingar/{id}/krav")).StatusCode);
        var (_, overview) = await representative.GetPageAsync($"/upphandlingar/{id}");
        Assert.Contains("Er organisation: Avböjt.", overview.MainText(), StringComparison.Ordinal);
        Assert.Contains("Er organisation har avböjt.", overview.MainText(), StringComparison.Ordinal);

        var joined = await representative.SubmitAsync($"/upphandlingar/{id}", $"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Joined" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("Joined", await StatusAsync(id, enkoping));
        Assert.Equal(user.Id.ToString(), await app.QueryScalarAsync<string>(
            "SELECT responded_by FROM participations WHERE procurement_id = @id AND organisation_id = @enkoping", new { id, enkoping }), ignoreCase: true);
        Assert.Equal(HttpStatusCode.OK, (await representative.GetAsync($"/upphandlingar/{id}/krav")).StatusCode);

        var entity = id.ToString();
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'participation.answered' AND entity_id = @entity AND before_json LIKE '%Invited%' AND after_json LIKE '%Declined%'",
            new { entity }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'participation.answered' AND entity_id = @entity AND before_json LIKE '%Declined%' AND after_json LIKE '%Joined%'",
            new { entity }));
        Assert.Equal(HttpStatusCode.BadRequest, (await representative.PostAsync($"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Invited" })).StatusCode);
        Assert.Equal("Joined", await StatusAsync(id, enkoping));
    }

    [Fact]
    public async Task A_representative_of_an_organisation_that_was_not_invited_cannot_join()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        await InviteAsync(officer, id, ("organisationer", (await app.MunicipalityIdAsync(Uppsala)).ToString()));
        var stockholm = await app.MunicipalityIdAsync(Stockholm);
        var (outsider, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, stockholm);

        var join = await outsider.PostAsync($"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Joined" });

        Assert.Equal(HttpStatusCode.Forbidden, join.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/upphandlingar/{id}")).StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations WHERE procurement_id = @id AND organisation_id = @stockholm", new { id, stockholm }));
        var (_, list) = await outsider.GetPageAsync("/upphandlingar");
        Assert.DoesNotContain(id.ToString(), list.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_shows_each_organisations_status_and_the_counts()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, Uppsala);
        var enkoping = await app.MunicipalityIdAsync(Enkoping);
        await InviteAsync(officer, id, ("organisationer", enkoping.ToString()), ("organisationer", (await app.MunicipalityIdAsync(Osthammar)).ToString()));
        var (enkopingRepresentative, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, enkoping);
        await enkopingRepresentative.PostAsync($"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Declined" });
        var organisations = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations WHERE kind IN ('Municipality', 'Region')");

        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/deltagare");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var figures = page.QuerySelectorAll(".cards--figures .card").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1 har anslutit sig", "1 har inte svarat", "1 har avböjt", $"{organisations - 3} är inte inbjudna"], figures);
        var rows = page.QuerySelectorAll("tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Enköping|Uppsala län|Avböjt", "Uppsala|Uppsala län|Ansluten", "Östhammar|Uppsala län|Inbjuden"], rows);

        var (_, joinedOnly) = await officer.GetPageAsync($"/upphandlingar/{id}/deltagare?status=Joined");
        Assert.Equal(["Uppsala"], joinedOnly.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList());

        // The overview of the procurement counts the organisations that joined.
        var (_, details) = await officer.GetPageAsync($"/upphandlingar/{id}");
        var joinedCount = details.QuerySelectorAll(".summary-list dt").Single(dt => dt.TextContent == "Anslutna kommuner och regioner").NextElementSibling!;
        Assert.Equal("1", joinedCount.TextContent);

        // Participants do not see who else answered what.
        Assert.Equal(HttpStatusCode.Forbidden, (await uppsala.GetAsync($"/upphandlingar/{id}/deltagare")).StatusCode);
    }

    [Fact]
    public async Task Only_officers_of_the_owning_body_invite()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (stranger, _) = await app.OfficerOfAnotherBodyAsync();
        var (administrator, _) = await app.SignedInAsync(Roles.Administrator);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id, Uppsala);
        var fields = new Dictionary<string, string> { ["allaKommuner"] = "true" };

        Assert.Equal(HttpStatusCode.Forbidden, (await representative.PostAsync($"/upphandlingar/{id}/deltagare/bjud-in", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/upphandlingar/{id}/deltagare/bjud-in", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/upphandlingar/{id}/deltagare")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.PostAsync($"/upphandlingar/{id}/deltagare/bjud-in", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/upphandlingar/{id}/deltagare")).StatusCode);
        Assert.Equal(1, await InvitedAsync(id));
    }

    [Fact]
    public async Task Invitations_and_answers_close_once_compilation_is_over()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.ProcurementInPhaseAsync(officer, "Prioritisation");
        var enkoping = await app.MunicipalityIdAsync(Enkoping);
        var (invitePage, _) = await officer.GetPageAsync($"/upphandlingar/{id}/deltagare/bjud-in");
        var invite = await officer.PostAsync($"/upphandlingar/{id}/deltagare/bjud-in", new Dictionary<string, string> { ["organisationer"] = enkoping.ToString() });
        var (representative, user) = await app.SignedInAsync(Roles.MunicipalityRepresentative, await app.MunicipalityIdAsync(Uppsala));
        var decline = await representative.PostAsync($"/upphandlingar/{id}/deltagande", new Dictionary<string, string> { ["svar"] = "Declined" });

        Assert.Equal(HttpStatusCode.Conflict, invitePage.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, invite.StatusCode);
        Assert.Contains("Inbjudningar kan bara göras under insamling och sammanställning.", (await TestClient.ParseAsync(invite)).MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, decline.StatusCode);
        Assert.Contains("Det går inte längre att ansluta sig eller avböja: insamlingen är avslutad.", (await TestClient.ParseAsync(decline)).MainText(), StringComparison.Ordinal);
        Assert.Equal(1, await InvitedAsync(id));
        Assert.Equal("Joined", await StatusAsync(id, user.OrganisationId));
    }

    private async Task<HttpResponseMessage> InviteAsync(TestClient officer, Guid id, params (string Name, string Value)[] fields)
    {
        var url = $"/upphandlingar/{id}/deltagare/bjud-in";
        var (_, token) = await officer.OpenFormAsync(url, url);
        return await officer.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), token);
    }

    private Task<int> InvitedAsync(Guid id) =>
        app.QueryScalarAsync<int>("SELECT COUNT(*) FROM participations WHERE procurement_id = @id", new { id });

    private Task<string> StatusAsync(Guid id, Guid organisationId) =>
        app.QueryScalarAsync<string>("SELECT status FROM participations WHERE procurement_id = @id AND organisation_id = @organisationId", new { id, organisationId });
}
