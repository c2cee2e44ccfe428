using System.Net;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Onboarding;

public sealed class RegistrationTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task A_supplier_registers_confirms_the_address_and_signs_in()
    {
        using var client = app.NewClient();

        var registered = await client.SubmitAsync("/registrera", "/registrera", Form("556677-8899", "Bokningsbolaget AB", "sara@bokning.example"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        // Not yet: the address must be confirmed first.
        var early = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = "sara@bokning.example", ["Password"] = "vi bokar lokaler i hela landet" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("bekräfta din e-postadress", (await TestClient.ParseAsync(early)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        var confirm = await client.GetAsync((await app.SingleEmailToAsync("sara@bokning.example")).LinkTo("/konto/bekrafta-epost"));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        await client.SignInAsync(new TestUser(Guid.Empty, "sara@bokning.example", "vi bokar lokaler i hela landet", "Supplier", Guid.Empty, null));
        var (_, start) = await client.GetPageAsync("/");
        Assert.Contains("Bokningsbolaget AB", start.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("556677-8899", start.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("556677-8898", "kontrollsiffran är fel")]
    [InlineData("55667-78899", "Skriv organisationsnumret som NNNNNN-NNNN")]
    [InlineData("abcdefghij", "Skriv organisationsnumret som NNNNNN-NNNN")]
    public async Task A_wrong_organisation_number_is_refused_and_nothing_is_saved(string number, string message)
    {
        using var client = app.NewClient();
        var organisations = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations");
        var users = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM users");

        var response = await client.SubmitAsync("/registrera", "/registrera", Form(number, "Felaktiga AB", $"{Guid.NewGuid():N}@fel.example"));
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#OrganisationNumber-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Felaktiga AB", page.QuerySelector("#CompanyName")!.GetAttribute("value"));
        Assert.Equal(organisations, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations"));
        Assert.Equal(users, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task A_common_password_is_refused_before_anything_is_created()
    {
        using var client = app.NewClient();
        var organisations = await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations");
        var fields = Form("556000-1116", "Vanliga AB", "vanlig@vanliga.example");
        fields["Password"] = fields["ConfirmPassword"] = "password1234";

        var response = await client.SubmitAsync("/registrera", "/registrera", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("för vanligt", (await TestClient.ParseAsync(response)).QuerySelector("#Password-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(organisations, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations"));
    }

    [Fact]
    public async Task Registering_an_address_that_already_has_an_account_looks_the_same_but_only_sends_a_notice()
    {
        var existing = await app.CreateUserAsync(Procurement.Domain.Identity.Roles.Supplier);
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/registrera", "/registrera", Form("556999-0004", "Dubblett AB", existing.Email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/registrera/skickat", response.Headers.Location!.OriginalString);
        Assert.Equal("Du har redan ett konto", (await app.SingleEmailToAsync(existing.Email)).Subject);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM organisations WHERE organisation_number = '556999-0004'"));
    }

    [Fact]
    public async Task An_existing_address_gets_the_same_refusal_as_a_new_one_when_the_form_is_wrong()
    {
        var existing = await app.CreateUserAsync(Procurement.Domain.Identity.Roles.Supplier);
        using var client = app.NewClient();
        var known = Form("556999-0004", "Samma AB", existing.Email);
        var unknown = Form("556999-0004", "Samma AB", "helt.ny@samma.example");
        known["Password"] = known["ConfirmPassword"] = unknown["Password"] = unknown["ConfirmPassword"] = "password1234";

        var forKnown = await client.SubmitAsync("/registrera", "/registrera", known);
        var forUnknown = await client.SubmitAsync("/registrera", "/registrera", unknown);

        Assert.Equal(HttpStatusCode.BadRequest, forKnown.StatusCode);
        Assert.Equal(forUnknown.StatusCode, forKnown.StatusCode);
        Assert.Equal(
            (await TestClient.ParseAsync(forUnknown)).QuerySelector(".error-summary")!.TextContent,
            (await TestClient.ParseAsync(forKnown)).QuerySelector(".error-summary")!.TextContent);
        Assert.DoesNotContain(await app.DeliverEmailAsync(), e => e.To == existing.Email);
    }

    [Fact]
    public async Task Registering_an_unconfirmed_address_again_replaces_the_first_registration()
    {
        using var first = app.NewClient();
        using var second = app.NewClient();
        var squatter = Form("556000-1116", "Först AB", "ägaren@adressen.example");
        squatter["Password"] = squatter["ConfirmPassword"] = "någon annans lösenord här";

        await first.SubmitAsync("/registrera", "/registrera", squatter);
        var oldLink = (await app.SingleEmailToAsync("ägaren@adressen.example")).LinkTo("/konto/bekrafta-epost");
        await second.SubmitAsync("/registrera", "/registrera", Form("556000-1116", "Först AB", "ägaren@adressen.example"));
        var newLink = (await app.DeliverEmailAsync()).Last(e => e.To == "ägaren@adressen.example").LinkTo("/konto/bekrafta-epost");

        Assert.Equal(HttpStatusCode.BadRequest, (await second.GetAsync(oldLink)).StatusCode); // the first registration is gone
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(newLink)).StatusCode);
        await second.SignInAsync(new TestUser(Guid.Empty, "ägaren@adressen.example", "vi bokar lokaler i hela landet", "Supplier", Guid.Empty, null));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = 'ägaren@adressen.example'"));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'user.unconfirmed-registration-replaced'"));
    }

    [Fact]
    public async Task A_broken_confirmation_link_gets_a_400_with_a_way_forward()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync($"/konto/bekrafta-epost?anvandare={Guid.NewGuid()}&kod=fel");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Länken fungerar inte", (await TestClient.ParseAsync(response)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string number, string company, string email) => new()
    {
        ["OrganisationNumber"] = number,
        ["CompanyName"] = company,
        ["Name"] = "Sara Säljare",
        ["Email"] = email,
        ["Password"] = "vi bokar lokaler i hela landet",
        ["ConfirmPassword"] = "vi bokar lokaler i hela landet",
    };
}
