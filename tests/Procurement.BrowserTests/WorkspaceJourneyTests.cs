using System.Text;
using Microsoft.Playwright;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.BrowserTests;

/// <summary>
/// The requirements workspace as its users meet it, in Chromium with axe on every page: an officer sets up a
/// procurement and invites, municipalities join, send needs and import a spreadsheet, support each other, and two
/// officers edit the same requirement at once.
/// </summary>
public sealed class WorkspaceJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Title = "Digital lokalbokning för kommunerna";

    [Fact]
    public async Task Officers_and_municipalities_build_the_specification_together()
    {
        var app = browser.App;
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer);
        var colleague = await app.CreateUserAsync(Roles.ProcurementOfficer, officer.OrganisationId);
        var uppsala = await app.CreateUserAsync(Roles.MunicipalityRepresentative,
            await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'"), email: "karin@uppsala.example");
        var stockholm = await app.CreateUserAsync(Roles.MunicipalityRepresentative,
            await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0180'"), email: "sven@stockholm.example");

        var officerPage = await SignedInPageAsync(officer);
        var procurementUrl = await CreateProcurementAsync(officerPage);
        await InviteCountiesAsync(officerPage, "Uppsala län", "Stockholms län");
        var requirementUrl = await AddRequirementAsync(officerPage, procurementUrl);

        // Each representative learns of the invitation by e-mail and joins from the link in it.
        var invitation = await app.SingleEmailToAsync("karin@uppsala.example");
        Assert.Contains(Title, invitation.Subject, StringComparison.Ordinal);
        var karin = await SignedInPageAsync(uppsala);
        await JoinAsync(karin, invitation.LinkTo("/upphandlingar/"));
        var sven = await SignedInPageAsync(stockholm);
        await JoinAsync(sven, (await app.SingleEmailToAsync("sven@stockholm.example")).LinkTo("/upphandlingar/"));

        await SubmitNeedAsync(sven, procurementUrl, "Föreningar ska kunna boka idrottshallar via mobilen.");
        await SubmitNeedAsync(karin, procurementUrl, "Bokningsbekräftelse ska skickas som sms.");
        await ImportWithOneBadRowThenFixedAsync(karin, procurementUrl);
        await SupportAsync(karin, procurementUrl, requirementUrl);
        await TriageAsync(officerPage, procurementUrl);
        await ConcurrentEditAsync(officerPage, await SignedInPageAsync(colleague), requirementUrl);
    }

    private async Task<IPage> SignedInPageAsync(TestUser user)
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, user);
        return page;
    }

    private static async Task<string> CreateProcurementAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Upphandlingar" }).ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny upphandling" }).ClickAsync();
        await page.Locator("#Title").FillAsync(Title);
        await page.GetByLabel("Referens (diarienummer)").FillAsync("ADDA-2026-117");
        await page.GetByLabel("Beskrivning", new() { Exact = true }).FillAsync("Ett dynamiskt inköpssystem för lokalbokning och bidragshantering.");
        await page.GetByLabel("CPV-koder").FillAsync("48000000-8, 72000000-5");
        await page.GetByLabel("Giltigt från").FillAsync("2027-01-01");
        await page.GetByLabel("Giltigt till och med").FillAsync("2030-12-31");
        await page.Locator("#Categories_0__Name").FillAsync("Bokning");
        await page.Locator("#Categories_0__Description").FillAsync("Lokal- och anläggningsbokning.");
        await page.Locator("#Categories_1__Name").FillAsync("Bidrag");
        await page.Locator("#Categories_1__Description").FillAsync("Föreningsbidrag.");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa upphandlingen" }).ClickAsync();

        await page.WaitForSelectorAsync($"h1:has-text('{Title}')");
        Assert.Contains("Insamling", await page.InnerTextAsync(".procurement-context"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task InviteCountiesAsync(IPage page, params string[] counties)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Deltagare" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bjud in kommuner och regioner" }).ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        foreach (var county in counties)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = county, Exact = true }).GetByLabel("Hela länet").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudningarna" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Inbjudningarna är skickade.");
        Assert.Contains("Uppsala", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);
    }

    private static async Task<string> AddRequirementAsync(IPage page, string procurementUrl)
    {
        await page.GotoAsync(procurementUrl + "/krav");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nytt krav" }).ClickAsync();
        await page.GetByLabel("Avsnitt").SelectOptionAsync("Specification");
        await page.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "1 Bokning" });
        await page.GetByLabel("Typ").SelectOptionAsync("Ska");
        await page.GetByLabel("Rubrik").FillAsync("Bokning i mobilen");
        await page.GetByLabel("Kravtext").FillAsync("Bokningen ska kunna göras i mobilen inom [2] minuter.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till kravet" }).ClickAsync();

        await page.WaitForSelectorAsync("h1:has-text('Bokning i mobilen')");
        Assert.Contains("K-3.1.1:1", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("[2]", await page.InnerTextAsync("mark.parameter"));
        await Pages.AssertAccessibleAsync(page);
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task JoinAsync(IPage page, string invitationLink)
    {
        await page.GotoAsync(invitationLink);
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anslut vår organisation" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Er organisation är ansluten.");
        await Pages.AssertAccessibleAsync(page);
    }

    private static async Task SubmitNeedAsync(IPage page, string procurementUrl, string text)
    {
        await page.GotoAsync(procurementUrl + "/behov");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lämna ett behov" }).ClickAsync();
        await page.GetByLabel("Behov (kravtext)").FillAsync(text);
        await page.GetByLabel("Föreslagen typ").SelectOptionAsync("Ska");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka behovet" }).ClickAsync();
        await page.WaitForSelectorAsync($"text={text}");
        await Pages.AssertAccessibleAsync(page);
    }

    /// <summary>A file with one bad row is refused whole, with that row's error; fixed, all of it goes in.</summary>
    private async Task ImportWithOneBadRowThenFixedAsync(IPage page, string procurementUrl)
    {
        const string header = "Kravtext;Typ;Motiv;Kategori\n";
        const string rows = "Bidragsansökan ska kunna göras digitalt;SKA;Pappersblanketter tar tid;Bidrag\n"
            + "Avbokning ska vara möjlig fram till dagen före;{0};;Bokning\n"
            + "Fakturor ska kunna skickas till ekonomisystemet;BÖR;;1\n";
        var before = await ImportedAsync();

        await page.GotoAsync(procurementUrl + "/import");
        await Pages.AssertAccessibleAsync(page);
        await UploadAsync(page, "behov.csv", header + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "MÅSTE"));
        await page.WaitForSelectorAsync(".error-summary");
        var errors = await page.InnerTextAsync(".error-summary");
        Assert.Contains("Rad 3, Typ: Okänd typ \"MÅSTE\"", errors, StringComparison.Ordinal);
        Assert.Contains("Inget har sparats", errors, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Importera") }).CountAsync());
        Assert.Equal(before, await ImportedAsync());
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Läs in en rättad fil" }).ClickAsync();
        await UploadAsync(page, "behov.csv", header + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "SKA"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importera 3 behov" }).ClickAsync();
        // The progress page follows the job and reloads itself when it is done.
        await page.WaitForSelectorAsync("text=Klart: 3 behov har sparats.", new() { Timeout = 30_000 });
        Assert.Equal(before + 3, await ImportedAsync());
        await Pages.AssertAccessibleAsync(page);
    }

    private static async Task UploadAsync(IPage page, string fileName, string content)
    {
        await page.GetByLabel("Fil (.xlsx eller .csv, högst 20 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(content),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Läs in och förhandsgranska" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Import av')");
    }

    private Task<int> ImportedAsync() =>
        browser.App.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE source = 'Import' AND status = 'Active'");

    /// <summary>Uppsala backs Stockholm's need and the requirement the officer wrote.</summary>
    private async Task SupportAsync(IPage page, string procurementUrl, string requirementUrl)
    {
        await page.GotoAsync(procurementUrl + "/behov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vi behöver också detta (Stockholm)" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Equal(1, await browser.App.QueryScalarAsync<int>("SELECT COUNT(*) FROM supports WHERE submission_id IS NOT NULL"));

        await page.GotoAsync(requirementUrl);
        await page.GetByLabel("Kommentar till ert stöd").FillAsync("Gäller även våra skolors lokaler.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vi behöver också detta" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Gäller även våra skolors lokaler.");
        Assert.Contains("Uppsala", await page.InnerTextAsync("section[aria-labelledby=stod]"), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort vårt stöd" }).CountAsync());
        await Pages.AssertAccessibleAsync(page);
    }

    private static async Task TriageAsync(IPage page, string procurementUrl)
    {
        await page.GotoAsync(procurementUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sortering" }).ClickAsync();
        await page.GetByLabel("Sök i texten").FillAsync("bokn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**sok=bokn**");
        var results = await page.InnerTextAsync("main");
        Assert.Contains("Bokningsbekräftelse ska skickas som sms.", results, StringComparison.Ordinal);
        Assert.DoesNotContain("Bidragsansökan ska kunna göras digitalt", results, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);
    }

    /// <summary>Two officers edit the same requirement; the second save shows both texts and keeps what was typed.</summary>
    private static async Task ConcurrentEditAsync(IPage first, IPage second, string requirementUrl)
    {
        await first.GotoAsync(requirementUrl + "/redigera");
        await second.GotoAsync(requirementUrl + "/redigera");

        await first.GetByLabel("Kravtext").FillAsync("Bokningen ska kunna göras i mobilen inom [3] minuter.");
        await first.GetByLabel("Vad ändras och varför?").FillAsync("Mer realistisk tid");
        await Pages.AssertAccessibleAsync(first);
        await first.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await first.WaitForSelectorAsync("text=K-3.1.1:2");

        const string mine = "Bokningen ska kunna göras i mobilen och på webben inom [2] minuter.";
        await second.GetByLabel("Kravtext").FillAsync(mine);
        await second.GetByLabel("Vad ändras och varför?").FillAsync("Även webben");
        await second.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();

        await second.WaitForSelectorAsync("h1:has-text('Kravet ändrades medan du skrev')");
        var conflict = await second.InnerTextAsync("main");
        Assert.Contains("inom [3] minuter", conflict, StringComparison.Ordinal); // theirs
        Assert.Equal(mine, await second.GetByLabel("Kravtext").InputValueAsync()); // mine, not lost
        await Pages.AssertAccessibleAsync(second);

        await second.GetByRole(AriaRole.Button, new() { Name = "Spara min text som version 3" }).ClickAsync();
        await second.WaitForSelectorAsync("text=K-3.1.1:3");
        await second.GotoAsync(requirementUrl + "/historik?fran=1&till=3");
        Assert.Contains("webben", await second.InnerTextAsync("#diff-text ins"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(second);
    }
}
