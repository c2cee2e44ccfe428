using System.Net;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_a_Swedish_page()
    {
        using var app = ProcurementWebFactory.With(overrides: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        using var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            var response = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
                new Dictionary<string, string> { ["Email"] = "vem@som.helst.example", ["Password"] = "gissning nummer " + i });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("För många försök", (await TestClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto/logga-in")).StatusCode); // reading the page is not limited
    }
}
