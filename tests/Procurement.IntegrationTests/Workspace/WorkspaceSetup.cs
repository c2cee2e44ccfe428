using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>
/// A procurement made the way an officer makes one, through the pages, and municipalities that joined it.
/// Shared by the workspace tests so each test states only what it is about.
/// </summary>
public static class WorkspaceSetup
{
    private static int counter;

    /// <summary>Creates a procurement in its collection phase with categories 1 "Bokning" and 2 "Bidrag"; returns its id.</summary>
    public static async Task<Guid> CreateProcurementAsync(this ProcurementWebFactory app, TestClient officer, string? reference = null)
    {
        reference ??= $"TEST-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..6]}";
        var response = await officer.SubmitAsync("/upphandlingar/ny", "/upphandlingar/ny", new Dictionary<string, string>
        {
            ["Title"] = "Digital lokalbokning " + reference,
            ["Reference"] = reference,
            ["Description"] = "Ett dynamiskt inköpssystem för lokalbokning och bidragshantering.",
            ["CpvCodes"] = "48000000-8, 72000000-5",
            ["ValidFrom"] = "2027-01-01",
            ["ValidUntil"] = "2030-12-31",
            ["Categories[0].Name"] = "Bokning",
            ["Categories[0].Description"] = "Lokal- och anläggningsbokning.",
            ["Categories[1].Name"] = "Bidrag",
            ["Categories[1].Description"] = "Förenings- och bidragshantering.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.QueryScalarAsync<Guid>("SELECT id FROM procurements WHERE reference = @reference", new { reference });
    }

    /// <summary>Invites the municipality, signs in a new representative of it and answers yes.</summary>
    public static async Task<(TestClient Client, TestUser User)> JoinedRepresentativeAsync(this ProcurementWebFactory app, TestClient officer,
        Guid procurementId, string municipalityCode = "0380")
    {
        var organisationId = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = @municipalityCode", new { municipalityCode });
        var invited = await officer.SubmitAsync($"/upphandlingar/{procurementId}/deltagare/bjud-in", $"/upphandlingar/{procurementId}/deltagare/bjud-in",
            new Dictionary<string, string> { ["organisationer"] = organisationId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var (client, user) = await app.SignedInAsync(Roles.MunicipalityRepresentative, organisationId);
        var joined = await client.SubmitAsync($"/upphandlingar/{procurementId}", $"/upphandlingar/{procurementId}/deltagande",
            new Dictionary<string, string> { ["svar"] = "Joined" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        return (client, user);
    }

    /// <summary>The id of the procurement's category with the given number.</summary>
    public static Task<Guid> CategoryIdAsync(this ProcurementWebFactory app, Guid procurementId, int number) =>
        app.QueryScalarAsync<Guid>("SELECT id FROM procurement_categories WHERE procurement_id = @procurementId AND number = @number",
            new { procurementId, number });
}
