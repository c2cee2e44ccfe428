using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data.Seeding;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>What the README promises a new user who runs the app with --seed-demo.</summary>
public sealed class DemoTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task The_demo_officer_is_led_to_two_factor_and_the_demo_representative_sees_Uppsala()
    {
        var accounts = await app.WithServicesAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        var officer = accounts.Single(a => a.Role == Roles.ProcurementOfficer);
        var representative = accounts.Single(a => a.Role == Roles.MunicipalityRepresentative);
        Assert.All(accounts, a => Assert.NotNull(a.Password));

        using var officerClient = app.NewClient();
        await officerClient.SignInAsync(new TestUser(Guid.Empty, officer.Email, officer.Password!, officer.Role, Guid.Empty, null));
        var start = await officerClient.GetAsync("/");
        Assert.Equal("/konto/tvafaktor?kravs=1", start.Headers.Location!.OriginalString);

        using var representativeClient = app.NewClient();
        await representativeClient.SignInAsync(new TestUser(Guid.Empty, representative.Email, representative.Password!, representative.Role, Guid.Empty, null));
        var (response, page) = await representativeClient.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du företräder Uppsala.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var again = await app.WithServicesAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        Assert.All(again, a => Assert.Null(a.Password)); // printed once
    }
}
