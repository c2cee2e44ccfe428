using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

public sealed class WorkspaceSetupTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task The_setup_makes_a_procurement_in_collection_that_the_representative_has_joined()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (representative, user) = await app.JoinedRepresentativeAsync(officer, id);

        Assert.Equal("Collection", await app.QueryScalarAsync<string>("SELECT phase FROM procurements WHERE id = @id", new { id }));
        Assert.Equal("Joined", await app.QueryScalarAsync<string>(
            "SELECT status FROM participations WHERE procurement_id = @id AND organisation_id = @OrganisationId", new { id, user.OrganisationId }));
        var (response, page) = await representative.GetPageAsync($"/upphandlingar/{id}/behov/nytt");
        Assert.True(response.IsSuccessStatusCode);
        Assert.NotNull(page.QuerySelector("textarea[name='Form.Text']"));
    }
}
