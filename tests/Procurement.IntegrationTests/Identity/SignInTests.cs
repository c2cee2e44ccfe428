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
        Assert.Contains("Kontot är låst", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await app.QueryScalarAsync<string?>("SELECT lockout_end FROM users WHERE id = @Id", new { user.Id }));
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
    public async Task An_officer_sets_up_the_authenticator_then_can_act_and_signs_in_with_a_code_next_time()
    {
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer, twoFactor: false);
        using var client = app.NewClient();
        await client.SignInAsync(officer);
        var (_, setup) = await client.GetPageAsync("/konto/tvafaktor?kravs=1");
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img.qr")!.GetAttribute("src"), StringComparison.Ordinal);

        var wrong = await client.SubmitAsync("/konto/tvafaktor", "/konto/tvafaktor/aktivera", new Dictionary<string, string> { ["Form.Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Koden stämmer inte", (await TestClient.ParseAsync(wrong)).QuerySelector("#Form_Code-error")!.TextContent, StringComparison.Ordinal);

        var enabled = await client.SubmitAsync("/konto/tvafaktor", "/konto/tvafaktor/aktivera", new Dictionary<string, string> { ["Form.Code"] = Totp.Code(key) });
        var codes = (await TestClient.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisationer")).StatusCode);

        using var nextTime = app.NewClient();
        await nextTime.SignInAsync(officer with { AuthenticatorKey = key });
        Assert.Equal(HttpStatusCode.OK, (await nextTime.GetAsync("/organisationer")).StatusCode);

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
    public async Task A_wrong_authenticator_code_is_refused_and_does_not_sign_in()
    {
        var officer = await app.CreateUserAsync(Roles.Administrator);
        using var client = app.NewClient();
        var password = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = officer.Email, ["Password"] = officer.Password });
        var wrongCode = Totp.Code(officer.AuthenticatorKey!) == "123456" ? "654321" : "123456";

        var response = await client.SubmitAsync(password.Headers.Location!.OriginalString, "/konto/logga-in/tvafaktor",
            new Dictionary<string, string> { ["Code"] = wrongCode });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/organisationer")).StatusCode);
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
