using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data.Organisations;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>An unexpected failure shows the Swedish 500 page with a reference, never the exception.</summary>
public sealed class ErrorPageTests(ErrorPageTests.FailingApp app) : IClassFixture<ErrorPageTests.FailingApp>
{
    [Fact]
    public async Task A_crash_shows_the_Swedish_500_page_without_details()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Något gick fel hos oss", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Simulerat fel", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Request-Id").Single(), html, StringComparison.Ordinal);
        Assert.Contains("Simulerat fel", app.Log, StringComparison.Ordinal); // but it is logged
    }

    public sealed class FailingApp : ProcurementWebFactory
    {
        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddScoped<OrganisationQueries>(_ => throw new InvalidOperationException("Simulerat fel i databasen"));
    }
}
