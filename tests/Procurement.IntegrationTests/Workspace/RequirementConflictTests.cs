using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class RequirementConflictTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task When_two_officers_save_the_same_requirement_the_second_sees_both_texts_and_loses_nothing()
    {
        var (first, firstUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var (second, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(first);
        var requirementId = await app.AddRequirementAsync(first, id, "Tillgänglighet", text: "Tjänsten ska uppfylla WCAG 2.1 nivå AA.");
        var url = $"/upphandlingar/{id}/krav/{requirementId}/redigera";

        // Both open the form on version 1.
        var firstForm = await first.OpenFormAsync(url, url);
        var secondForm = await second.OpenFormAsync(url, url);
        var firstSave = await first.PostAsync(url, SpecificationSetup.EditFields(firstForm,
            "Tjänsten ska uppfylla WCAG 2.1 nivå AA och EN 301 549.", "Lägger till EN 301 549."), firstForm.Token);
        var secondSave = await second.PostAsync(url, SpecificationSetup.EditFields(secondForm,
            "Tjänsten ska uppfylla WCAG 2.2 nivå AA, också i mobilappen.", "Nyare WCAG och mobilappen."), secondForm.Token);
        var conflict = await TestClient.ParseAsync(secondSave);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        Assert.Equal("Kravet ändrades medan du skrev", conflict.QuerySelector("h1")!.TextContent);
        Assert.Contains($"{await DisplayNameAsync(firstUser.Id)} sparade version 2 av K-3.1.1", conflict.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        // Side by side: the saved text and the one just typed.
        Assert.Equal("Tjänsten ska uppfylla WCAG 2.1 nivå AA och EN 301 549.", conflict.QuerySelector("#theirs-text")!.TextContent);
        Assert.Equal("Tjänsten ska uppfylla WCAG 2.2 nivå AA, också i mobilappen.", conflict.QuerySelector("#mine-text")!.TextContent);
        Assert.NotEmpty(conflict.QuerySelectorAll(".diff del"));
        Assert.NotEmpty(conflict.QuerySelectorAll(".diff ins"));
        // Nothing typed is lost: the form holds the second officer's text and reason, based on version 2.
        var (again, token) = SpecificationSetup.FormOf(conflict, url);
        Assert.Equal("Tjänsten ska uppfylla WCAG 2.2 nivå AA, också i mobilappen.", again["Form.Text"]);
        Assert.Equal("Nyare WCAG och mobilappen.", again["Form.Reason"]);
        Assert.Equal("2", again["Form.Version"]);
        // The stored requirement is the first officer's.
        Assert.Equal("Tjänsten ska uppfylla WCAG 2.1 nivå AA och EN 301 549.", await TextAsync(requirementId));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT version FROM requirements WHERE id = @requirementId", new { requirementId }));
        Assert.Equal(2, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId", new { requirementId }));

        // Saving from the conflict page replaces version 2 knowingly.
        var resent = await second.PostAsync(url, again, token);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal("Tjänsten ska uppfylla WCAG 2.2 nivå AA, också i mobilappen.", await TextAsync(requirementId));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT version FROM requirements WHERE id = @requirementId", new { requirementId }));
        Assert.Equal(3, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirement_versions WHERE requirement_id = @requirementId", new { requirementId }));
    }

    [Fact]
    public async Task A_form_from_an_old_version_is_a_conflict_even_when_sent_by_the_same_officer()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var requirementId = await app.AddRequirementAsync(officer, id, "Support", text: "Support ska finnas vardagar.");
        var url = $"/upphandlingar/{id}/krav/{requirementId}/redigera";
        var oldTab = await officer.OpenFormAsync(url, url);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(url, url,
            SpecificationSetup.EditFields(await officer.OpenFormAsync(url, url), "Support ska finnas alla dagar.", "Helger också."))).StatusCode);

        var stale = await officer.PostAsync(url, SpecificationSetup.EditFields(oldTab, "Support ska finnas vardagar 8–17.", "Tider."), oldTab.Token);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Support ska finnas vardagar 8–17.", (await TestClient.ParseAsync(stale)).QuerySelector("#mine-text")!.TextContent);
        Assert.Equal("Support ska finnas alla dagar.", await TextAsync(requirementId));
    }

    private Task<string> TextAsync(Guid requirementId) =>
        app.QueryScalarAsync<string>("SELECT text FROM requirements WHERE id = @requirementId", new { requirementId });

    private Task<string> DisplayNameAsync(Guid userId) =>
        app.QueryScalarAsync<string>("SELECT display_name FROM users WHERE id = @userId", new { userId });
}
