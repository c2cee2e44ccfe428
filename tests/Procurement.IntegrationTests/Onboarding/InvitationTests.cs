using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Onboarding;

public sealed class InvitationTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task An_officer_invites_a_representative_who_creates_an_account_through_the_single_use_link()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var uppsala = await UppsalaAsync();

        var sent = await officer.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", new Dictionary<string, string>
        {
            ["Form.Email"] = "karin@uppsala.example",
            ["Form.Role"] = Roles.MunicipalityRepresentative,
            ["Form.OrganisationId"] = uppsala,
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var email = await app.SingleEmailToAsync("karin@uppsala.example");
        var link = email.LinkTo("/inbjudan?kod=");
        Assert.Equal("Inbjudan till Samupphandling", email.Subject);

        using var invitee = app.NewClient();
        var (form, page) = await invitee.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Uppsala", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("/inbjudan/", link, StringComparison.Ordinal); // the token is never part of the logged path
        var accepted = await invitee.SubmitAsync(link, "/inbjudan", new Dictionary<string, string>
        {
            ["Form.Name"] = "Karin Karlsson",
            ["Form.Password"] = "ett långt och eget lösenord",
            ["Form.ConfirmPassword"] = "ett långt och eget lösenord",
        });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (_, start) = await invitee.GetPageAsync("/");
        Assert.Contains("Karin Karlsson", start.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Uppsala", start.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'invitation.accepted'"));

        // The link works once.
        using var again = app.NewClient();
        var reused = await again.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("redan använd", (await TestClient.ParseAsync(reused)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_or_revoked_invitation_cannot_be_used()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var uppsala = await UppsalaAsync();
        foreach (var address in new[] { "late@uppsala.example", "revoked@uppsala.example" })
        {
            await officer.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", new Dictionary<string, string>
            {
                ["Form.Email"] = address,
                ["Form.Role"] = Roles.MunicipalityRepresentative,
                ["Form.OrganisationId"] = uppsala,
            });
        }

        await app.ExecuteAsync("UPDATE invitations SET expires_at = @Past WHERE email = 'late@uppsala.example'",
            new { Past = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var revokedId = await app.QueryScalarAsync<Guid>("SELECT id FROM invitations WHERE email = 'revoked@uppsala.example'");
        var revoke = await officer.SubmitAsync("/inbjudningar", $"/inbjudningar/{revokedId}/aterkalla", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        using var invitee = app.NewClient();
        var late = await invitee.GetAsync((await app.SingleEmailToAsync("late@uppsala.example")).LinkTo("/inbjudan?kod="));
        var revoked = await invitee.GetAsync((await app.SingleEmailToAsync("revoked@uppsala.example")).LinkTo("/inbjudan?kod="));
        var unknown = await invitee.GetAsync("/inbjudan?kod=" + new string('a', 43));

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("gått ut", (await TestClient.ParseAsync(late)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Bad_invitations_are_refused_with_Swedish_messages_and_nothing_is_saved()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var uppsala = await UppsalaAsync();
        var existing = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        var before = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM invitations");

        var cases = new (Dictionary<string, string> Fields, string Field, string Message)[]
        {
            (new() { ["Form.Email"] = "inte-en-adress", ["Form.Role"] = Roles.MunicipalityRepresentative, ["Form.OrganisationId"] = uppsala },
                "Form_Email", "Ange en giltig e-postadress"),
            (new() { ["Form.Email"] = "a@b.example", ["Form.Role"] = Roles.Administrator, ["Form.OrganisationId"] = officerUser.OrganisationId.ToString() },
                "Form_Role", "Du kan inte bjuda in"),
            (new() { ["Form.Email"] = "a@b.example", ["Form.Role"] = Roles.ProcurementOfficer, ["Form.OrganisationId"] = uppsala },
                "Form_Role", "Du kan inte bjuda in"),
            (new() { ["Form.Email"] = existing.Email, ["Form.Role"] = Roles.MunicipalityRepresentative, ["Form.OrganisationId"] = uppsala },
                "Form_Email", "Det finns redan ett konto"),
            (new() { ["Form.Email"] = "a@b.example", ["Form.Role"] = Roles.MunicipalityRepresentative, ["Form.OrganisationId"] = "" },
                "Form_OrganisationId", "Välj en organisation"),
            (new() { ["Form.Email"] = "a@b.example", ["Form.Role"] = Roles.MunicipalityRepresentative, ["Form.OrganisationId"] = "inte-ett-id" },
                "Form_OrganisationId", "inte giltigt"),
        };

        foreach (var (fields, field, message) in cases)
        {
            var response = await officer.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", fields);
            var page = await TestClient.ParseAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(before, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM invitations"));
    }

    [Fact]
    public async Task A_weak_password_on_the_invitation_page_keeps_the_invitation_open_and_the_name_typed()
    {
        var (officer, _) = await app.SignedInAsync(Roles.Administrator);
        await officer.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", new Dictionary<string, string>
        {
            ["Form.Email"] = "olle@adda.example",
            ["Form.Role"] = Roles.ProcurementOfficer,
            ["Form.OrganisationId"] = (await app.CreateUserAsync(Roles.ProcurementOfficer)).OrganisationId.ToString(),
        });
        var link = (await app.SingleEmailToAsync("olle@adda.example")).LinkTo("/inbjudan?kod=");
        using var invitee = app.NewClient();

        var response = await invitee.SubmitAsync(link, "/inbjudan", new Dictionary<string, string>
        {
            ["Form.Name"] = "Olle Olsson",
            ["Form.Password"] = "kort",
            ["Form.ConfirmPassword"] = "kort",
        });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minst 12", page.QuerySelector("#Form_Password-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Olle Olsson", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = 'olle@adda.example'"));
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Representatives_and_suppliers_cannot_invite()
    {
        foreach (var role in new[] { Roles.MunicipalityRepresentative, Roles.Supplier })
        {
            var (client, _) = await app.SignedInAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/inbjudningar/ny")).StatusCode);
            var post = await client.PostAsync("/inbjudningar/ny", new Dictionary<string, string> { ["Form.Email"] = "x@y.example" });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
    }

    [Fact]
    public async Task Officers_see_and_revoke_only_invitations_they_could_have_sent()
    {
        var (admin, adminUser) = await app.SignedInAsync(Roles.Administrator);
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer, adminUser.OrganisationId);
        await admin.SubmitAsync("/inbjudningar/ny", "/inbjudningar/ny", new Dictionary<string, string>
        {
            ["Form.Email"] = "ny.admin@adda.example",
            ["Form.Role"] = Roles.Administrator,
            ["Form.OrganisationId"] = adminUser.OrganisationId.ToString(),
        });
        var id = await app.QueryScalarAsync<Guid>("SELECT id FROM invitations WHERE email = 'ny.admin@adda.example'");

        var (_, list) = await officer.GetPageAsync("/inbjudningar");
        var revoke = await officer.PostAsync($"/inbjudningar/{id}/aterkalla", new Dictionary<string, string>());

        Assert.DoesNotContain("ny.admin@adda.example", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Null(await app.QueryScalarAsync<string?>("SELECT revoked_at FROM invitations WHERE id = @id", new { id }));
        Assert.Contains("ny.admin@adda.example", (await admin.GetPageAsync("/inbjudningar")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<string> UppsalaAsync() =>
        (await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'")).ToString();
}
