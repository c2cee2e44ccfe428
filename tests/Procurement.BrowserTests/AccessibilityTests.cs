using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Procurement.Data;
using Procurement.Data.Seeding;
using Procurement.Domain.Identity;
using Procurement.Domain.Invitations;
using Procurement.Domain.Requirements;
using Procurement.Domain.Submissions;
using Procurement.Web.Features.Import;
using Procurement.Web.Features.Invitations;
using Procurement.Web.Features.Merging;
using Procurement.Web.Features.Specification;
using Procurement.Web.Features.StandardLinks;
using Procurement.Web.Infrastructure.Demo;

namespace Procurement.BrowserTests;

/// <summary>
/// Every page of the app, as the visitor who sees it, passes axe in real Chromium: in Swedish, in English,
/// and with a refused form on it. A page that is added to the app but not here fails the first test.
/// </summary>
public sealed class AccessibilityTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    /// <summary>Route pattern → who opens it and the address they open.</summary>
    private static readonly (string Route, string? Role, string Url)[] Sweep =
    [
        ("/", null, "/"),
        ("/", Roles.Administrator, "/"),
        ("/", Roles.MunicipalityRepresentative, "/"),
        ("/", Roles.Supplier, "/"),
        ("/konto/logga-in", null, "/konto/logga-in"),
        ("/konto/glomt-losenord", null, "/konto/glomt-losenord"),
        ("/konto/glomt-losenord/skickat", null, "/konto/glomt-losenord/skickat"),
        ("/konto/aterstall-losenord", null, "/konto/aterstall-losenord?anvandare={user}&kod=kod"),
        ("/registrera", null, "/registrera"),
        ("/registrera/skickat", null, "/registrera/skickat"),
        ("/konto/bekrafta-epost", null, "/konto/bekrafta-epost?anvandare={user}&kod=fel"),
        ("/konto/skicka-bekraftelse", null, "/konto/skicka-bekraftelse"),
        ("/inbjudan", null, "/inbjudan?kod={token}"),
        ("/inbjudan", null, "/inbjudan?kod=okand"),
        ("/fel/{code:int}", null, "/fel/500"),
        ("/fel/{code:int}", null, "/finns/inte"),
        ("/konto", Roles.Supplier, "/konto"),
        ("/konto/losenord", Roles.Supplier, "/konto/losenord"),
        ("/konto/tvafaktor", Roles.Supplier, "/konto/tvafaktor"),
        ("/konto/tvafaktor", Roles.Administrator, "/konto/tvafaktor"),
        ("/organisationer", Roles.Administrator, "/organisationer"),
        ("/organisationer", Roles.ProcurementOfficer, "/organisationer?typ=region&lan=&sok="),
        ("/organisationer/{id:guid}", Roles.Administrator, "/organisationer/{uppsala}"),
        ("/organisationer/ny", Roles.Administrator, "/organisationer/ny"),
        ("/inbjudningar", Roles.Administrator, "/inbjudningar"),
        ("/standarder", Roles.ProcurementOfficer, "/standarder"),
        ("/standarder/{standardId}", Roles.Administrator, "/standarder/DOS-WCAG"),
        ("/standarder/ny", Roles.Administrator, "/standarder/ny"),
        ("/standarder/{standardId}/redigera", Roles.Administrator, "/standarder/DOS-WCAG/redigera"),
        ("/inbjudningar/ny", Roles.ProcurementOfficer, "/inbjudningar/ny"),
        ("/upphandlingar", Roles.ProcurementOfficer, "/upphandlingar"),
        ("/upphandlingar", Roles.MunicipalityRepresentative, "/upphandlingar"),
        ("/upphandlingar/ny", Roles.ProcurementOfficer, "/upphandlingar/ny"),
        ("/upphandlingar/{id:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}"),
        ("/upphandlingar/{id:guid}", Roles.MunicipalityRepresentative, "/upphandlingar/{p}"),
        ("/upphandlingar/{id:guid}/redigera", Roles.ProcurementOfficer, "/upphandlingar/{p}/redigera"),
        ("/upphandlingar/{id:guid}/deltagare", Roles.ProcurementOfficer, "/upphandlingar/{p}/deltagare"),
        ("/upphandlingar/{id:guid}/deltagare", Roles.Administrator, "/upphandlingar/{p}/deltagare?status=Invited&lan=03"),
        ("/upphandlingar/{id:guid}/deltagare/bjud-in", Roles.ProcurementOfficer, "/upphandlingar/{p}/deltagare/bjud-in"),
        ("/upphandlingar/{id:guid}/krav", Roles.ProcurementOfficer, "/upphandlingar/{p}/krav"),
        ("/upphandlingar/{id:guid}/krav", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/krav"),
        ("/upphandlingar/{id:guid}/krav/nytt", Roles.ProcurementOfficer, "/upphandlingar/{p}/krav/nytt"),
        ("/upphandlingar/{id:guid}/krav/{kravId:guid}", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/krav/{r}"),
        ("/upphandlingar/{id:guid}/krav/{kravId:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}/krav/{r}"),
        ("/upphandlingar/{id:guid}/krav/{kravId:guid}/redigera", Roles.ProcurementOfficer, "/upphandlingar/{p}/krav/{r}/redigera"),
        ("/upphandlingar/{id:guid}/krav/{kravId:guid}/historik", Roles.ProcurementOfficer, "/upphandlingar/{p}/krav/{r}/historik?fran=1&till=2"),
        ("/upphandlingar/{id:guid}/behov", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/behov"),
        ("/upphandlingar/{id:guid}/behov", Roles.ProcurementOfficer, "/upphandlingar/{p}/behov?sida=2"),
        ("/upphandlingar/{id:guid}/behov/nytt", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/behov/nytt"),
        ("/upphandlingar/{id:guid}/behov/{behovId:guid}/redigera", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/behov/{s}/redigera"),
        ("/upphandlingar/{id:guid}/sortering", Roles.ProcurementOfficer, "/upphandlingar/{p}/sortering"),
        ("/upphandlingar/{id:guid}/sortering", Roles.ProcurementOfficer, "/upphandlingar/{p}/sortering?sok=bokning&typ=Ska&sortera=organisation"),
        ("/upphandlingar/{id:guid}/sortering", Roles.ProcurementOfficer, "/upphandlingar/{p}/sortering?vy=krav"),
        ("/upphandlingar/{id:guid}/standarder", Roles.ProcurementOfficer, "/upphandlingar/{p}/standarder"),
        ("/upphandlingar/{id:guid}/standarder", Roles.Administrator, "/upphandlingar/{p}/standarder"),
        ("/upphandlingar/{id:guid}/lankforslag", Roles.ProcurementOfficer, "/upphandlingar/{p}/lankforslag"),
        ("/upphandlingar/{id:guid}/lankforslag", Roles.ProcurementOfficer, "/upphandlingar/{p}/lankforslag?sida=2"),
        ("/upphandlingar/{id:guid}/tackning", Roles.ProcurementOfficer, "/upphandlingar/{p}/tackning"),
        ("/upphandlingar/{id:guid}/tackning", Roles.Administrator, "/upphandlingar/{p}/tackning"),
        ("/upphandlingar/{id:guid}/import", Roles.MunicipalityRepresentative, "/upphandlingar/{p}/import"),
        ("/upphandlingar/{id:guid}/import", Roles.ProcurementOfficer, "/upphandlingar/{p}/import"),
        ("/upphandlingar/{id:guid}/import/{importId:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}/import/{i-errors}"),
        ("/upphandlingar/{id:guid}/import/{importId:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}/import/{i-valid}"),
        ("/upphandlingar/{id:guid}/import/{importId:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}/import/{i-done}"),
        ("/upphandlingar/{id:guid}/sammanforing", Roles.ProcurementOfficer, "/upphandlingar/{p}/sammanforing"),
        ("/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}", Roles.ProcurementOfficer, "/upphandlingar/{p}/sammanforing/forslag/{g}"),
    ];

    /// <summary>GET endpoints that answer with data, not a page.</summary>
    private static readonly string[] NotPages =
    [
        "/upphandlingar/{id:guid}/import/{importId:guid}/status",
        "/upphandlingar/{id:guid}/sammanforing/analys/{runId:guid}/status",
    ];

    /// <summary>Pages only reachable mid-way through a sign-in; <see cref="The_second_sign_in_step_passes_axe"/> visits them.</summary>
    private static readonly string[] SignInSteps = ["/konto/logga-in/tvafaktor", "/konto/logga-in/aterstallningskod"];

    [Fact]
    public void Every_page_of_the_app_is_in_the_sweep()
    {
        var pages = browser.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => r != "/health" && !Path.HasExtension(r) && !r.Contains(":file}", StringComparison.Ordinal))
            .ToHashSet();

        var swept = Sweep.Select(p => p.Route).Concat(SignInSteps).Concat(NotPages).ToHashSet();

        Assert.True(pages.SetEquals(swept), $"Pages not swept: {string.Join(", ", pages.Except(swept))}; swept but gone: {string.Join(", ", swept.Except(pages))}");
    }

    [Fact]
    public async Task Every_page_passes_axe_in_Swedish_and_in_English()
    {
        var values = await SampleValuesAsync();
        var pages = new Dictionary<string, IPage>();
        foreach (var (_, role, url) in Sweep)
        {
            var page = await PageForAsync(role ?? "", pages);
            var address = values.Aggregate(url, (u, v) => u.Replace(v.Key, v.Value, StringComparison.Ordinal));
            await page.GotoAsync(address);
            Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
            await Pages.AssertAccessibleAsync(page);
        }

        var english = await browser.NewPageAsync();
        foreach (var url in new[] { "/", "/konto/logga-in", "/registrera", "/finns/inte" })
        {
            await english.GotoAsync(url);
            if (await english.GetAttributeAsync("html", "lang") == "sv")
            {
                await english.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
                await english.WaitForSelectorAsync("html[lang=en]");
            }

            await Pages.AssertAccessibleAsync(english);
        }
    }

    [Fact]
    public async Task The_second_sign_in_step_passes_axe()
    {
        var officer = await browser.App.CreateUserAsync(Roles.ProcurementOfficer);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(officer.Email);
        await page.GetByLabel("Lösenord").FillAsync(officer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/konto/logga-in/tvafaktor**");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Har du inte tillgång till telefonen? Använd en återställningskod." }).ClickAsync();
        await page.WaitForURLAsync("**/konto/logga-in/aterstallningskod**");
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_standards_conflict_page_and_a_queued_analysis_pass_axe()
    {
        var app = browser.App;
        var procurement = await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<DemoSeeder>().SeedAsync();
            return (await sp.GetRequiredService<DemoProcurementSeeder>().SeedAsync(submissionCount: 120))?.Id
                ?? await sp.GetRequiredService<DbSession>().ExecuteScalarAsync<Guid>("SELECT id FROM procurements WHERE reference = 'DEMO-1'");
        });
        var page = await browser.NewPageAsync();
        var purchasingBody = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE name = @Name", new { Name = DemoSeeder.PurchasingBodyName });
        var officer = await app.CreateUserAsync(Roles.ProcurementOfficer, purchasingBody);
        await Pages.SignInAsync(page, officer);

        // Another officer saves the applicable standards while this one is choosing: the conflict page shows both.
        await page.GotoAsync($"/upphandlingar/{procurement}/standarder");
        await app.ExecuteAsync("UPDATE procurements SET standards_version = standards_version + 1 WHERE id = @procurement", new { procurement });
        await page.Locator("input[name=standarder]").First.SetCheckedAsync(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara tillämpliga standarder" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('De tillämpliga standarderna ändrades medan du valde')");
        await Pages.AssertAccessibleAsync(page);

        // An analysis waiting behind another procurement's run (which waits for the write lock held here).
        var other = Guid.NewGuid();
        await app.ExecuteAsync(
            """
            INSERT INTO procurements (id, reference, title, description, cpv_codes, procedure_type, valid_from, valid_until, phase,
              owner_organisation_id, created_by, created_at, updated_at, version)
            SELECT @other, 'KO-1', title, description, cpv_codes, procedure_type, valid_from, valid_until, phase,
              owner_organisation_id, created_by, created_at, updated_at, 1
            FROM procurements WHERE id = @procurement
            """, new { other, procurement });
        var (first, queued) = await app.WithServicesAsync(async sp =>
        {
            var runs = sp.GetRequiredService<MergeRunStore>();
            var session = sp.GetRequiredService<DbSession>();
            await session.ExecuteAsync("UPDATE merge_runs SET status = 'Failed' WHERE procurement_id = @procurement AND status = 'Running'", new { procurement });
            var a = await session.WriteAsync(() => runs.StartAsync(other, officer.Id, CancellationToken.None));
            var b = await session.WriteAsync(() => runs.StartAsync(procurement, officer.Id, CancellationToken.None));
            return (a.RunId, b.RunId);
        });
        var runner = app.Services.GetRequiredService<MergeAnalysisRunner>();
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None))
        {
            runner.Enqueue(other, first);
            runner.Enqueue(procurement, queued);
            await page.GotoAsync($"/upphandlingar/{procurement}/sammanforing");
            Assert.Contains("I kö – analysen startar strax", await page.InnerTextAsync("#analysis-queued"), StringComparison.Ordinal);
            await Pages.AssertAccessibleAsync(page);
        }

        // Once it has started, the page leaves the queued state by itself.
        await page.WaitForSelectorAsync("#analysis-queued", new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
    }

    [Fact]
    public async Task Refused_forms_pass_axe_and_tie_each_message_to_its_field()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/registrera");
        await page.GetByLabel("Organisationsnummer").FillAsync("556677-8898"); // wrong check digit
        await page.GetByLabel("Företagets namn").FillAsync("Fel Nummer AB");
        await page.GetByLabel("Ditt namn").FillAsync("Fia Fel");
        await page.GetByLabel("E-postadress").FillAsync("fia@felnummer.example");
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync("ett eget och långt lösenord");
        await page.GetByLabel("Upprepa lösenordet").FillAsync("ett eget och långt lösenord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Equal("true", await page.GetByLabel("Organisationsnummer").GetAttributeAsync("aria-invalid"));
        Assert.Contains("OrganisationNumber-error", await page.GetByLabel("Organisationsnummer").GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Contains("kontrollsiffran är fel", await page.InnerTextAsync("#OrganisationNumber-error"), StringComparison.Ordinal);
        Assert.Equal("Fel Nummer AB", await page.GetByLabel("Företagets namn").InputValueAsync());
        await Pages.AssertAccessibleAsync(page);

        await Pages.SignInAsync(page, await browser.App.CreateUserAsync(Roles.ProcurementOfficer));
        await page.GotoAsync("/inbjudningar/ny");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudan" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ange e-postadressen till den du bjuder in." }).ClickAsync();
        Assert.Equal("Form_Email", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    private async Task<IPage> PageForAsync(string role, Dictionary<string, IPage> pages)
    {
        if (!pages.TryGetValue(role, out var page))
        {
            page = await browser.NewPageAsync();
            if (role.Length > 0)
            {
                // Officers work for the purchasing body that owns the demo procurement.
                var organisation = role == Roles.ProcurementOfficer
                    ? await browser.App.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE name = @Name", new { Name = DemoSeeder.PurchasingBodyName })
                    : (Guid?)null;
                await Pages.SignInAsync(page, await browser.App.CreateUserAsync(role, organisation, twoFactor: role == Roles.Supplier ? false : null));
            }

            pages[role] = page;
        }

        return page;
    }

    private async Task<Dictionary<string, string>> SampleValuesAsync()
    {
        var token = SecretToken.New();
        var inviter = await browser.App.CreateUserAsync(Roles.Administrator);
        var uppsala = await browser.App.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'");
        await browser.App.WithServicesAsync(async sp =>
        {
            var now = DateTimeOffset.UtcNow;
            await sp.GetRequiredService<DbSession>().WriteAsync(() => sp.GetRequiredService<InvitationStore>().InsertAsync(
                new Invitation(Guid.NewGuid(), "ny@uppsala.example", uppsala, Roles.MunicipalityRepresentative, inviter.Id, now, now.AddDays(7), null, null),
                token, CancellationToken.None));
            return true;
        });
        var values = new Dictionary<string, string>
        {
            ["{token}"] = token,
            ["{uppsala}"] = uppsala.ToString(),
            ["{user}"] = inviter.Id.ToString(),
        };
        foreach (var (key, id) in await WorkspaceSamplesAsync(uppsala))
        {
            values[key] = id.ToString();
        }

        return values;
    }

    /// <summary>
    /// The demo procurement (as a new user first sees it) with a requirement in two versions, one of Uppsala's needs,
    /// and three imports: one with row errors, one ready to commit and one done.
    /// </summary>
    private Task<Dictionary<string, Guid>> WorkspaceSamplesAsync(Guid uppsala) =>
        browser.App.WithServicesAsync(async sp =>
        {
            var session = sp.GetRequiredService<DbSession>();
            await sp.GetRequiredService<DemoSeeder>().SeedAsync();
            // Another test of the class may have seeded DEMO-1 already (then the seeder leaves it and returns null).
            var procurement = (await sp.GetRequiredService<DemoProcurementSeeder>().SeedAsync(submissionCount: 120))?.Id
                ?? await session.ExecuteScalarAsync<Guid>("SELECT id FROM procurements WHERE reference = 'DEMO-1'");
            var officer = await session.ExecuteScalarAsync<Guid>("SELECT id FROM users WHERE email = 'upphandlare@demo.test'");
            var requirements = sp.GetRequiredService<RequirementStore>();
            var requirement = (await requirements.ListAsync(procurement, CancellationToken.None)).First(r => r.Section == SpecificationSection.Specification);
            await session.WriteAsync(() => requirements.UpdateAsync(requirement, requirement.Version,
                new RequirementData(requirement.Section, requirement.CategoryId, requirement.CategoryNumber, requirement.Kind, requirement.Title,
                    requirement.Text + " Ändringen gäller även skolornas lokaler.", requirement.Motiv, requirement.Verifikat, requirement.Status),
                officer, "Förtydligande efter kommentar", CancellationToken.None));
            // The confident link suggestions accepted and a conflict flagged: the coverage report shows coverage, gaps and a conflict.
            var links = sp.GetRequiredService<StandardLinkStore>();
            var requirementIds = (await requirements.ListAsync(procurement, CancellationToken.None)).Select(r => r.Id).ToList();
            var confident = (await links.ForRequirementsAsync(requirementIds, CancellationToken.None))
                .Where(k => k.Status == LinkStatus.Suggested && k.Confident && k.ClauseId.Length > 0).ToList();
            await session.WriteAsync(() => links.DecideAsync(procurement, confident.Select(k => k.Id).ToList(), LinkStatus.Accepted, officer, CancellationToken.None));
            if (confident.Count > 0)
            {
                await session.WriteAsync(() => sp.GetRequiredService<CoverageQueries>().FlagConflictAsync(confident[0].RequirementId, confident[0].StandardId,
                    confident[0].ClauseId, "Kravet anger en annan nivå än standarden.", officer, CancellationToken.None));
            }

            var submission = await session.ExecuteScalarAsync<Guid>(
                "SELECT id FROM submissions WHERE procurement_id = @procurement AND organisation_id = @uppsala", new { procurement, uppsala });

            var imports = sp.GetRequiredService<ImportStore>();
            var rows = new List<ValidSubmissionRow> { new(2, "Bokningar ska kunna göras dygnet runt.", RequirementKind.Ska, "Föreningarna bokar på kvällar.", 1) };
            var errors = await session.WriteAsync(() => imports.SaveAsync(procurement, uppsala, officer, "behov-med-fel.xlsx",
                new ImportPayload(rows, [new RowError(3, "Typ", "Okänd typ \"MÅSTE\". Ange SKA, BÖR, KVAL eller KV.")], []), CancellationToken.None));
            var valid = await session.WriteAsync(() => imports.SaveAsync(procurement, uppsala, officer, "behov.csv",
                new ImportPayload(rows, [], []), CancellationToken.None));
            var done = await session.WriteAsync(() => imports.SaveAsync(procurement, uppsala, officer, "behov-klara.csv",
                new ImportPayload(rows, [], []), CancellationToken.None));
            await session.WriteAsync(() => imports.StartAsync(done, officer, CancellationToken.None));
            await sp.GetRequiredService<ImportRunner>().RunAsync(done, CancellationToken.None);

            // The analysis of the demo needs, as the officer's button starts it.
            var (run, _) = await session.WriteAsync(() => sp.GetRequiredService<MergeRunStore>().StartAsync(procurement, officer, CancellationToken.None));
            await sp.GetRequiredService<MergeAnalysisRunner>().RunAsync(procurement, run, CancellationToken.None);
            var suggestion = await session.ExecuteScalarAsync<Guid>(
                "SELECT id FROM merge_suggestions WHERE procurement_id = @procurement AND status = 'Open' AND rank = 1", new { procurement });
            return new Dictionary<string, Guid>
            {
                ["{p}"] = procurement, ["{r}"] = requirement.Id, ["{s}"] = submission,
                ["{i-errors}"] = errors, ["{i-valid}"] = valid, ["{i-done}"] = done, ["{g}"] = suggestion,
            };
        });
}
