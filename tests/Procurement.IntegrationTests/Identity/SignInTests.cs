using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Identity;

public sealed class SignInTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_representative_signs_in_and_sees_their_municipality()
    {
        var user = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        using var client = app.NewClient();

        await client.SignInAsync(user);
        var (response, page) = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Uppsala", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kommunkod", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_Swedish_message_and_a_400()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = "fel lösenord helt och hållet" });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Fel e-postadress eller lösenord.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(user.Email, page.QuerySelector("#Email")!.GetAttribute("value")); // what was typed is kept
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT access_failed_count FROM users WHERE id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task An_empty_form_gets_a_message_per_field()
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in", new Dictionary<string, string>());
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ange din e-postadress.", page.QuerySelector("#Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ange ditt lösenord.", page.QuerySelector("#Password-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_for_a_while()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
                new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = $"fel lösenord nummer {i}" });
        }

        var withRightPassword = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password });
        var page = await TestClient.ParseAsync(withRightPassword);

        Assert.Equal(HttpStatusCode.BadRequest, withRightPassword.StatusCode);
        Assert.NotNull(await app.QueryScalarAsync<string?>("SELECT lockout_end FROM users WHERE id = @Id", new { user.Id }));
        Assert.Null(client.Cookie("__Host-procurement-auth"));
        // The answer is the one an unknown address gets, so a locked account is not revealed as existing.
        using var stranger = app.NewClient();
        var unknown = await stranger.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = "ingen@finns.example", ["Password"] = "fel lösenord helt och hållet" });
        Assert.Equal(
            (await TestClient.ParseAsync(unknown)).QuerySelector(".error-summary")!.TextContent,
            page.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task An_officer_without_two_factor_is_led_to_set_it_up_before_anything_else()
    {
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer, twoFactor: false);
        using var client = app.NewClient();
        await client.SignInAsync(officer);

        var start = await client.GetAsync("/");
        var organisations = await client.GetAsync("/organisationer");
        var setup = await client.GetAsync(start.Headers.Location!.OriginalString);
        var account = await client.GetAsync("/konto");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/konto/tvafaktor?kravs=1", start.Headers.Location!.OriginalString);
        Assert.Equal("/konto/tvafaktor?kravs=1", organisations.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task An_officer_sets_up_the_authenticator_signs_in_again_with_it_and_can_act()
    {
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer, twoFactor: false);
        using var client = app.NewClient();
        await client.SignInAsync(officer);
        var (_, setup) = await client.GetPageAsync("/konto/tvafaktor?kravs=1");
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img.qr")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.NotEqual(key.ToUpperInvariant(), await app.QueryScalarAsync<string>("SELECT authenticator_key FROM users WHERE id = @Id", new { officer.Id })); // encrypted at rest

        var wrong = await client.SubmitAsync("/konto/tvafaktor", "/konto/tvafaktor/aktivera", new Dictionary<string, string> { ["Form.Code"] = "000000" == AuthenticatorApp.Code(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Koden stämmer inte", (await TestClient.ParseAsync(wrong)).QuerySelector("#Form_Code-error")!.TextContent, StringComparison.Ordinal);

        var sessionBefore = await app.QueryScalarAsync<string>("SELECT id FROM auth_sessions WHERE user_id = @Id", new { officer.Id });
        var enabled = await client.SubmitAsync("/konto/tvafaktor", "/konto/tvafaktor/aktivera", new Dictionary<string, string> { ["Form.Code"] = AuthenticatorApp.Code(key) });
        var codes = (await TestClient.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, codes.Count);

        // Enabling ended the session: the next sign-in, now with the app, is a new one.
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM auth_sessions WHERE id = @sessionBefore", new { sessionBefore }));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/organisationer")).StatusCode);
        await client.SignInAsync(officer with { AuthenticatorKey = key });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisationer")).StatusCode);

        using var withRecoveryCode = app.NewClient();
        var password = await withRecoveryCode.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = officer.Email, ["Password"] = officer.Password });
        Assert.StartsWith("/konto/logga-in/tvafaktor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var recovered = await withRecoveryCode.SubmitAsync("/konto/logga-in/aterstallningskod", "/konto/logga-in/aterstallningskod",
            new Dictionary<string, string> { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withRecoveryCode.GetAsync("/organisationer")).StatusCode);
        Assert.Equal(9, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = @Id", new { officer.Id }));
    }

    [Fact]
    public async Task An_authenticator_code_works_only_once()
    {
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer);
        var code = AuthenticatorApp.Code(officer.AuthenticatorKey!);
        using var first = app.NewClient();
        using var second = app.NewClient();

        var firstTry = await SubmitPasswordThenCodeAsync(first, officer, code);
        var replay = await SubmitPasswordThenCodeAsync(second, officer, code);

        Assert.Equal(HttpStatusCode.Redirect, firstTry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/organisationer")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_over_a_live_session_is_refused_so_its_id_never_passes_to_another_user()
    {
        var first = await app.CreateUserAsync(Roles.Supplier);
        var second = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        using var browser = app.NewClient();
        await browser.SignInAsync(first);
        var copied = browser.Cookie("__Host-procurement-auth");

        var page = await browser.GetAsync("/konto/logga-in");
        var attempt = await browser.PostAsync("/konto/logga-in", new Dictionary<string, string> { ["Email"] = second.Email, ["Password"] = second.Password });

        Assert.Contains("Du är redan inloggad", (await TestClient.ParseAsync(page)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, attempt.StatusCode);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM auth_sessions WHERE user_id = @Id", new { second.Id }));

        // Signing out first ends the old session; the copy of its cookie is then worthless.
        await browser.PostAsync("/konto/logga-ut", new Dictionary<string, string>());
        await browser.SignInAsync(second);
        using var thief = app.NewClient();
        thief.Cookies.Add(new Uri("https://localhost/"), new System.Net.Cookie("__Host-procurement-auth", copied) { Secure = true });
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/konto")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/konto")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SubmitPasswordThenCodeAsync(TestClient client, TestUser user, string code)
    {
        var password = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password });
        return await client.SubmitAsync(password.Headers.Location!.OriginalString, "/konto/logga-in/tvafaktor",
            new Dictionary<string, string> { ["Code"] = code });
    }

    [Fact]
    public async Task A_wrong_authenticator_code_is_refused_and_does_not_sign_in()
    {
        var officer = await app.CreateUserAsync(Roles.Administrator);
        using var client = app.NewClient();
        var password = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = officer.Email, ["Password"] = officer.Password });
        var wrongCode = AuthenticatorApp.Code(officer.AuthenticatorKey!) == "123456" ? "654321" : "123456";

        var response = await client.SubmitAsync(password.Headers.Location!.OriginalString, "/konto/logga-in/tvafaktor",
            new Dictionary<string, string> { ["Code"] = wrongCode });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var organisations = await client.GetAsync("/organisationer");
        Assert.Equal(HttpStatusCode.Redirect, organisations.StatusCode);
        Assert.StartsWith("https://localhost/konto/logga-in", organisations.Headers.Location!.ToString(), StringComparison.Ordinal); // not signed in at all
    }

    [Fact]
    public async Task Sign_in_cookies_use_the_Host_prefix_and_are_secure_and_http_only()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();
        var form = await client.GetAsync("/konto/logga-in");
        var signIn = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password });

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();

        Assert.Contains(cookies, c => c.StartsWith("__Host-procurement-xsrf=", StringComparison.Ordinal));
        var auth = Assert.Single(cookies, c => c.StartsWith("__Host-procurement-auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", auth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", auth, StringComparison.OrdinalIgnoreCase);
        Assert.All(cookies, c => Assert.StartsWith("__Host-", c, StringComparison.Ordinal));
    }
}
