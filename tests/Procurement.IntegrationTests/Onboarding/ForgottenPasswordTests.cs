using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Onboarding;

public sealed class ForgottenPasswordTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_old_sessions()
    {
        var user = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        using var oldBrowser = app.NewClient();
        await oldBrowser.SignInAsync(user);
        using var client = app.NewClient();

        var asked = await client.SubmitAsync("/konto/glomt-losenord", "/konto/glomt-losenord", new Dictionary<string, string> { ["Email"] = user.Email });
        Assert.Equal("/konto/glomt-losenord/skickat", asked.Headers.Location!.OriginalString);
        var link = (await app.SingleEmailToAsync(user.Email)).LinkTo("/konto/aterstall-losenord");

        var reset = await client.SubmitAsync(link, "/konto/aterstall-losenord", new Dictionary<string, string>
        {
            ["NewPassword"] = "mitt nya lösenord efter glömskan",
            ["ConfirmPassword"] = "mitt nya lösenord efter glömskan",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await oldBrowser.GetAsync("/konto")).StatusCode);
        await client.SignInAsync(user with { Password = "mitt nya lösenord efter glömskan" });
        await client.PostAsync("/konto/logga-ut", new Dictionary<string, string>());
        var again = await client.SubmitAsync(link, "/konto/aterstall-losenord", new Dictionary<string, string>
        {
            ["NewPassword"] = "ett tredje lösenord som inte ska gå",
            ["ConfirmPassword"] = "ett tredje lösenord som inte ska gå",
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("ogiltig eller har gått ut", (await TestClient.ParseAsync(again)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_e_mail()
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/konto/glomt-losenord", "/konto/glomt-losenord",
            new Dictionary<string, string> { ["Email"] = "ingen@finns.example" });

        Assert.Equal("/konto/glomt-losenord/skickat", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(await app.DeliverEmailAsync(), e => e.To == "ingen@finns.example");
    }

    [Fact]
    public async Task A_reset_link_also_confirms_an_address_that_was_never_confirmed()
    {
        using var client = app.NewClient();
        await client.SubmitAsync("/registrera", "/registrera", new Dictionary<string, string>
        {
            ["OrganisationNumber"] = "556999-0004",
            ["CompanyName"] = "Glömska AB",
            ["Name"] = "Gunnel Glömsk",
            ["Email"] = "gunnel@glomska.example",
            ["Password"] = "ett lösenord jag glömmer",
            ["ConfirmPassword"] = "ett lösenord jag glömmer",
        });

        await client.SubmitAsync("/konto/glomt-losenord", "/konto/glomt-losenord", new Dictionary<string, string> { ["Email"] = "gunnel@glomska.example" });
        var link = (await app.DeliverEmailAsync()).Single(e => e.To == "gunnel@glomska.example" && e.Subject == "Återställ ditt lösenord").LinkTo("/konto/aterstall-losenord");
        var reset = await client.SubmitAsync(link, "/konto/aterstall-losenord", new Dictionary<string, string>
        {
            ["NewPassword"] = "ett lösenord jag minns nu",
            ["ConfirmPassword"] = "ett lösenord jag minns nu",
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT email_confirmed FROM users WHERE email = 'gunnel@glomska.example'"));
        await client.SignInAsync(new TestUser(Guid.Empty, "gunnel@glomska.example", "ett lösenord jag minns nu", "Supplier", Guid.Empty, null));
    }
}
