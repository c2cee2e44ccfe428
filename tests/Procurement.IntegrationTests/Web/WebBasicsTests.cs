using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

public sealed class WebBasicsTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task The_start_page_is_Swedish_with_a_skip_link_and_landmarks()
    {
        using var client = app.NewClient();

        var (response, page) = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        var skip = page.QuerySelector("a.skip-link")!;
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.Equal("Hoppa till huvudinnehållet", skip.TextContent);
        Assert.NotNull(page.QuerySelector("header"));
        Assert.NotNull(page.QuerySelector("nav[aria-label]"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.NotNull(page.QuerySelector("footer"));
        Assert.Contains("Gemensam upphandling", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("290 kommuner och 21 regioner", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_English_switch_is_remembered_in_a_cookie_and_translates_the_page()
    {
        using var client = app.NewClient();

        var switched = await client.SubmitAsync("/konto/logga-in", "/sprak", new Dictionary<string, string> { ["culture"] = "en-GB", ["returnUrl"] = "/konto/logga-in" });
        var (_, page) = await client.GetPageAsync("/konto/logga-in");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/konto/logga-in", switched.Headers.Location!.OriginalString);
        Assert.NotNull(client.Cookie("__Host-procurement-culture"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Email address", page.QuerySelector("label[for=Email]")!.TextContent.Trim());

        var refused = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in", new Dictionary<string, string>());
        Assert.Contains("Enter your email address.", (await TestClient.ParseAsync(refused)).QuerySelector("#Email-error")!.TextContent, StringComparison.Ordinal);

        var back = await client.PostAsync("/sprak", new Dictionary<string, string> { ["culture"] = "sv-SE", ["returnUrl"] = "/" });
        Assert.Equal("sv", (await client.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_language_or_a_foreign_return_address_is_refused()
    {
        using var client = app.NewClient();

        var language = await client.PostAsync("/sprak", new Dictionary<string, string> { ["culture"] = "xx-YY" });
        var offsite = await client.PostAsync("/sprak", new Dictionary<string, string> { ["culture"] = "en-GB", ["returnUrl"] = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_is_migrated()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_gets_the_Swedish_404_page()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/finns/inte");
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Sidan finns inte", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_the_Swedish_400_page()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();
        await client.GetAsync("/konto/logga-in"); // has the cookie half, not the form half

        var response = await client.Http.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
        }));
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Något i förfrågan var fel", page.QuerySelector("h1")!.TextContent);
        Assert.Null(client.Cookie("__Host-procurement-auth"));
    }

    [Fact]
    public async Task Security_headers_are_on_every_response()
    {
        using var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Host = "upphandling.example"; // HSTS is never sent to localhost

        foreach (var url in new[] { "/", "/konto/logga-in", "/finns/inte", "/health" })
        {
            var response = await client.GetAsync(url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.True(response.Headers.Contains("X-Request-Id"));
        }
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_or_styles()
    {
        var (client, _) = await app.SignedInAsync(Roles.Administrator);

        foreach (var url in new[] { "/", "/konto", "/konto/tvafaktor", "/organisationer", "/inbjudningar/ny", "/konto/logga-in" })
        {
            var (_, page) = await client.GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Organisations_are_found_without_regard_to_case_and_sorted_the_Swedish_way()
    {
        var (client, _) = await app.SignedInAsync(Roles.ProcurementOfficer);

        var (_, malmo) = await client.GetPageAsync("/organisationer?sok=malmö");
        var (_, orebro) = await client.GetPageAsync("/organisationer?sok=ÖREBRO&typ=kommun");
        var (_, skane) = await client.GetPageAsync("/organisationer?typ=kommun&lan=12");
        var (_, skanePage2) = await client.GetPageAsync("/organisationer?typ=kommun&lan=12&sida=2");
        var (_, regions) = await client.GetPageAsync("/organisationer?typ=region");

        Assert.Equal(["Malmö"], Names(malmo));
        Assert.Equal(["Örebro"], Names(orebro));
        Assert.Equal(33, Names(skane).Count); // Skåne's municipalities
        Assert.Equal(["Åstorp", "Ängelholm", "Örkelljunga", "Östra Göinge"], Names(skane)[^4..]); // binary order would put Ä before Å
        Assert.Empty(Names(skanePage2));
        var names = Names(regions);
        Assert.Equal(21, names.Count);
        Assert.Equal(names.Order(StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), true)), names);
        var prefixed = names.Where(n => n.StartsWith("Region ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Region Örebro län", "Region Östergötland"], prefixed[^2..]); // Å, Ä, Ö sort last, in Swedish order
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
}
