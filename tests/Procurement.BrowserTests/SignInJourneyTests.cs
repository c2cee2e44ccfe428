using Microsoft.Playwright;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.BrowserTests;

/// <summary>The first journeys a new user takes, in a real browser, with axe on every page they see.</summary>
public sealed class SignInJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_officer_signs_in_sets_up_two_factor_and_reaches_the_start_page()
    {
        var officer = await browser.App.CreateUserAsync(Roles.ProcurementOfficer, twoFactor: false);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/konto/logga-in");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByLabel("E-postadress").FillAsync(officer.Email);
        await page.GetByLabel("Lösenord").FillAsync(officer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        // Led to two-factor setup before anything else.
        await page.WaitForURLAsync("**/konto/tvafaktor?kravs=1");
        Assert.Contains("Din roll kräver tvåfaktorsinloggning", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await page.Locator("img.qr").IsVisibleAsync());
        await Pages.AssertAccessibleAsync(page);
        var key = (await page.InnerTextAsync("#shared-key")).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Kod från autentiseringsappen").FillAsync(AuthenticatorApp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktivera tvåfaktorsinloggning" }).ClickAsync();

        await page.WaitForSelectorAsync("#recovery-codes");
        Assert.Equal(10, await page.Locator("#recovery-codes li").CountAsync());
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Jag har sparat koderna – logga in" }).ClickAsync();

        // A new sign-in, now with the app: the code just used does not work twice, the next one does.
        await page.GetByLabel("E-postadress").FillAsync(officer.Email);
        await page.GetByLabel("Lösenord").FillAsync(officer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/konto/logga-in/tvafaktor**");
        await page.GetByLabel("Kod från autentiseringsappen").FillAsync(AuthenticatorApp.Code(key, stepsAhead: 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(browser.BaseUrl + "/");
        Assert.Contains($"Välkommen, Test {Roles.ProcurementOfficer}", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Organisationer" }).IsVisibleAsync());
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mitt konto" }).ClickAsync();
        await page.WaitForURLAsync("**/konto");
        Assert.Contains("Aktiverad", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        Assert.Contains("Du är utloggad.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_representative_signs_in_and_sees_their_municipality()
    {
        var representative = await browser.App.CreateUserAsync(Roles.MunicipalityRepresentative);
        var page = await browser.NewPageAsync();

        await Pages.SignInAsync(page, representative);

        var main = await page.InnerTextAsync("main");
        Assert.Contains("Uppsala", main, StringComparison.Ordinal);
        Assert.Contains("0380", main, StringComparison.Ordinal);
        Assert.Contains("Uppsala län", main, StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "Organisationer" }).IsVisibleAsync());
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_summary_and_keeps_the_address()
    {
        var user = await browser.App.CreateUserAsync(Roles.Supplier);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");

        await page.GetByLabel("E-postadress").FillAsync(user.Email);
        await page.GetByLabel("Lösenord").FillAsync("inte rätt lösenord alls");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("Fel e-postadress eller lösenord.", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal(user.Email, await page.GetByLabel("E-postadress").InputValueAsync());
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_into_English_and_back()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");

        Assert.Equal("Sign in", (await page.InnerTextAsync("h1")).Trim());
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Svenska" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=sv]");
        Assert.Equal("Logga in", (await page.InnerTextAsync("h1")).Trim());
    }
}
