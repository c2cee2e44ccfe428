using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Seeding;
using Procurement.Domain.Identity;
using Procurement.Domain.Requirements;
using Procurement.Testing;
using Procurement.Web.Infrastructure.Demo;
using static Procurement.IntegrationTests.Workspace.NeedsSteps;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>The demo procurement DEMO-1: big enough to try the workspace on, the same every time, made once.</summary>
public sealed class DemoProcurementTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task The_demo_procurement_has_200_joined_municipalities_150_requirements_of_every_kind_and_section_and_the_needs_asked_for()
    {
        const int needs = 300;
        var accounts = await app.WithServicesAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        var summary = await app.WithServicesAsync(sp => sp.GetRequiredService<DemoProcurementSeeder>().SeedAsync(needs));

        Assert.NotNull(summary);
        Assert.Equal(("DEMO-1", 150, needs), (summary.Reference, summary.Requirements, summary.Submissions));
        var id = summary.Id;
        Assert.Equal("Collection", await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id AND reference = 'DEMO-1'", new { id }));
        Assert.Equal(DemoProcurementSeeder.JoinedMunicipalities, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE p.procurement_id = @id AND p.status = 'Joined' AND o.kind = 'Municipality'",
            new { id }));
        Assert.Equal(200, DemoProcurementSeeder.JoinedMunicipalities);
        Assert.Equal(summary.Participants, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM participations WHERE procurement_id = @id AND status = 'Joined'", new { id }));
        Assert.Equal("Joined", await app.QueryScalarAsync<string>(
            "SELECT p.status FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE p.procurement_id = @id AND o.municipality_code = '0380'",
            new { id }));
        Assert.True(await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM participations WHERE procurement_id = @id AND status <> 'Joined'", new { id }) > 0,
            "Some invited municipalities should have declined or not yet answered.");

        // 150 requirements: every kind, every section, each kind in a section that allows it, each created through the store (journal).
        var requirements = await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<(string Kind, string Section, string Code)>(
            "SELECT kind, section, code FROM requirements WHERE procurement_id = @id", new { id }));
        Assert.Equal(150, requirements.Count);
        Assert.Equal(Enum.GetNames<RequirementKind>().Order(StringComparer.Ordinal), requirements.Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetNames<SpecificationSection>().Order(StringComparer.Ordinal), requirements.Select(r => r.Section).Distinct().Order(StringComparer.Ordinal));
        Assert.All(requirements, r => Assert.True(Enum.Parse<SpecificationSection>(r.Section).Allows(Enum.Parse<RequirementKind>(r.Kind)), $"{r.Code}: {r.Kind} in {r.Section}"));
        Assert.Equal(150, requirements.Select(r => r.Code).Distinct().Count());
        Assert.Equal(150, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM journal WHERE action = 'requirement.created' AND entity_id IN (SELECT id FROM requirements WHERE procurement_id = @id)", new { id }));

        // The needs: as many as asked, all active, all from organisations that joined, in every kind and category, from many of them.
        Assert.Equal(needs, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id AND status = 'Active'", new { id }));
        Assert.Equal(0, await app.QueryScalarAsync<int>(
            """
            SELECT COUNT(*) FROM submissions s WHERE s.procurement_id = @id
              AND s.organisation_id NOT IN (SELECT organisation_id FROM participations WHERE procurement_id = @id AND status = 'Joined')
            """, new { id }));
        Assert.Equal(4, await app.QueryScalarAsync<int>("SELECT COUNT(DISTINCT suggested_kind) FROM submissions WHERE procurement_id = @id", new { id }));
        Assert.True(await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id AND suggested_kind IS NULL", new { id }) > 0);
        Assert.Equal(3, await app.QueryScalarAsync<int>(
            "SELECT COUNT(DISTINCT c.number) FROM submissions s JOIN procurement_categories c ON c.id = s.category_id AND c.procurement_id = s.procurement_id WHERE s.procurement_id = @id",
            new { id }));
        Assert.True(await app.QueryScalarAsync<int>("SELECT COUNT(DISTINCT organisation_id) FROM submissions WHERE procurement_id = @id", new { id }) > 50);

        // The demo representative (Uppsala) sees the workspace with all the needs.
        var representative = accounts.Single(a => a.Role == Roles.MunicipalityRepresentative);
        using var client = app.NewClient();
        await client.SignInAsync(new TestUser(Guid.Empty, representative.Email, representative.Password!, representative.Role, Guid.Empty, null));
        var (response, page) = await client.GetPageAsync($"/upphandlingar/{id}/behov");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{needs} behov från kommuner och regioner.", MainText(page), StringComparison.Ordinal);
        Assert.Equal(50, page.QuerySelectorAll(".submission-list > li").Length);

        // A second run leaves DEMO-1 alone, whatever count it is given.
        var again = await app.WithServicesAsync(sp => sp.GetRequiredService<DemoProcurementSeeder>().SeedAsync(needs + 200));
        Assert.Null(again);
        Assert.Equal("Demoupphandlingen DEMO-1 finns redan och lämnades orörd.", DemoProcurementSeeder.Report(again));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM procurements WHERE reference = 'DEMO-1'"));
        Assert.Equal(needs, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @id", new { id }));
        Assert.Equal(150, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM requirements WHERE procurement_id = @id", new { id }));
    }
}
