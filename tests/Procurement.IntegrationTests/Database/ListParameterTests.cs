using Microsoft.Extensions.DependencyInjection;
using Procurement.Domain.Identity;
using Procurement.Testing;
using Procurement.Web.Features.Participation;

namespace Procurement.IntegrationTests.Database;

/// <summary>Lists of ids in <c>IN @ids</c>: Dapper expands them without the Guid type handler, so they must still match.</summary>
public sealed class ListParameterTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task Representatives_are_found_by_a_list_of_organisation_ids()
    {
        var uppsala = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        var stockholm = await app.CreateUserAsync(Roles.MunicipalityRepresentative,
            await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0180'"));
        await app.CreateUserAsync(Roles.MunicipalityRepresentative,
            await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '1480'"));

        var emails = await app.WithServicesAsync(sp => sp.GetRequiredService<ParticipationStore>()
            .RepresentativeEmailsAsync([uppsala.OrganisationId, stockholm.OrganisationId], CancellationToken.None));

        Assert.Equal(new[] { stockholm.Email, uppsala.Email }.Order(StringComparer.Ordinal), emails.Order(StringComparer.Ordinal));
    }
}
