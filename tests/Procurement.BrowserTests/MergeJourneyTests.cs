using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Procurement.Data.Seeding;
using Procurement.Domain.Identity;
using Procurement.Web.Infrastructure.Demo;

namespace Procurement.BrowserTests;

/// <summary>
/// The merge workflow on the demo procurement, as an officer meets it in Chromium with axe on every page: close
/// collection, run the analysis, look at the top group, make it one requirement, split a need out and undo; then
/// accept the standards suggestions and read the coverage report with its gaps.
/// </summary>
public sealed class MergeJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_officer_merges_a_group_of_needs_splits_one_out_and_undoes_the_merge()
    {
        var app = browser.App;
        var procurement = await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<DemoSeeder>().SeedAsync();
            return (await sp.GetRequiredService<DemoProcurementSeeder>().SeedAsync(submissionCount: 300))!.Id;
        });
        var purchasingBody = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE name = @Name", new { Name = DemoSeeder.PurchasingBodyName });
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, await app.CreateUserAsync(Roles.ProcurementOfficer, purchasingBody));

        // Collection closes: the officer moves on to compilation.
        await page.GotoAsync($"/upphandlingar/{procurement}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gå vidare till Sammanställning" }).ClickAsync();
        await page.WaitForSelectorAsync("[aria-current=step] >> text=Sammanställning");

        // The analysis runs in the background; the page follows it and shows the groups when it is done.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sammanföring" }).ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Analysera behoven" }).ClickAsync();
        await page.WaitForSelectorAsync(".suggestion__title a", new() { Timeout = 60_000 });
        await Pages.AssertAccessibleAsync(page);
        var top = page.Locator(".suggestion__title a").First;
        var groupTitle = await top.InnerTextAsync();
        Assert.Matches(@"^\d+ behov från \d+ organisationer$", groupTitle);

        // The group: every source with the shared words marked, and a draft requirement in the group's own words.
        await top.ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        Assert.True(await page.Locator("#behov mark").CountAsync() > 0);
        var ticked = await page.Locator("#behov input[type=checkbox]:checked").CountAsync();
        Assert.True(ticked >= 2, $"{ticked} needs ticked");
        await page.GetByLabel("Rubrik").FillAsync("Sammanfört krav i webbtestet");
        if (await page.GetByLabel("Kategori").InputValueAsync() == "")
        {
            await page.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kravet av markerade behov" }).ClickAsync();
        await page.WaitForURLAsync("**/krav/**");
        await page.WaitForSelectorAsync("text=Behoven är sammanförda till ett nytt krav.");
        await Pages.AssertAccessibleAsync(page);
        Assert.StartsWith($"Ursprung ({ticked} behov från", await page.InnerTextAsync("#ursprung"), StringComparison.Ordinal);
        Assert.Equal(ticked, await page.Locator("section[aria-labelledby=ursprung] blockquote").CountAsync());

        // One need did not belong: split it out.
        await page.Locator("section[aria-labelledby=ursprung] input[type=checkbox]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bryt ut markerade behov" }).ClickAsync();
        await page.WaitForSelectorAsync("text=De markerade behoven är utbrutna ur kravet och kommer med i nästa analys.");
        Assert.Equal(ticked - 1, await page.Locator("section[aria-labelledby=ursprung] blockquote").CountAsync());
        await Pages.AssertAccessibleAsync(page);

        // Second thoughts: undo the whole merge.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ångra sammanförandet" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Sammanförandet är ångrat. Behoven är fria igen och kommer med i nästa analys.");
        await Pages.AssertAccessibleAsync(page);
        Assert.Equal("Removed", await app.QueryScalarAsync<string>(
            "SELECT status FROM requirements WHERE procurement_id = @procurement AND title = 'Sammanfört krav i webbtestet'", new { procurement }));

        // A merge whose requirement a municipality has commented on is not undone: the refusal says what to do instead.
        await page.GotoAsync($"/upphandlingar/{procurement}/sammanforing");
        await page.Locator(".suggestion__title a").First.ClickAsync();
        await page.GetByLabel("Rubrik").FillAsync("Kommenterat krav i webbtestet");
        if (await page.GetByLabel("Kategori").InputValueAsync() == "")
        {
            await page.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kravet av markerade behov" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Behoven är sammanförda till ett nytt krav.");
        var commented = await app.QueryScalarAsync<Guid>("SELECT id FROM requirements WHERE procurement_id = @procurement AND title = 'Kommenterat krav i webbtestet'", new { procurement });
        var uppsala = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'");
        var representative = await app.CreateUserAsync(Roles.MunicipalityRepresentative, uppsala);
        await app.ExecuteAsync(
            """
            INSERT INTO comments (id, procurement_id, requirement_id, parent_id, organisation_id, author_user_id, text, created_at)
            VALUES (@id, @procurement, @commented, NULL, @uppsala, @author, 'Gäller det även skolorna?', @now)
            """, new { id = Guid.NewGuid(), procurement, commented, uppsala, author = representative.Id, now = DateTimeOffset.UtcNow });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ångra sammanförandet" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Sammanförandet kan inte ångras')");
        await Pages.AssertAccessibleAsync(page);
        Assert.Equal("Draft", await app.QueryScalarAsync<string>("SELECT status FROM requirements WHERE id = @commented", new { commented }));

        // Standards: the confident suggestions come pre-ticked; accepting them fills the coverage report, which
        // still shows the clauses no SKA, KVAL or KV requirement covers.
        await page.GetByRole(AriaRole.Link, new() { Name = "Länkförslag" }).ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Godkänn markerade" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Länkarna är godkända.");
        Assert.True(await app.QueryScalarAsync<int>(
            """
            SELECT COUNT(*) FROM requirement_standard_links k JOIN requirements r ON r.id = k.requirement_id
            WHERE r.procurement_id = @procurement AND k.status = 'Accepted'
            """, new { procurement }) > 0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Täckning" }).ClickAsync();
        await Pages.AssertAccessibleAsync(page);
        Assert.True(await page.GetByText("Täckt", new() { Exact = true }).CountAsync() > 0, "no covered clause");
        Assert.True(await page.GetByText("Lucka", new() { Exact = true }).CountAsync() > 0, "no gap");
    }
}
