using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Documents.Submissions;
using Procurement.Domain.Identity;
using Procurement.Testing;
using static Procurement.IntegrationTests.Workspace.NeedsSteps;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>Needs from a spreadsheet: template, upload, preview with row errors, then all rows or none.</summary>
public sealed class ImportTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task The_templates_download_with_their_content_types_and_read_back_as_files_with_the_columns_and_no_needs()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);

        var xlsx = await uppsala.GetAsync($"/upphandlingar/{id}/import/mall.xlsx");
        var csv = await uppsala.GetAsync($"/upphandlingar/{id}/import/mall.csv");

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("behov-mall.xlsx", xlsx.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var workbook = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal(["Kravtext", "Typ", "Motiv", "Kategori"], SheetRows(workbook, "Behov")[0]);
        Assert.Equal([["Bokning"], ["Bidrag"]], SheetRows(workbook, "Listor"));
        var readBack = SubmissionSheetReader.Read(new MemoryStream(workbook), "behov-mall.xlsx");
        Assert.Empty(readBack.Rows);
        Assert.Equal("Filen innehåller inga krav.", Assert.Single(readBack.Problems).Message); // the header was understood

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", csv.Content.Headers.ContentType.CharSet);
        Assert.Equal("behov-mall.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Kravtext;Typ;Motiv;Kategori\r\n")], csvBytes);
        Assert.Equal("Filen innehåller inga krav.", Assert.Single(SubmissionSheetReader.Read(new MemoryStream(csvBytes), "behov-mall.csv").Problems).Message);

        // The officer gets them too; a municipality outside the procurement does not.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/upphandlingar/{id}/import/mall.xlsx")).StatusCode);
        var (goteborg, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, await MunicipalityAsync(app, "1480"));
        Assert.Equal(HttpStatusCode.Forbidden, (await goteborg.GetAsync($"/upphandlingar/{id}/import/mall.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await goteborg.GetAsync($"/upphandlingar/{id}/import/mall.csv")).StatusCode);
    }

    [Fact]
    public async Task A_filled_in_xlsx_template_is_previewed_and_then_committed()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, user) = await app.JoinedRepresentativeAsync(officer, id);
        var template = await (await uppsala.GetAsync($"/upphandlingar/{id}/import/mall.xlsx")).Content.ReadAsByteArrayAsync();
        var filled = AddRows(template, "Behov",
            ["Kunden ska kunna avboka själv fram till 24 timmar före.", "SKA", "Minskar samtalen till kundtjänst.", "Bokning"],
            ["Utbetalning av bidrag ska kunna attesteras digitalt.", "BÖR", null, "2"]);

        var importId = await UploadForPreviewAsync(uppsala, id, filled, "våra behov.xlsx");
        var (preview, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Import av våra behov.xlsx", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 rader kan importeras.", MainText(page), StringComparison.Ordinal);
        Assert.Contains("Kunden ska kunna avboka själv", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await CommitAsync(uppsala, id, importId)).StatusCode);
        var status = await WaitForImportAsync(uppsala, id, importId);

        Assert.Equal(new ImportStatus("Completed", 2, 2, null), status);
        var rows = await SubmissionsAsync(id);
        Assert.Equal(
            [
                ("Kunden ska kunna avboka själv fram till 24 timmar före.", "Ska", "Minskar samtalen till kundtjänst.", (int?)1, user.OrganisationId),
                ("Utbetalning av bidrag ska kunna attesteras digitalt.", "Bor", null, 2, user.OrganisationId),
            ],
            rows.Select(r => (r.Text, r.Kind, r.Motiv, r.Category, r.OrganisationId)).ToList());
    }

    [Fact]
    public async Task A_csv_with_valid_rows_is_previewed_then_committed_for_the_representatives_organisation()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, user) = await app.JoinedRepresentativeAsync(officer, id);
        var file = Csv(
            ["Bokningsbara lokaler ska visas på en karta.", "ska", "Invånarna hittar inte lokalerna.", "1 Bokning"],
            ["Föreningar ska kunna redovisa bidrag;\ntext på flera rader.", "Bör-krav", null, "bidrag"],
            ["Leverantören ska ha ISO 27001-certifiering.", "KVAL", null, null],
            [null, null, null, null],
            ["Priset ska vara fast i två år.", "", "", ""]);

        // A representative imports for their own organisation, whatever the form says.
        var importId = await UploadForPreviewAsync(uppsala, id, file, "behov.csv", onBehalfOf: await MunicipalityAsync(app, "0180"));
        var (_, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");

        Assert.Contains("4 rader kan importeras.", MainText(page), StringComparison.Ordinal);
        Assert.Contains("Behov för Uppsala", MainText(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.NotNull(page.QuerySelector($"form[action='/upphandlingar/{id}/import/{importId}/genomfor']"));
        Assert.Equal(0, await CountAsync(id)); // the preview saves nothing

        var commit = await CommitAsync(uppsala, id, importId);
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal("Completed", (await WaitForImportAsync(uppsala, id, importId)).Status);

        var rows = await SubmissionsAsync(id);
        Assert.Equal(
            [
                ("Bokningsbara lokaler ska visas på en karta.", "Ska", "Invånarna hittar inte lokalerna.", (int?)1),
                ("Föreningar ska kunna redovisa bidrag;\ntext på flera rader.", "Bor", null, 2),
                ("Leverantören ska ha ISO 27001-certifiering.", "Kval", null, null),
                ("Priset ska vara fast i två år.", null, null, null),
            ],
            rows.Select(r => (r.Text, r.Kind, r.Motiv, r.Category)).ToList());
        Assert.All(rows, r => Assert.Equal((user.OrganisationId, user.Id, "Import", importId, "Active"), (r.OrganisationId, r.CreatedBy, r.Source, r.ImportId, r.Status)));
        foreach (var action in new[] { "import.previewed", "import.started", "import.completed" })
        {
            Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = @action AND entity_id = @importId",
                new { action, importId = importId.ToString() }));
        }

        var (_, done) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");
        Assert.Contains("Klart: 4 behov har sparats.", MainText(done), StringComparison.Ordinal);
        var (_, list) = await officer.GetPageAsync($"/upphandlingar/{id}/behov");
        Assert.Contains("4 behov från kommuner och regioner.", MainText(list), StringComparison.Ordinal);

        // A second click on the finished import saves nothing more.
        var again = await uppsala.PostAsync($"/upphandlingar/{id}/import/{importId}/genomfor", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(4, await CountAsync(id));
    }

    [Fact]
    public async Task Row_errors_are_shown_in_Swedish_and_the_commit_is_refused_with_nothing_saved()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);
        var file = Csv(
            ["Ett giltigt behov om bokning.", "SKA", null, "1"],
            [null, "SKA", "Motiv utan kravtext.", null],
            ["Behov med påhittad typ.", "MÅSTE", null, null],
            ["Behov i en kategori som inte finns.", null, null, "Möbler"],
            [new string('å', 4001), null, null, null],
            ["=SUM(A1:A2)", null, null, null],
            ["Formel i kategorin.", null, null, "=SUMMA(1;2)"]);

        var importId = await UploadForPreviewAsync(uppsala, id, file, "behov.csv");
        var (_, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");
        var errors = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();

        Assert.Contains("Filen har 6 fel. Inget har sparats.", MainText(page), StringComparison.Ordinal);
        Assert.Equal(
            [
                "Rad 3, Kravtext: Kravtext saknas.",
                "Rad 4, Typ: Okänd typ \"MÅSTE\". Ange SKA, BÖR, KVAL eller KV.",
                "Rad 5, Kategori: Okänd kategori \"Möbler\". Ange en av kategorierna: Bokning eller Bidrag.",
                "Rad 6, Kravtext: Kravtexten är 4001 tecken lång; högst 4000 tecken är tillåtet.",
                "Rad 7, Kravtext: Cellen innehåller en formel. Klistra in värdet i stället för formeln.",
                "Rad 8, Kategori: Cellen innehåller en formel. Klistra in värdet i stället för formeln.",
            ],
            errors);
        Assert.Null(page.QuerySelector($"form[action$='/genomfor']")); // no button to commit a file with errors

        var refused = await uppsala.PostAsync($"/upphandlingar/{id}/import/{importId}/genomfor", new Dictionary<string, string>(),
            tokenPageUrl: $"/upphandlingar/{id}/import/{importId}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Filen har fel. Rätta dem och läs in filen igen; inget har sparats.", MainText(await TestClient.ParseAsync(refused)), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(id));
        Assert.Equal("Previewed", await app.QueryScalarAsync<string>("SELECT status FROM imports WHERE id = @importId", new { importId }));
    }

    [Fact]
    public async Task Formulas_in_an_xlsx_are_reported_cell_by_cell_and_nothing_is_saved()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);
        var file = Workbook(data =>
        {
            data.Append(TextRow(1, "Kravtext", "Typ", "Motiv", "Kategori"));
            data.Append(TextRow(2, "Ett giltigt behov.", "SKA", null, "Bokning"));
            var formula = TextRow(3, null, "BÖR", null, null);
            formula.PrependChild(new Cell { CellReference = "A3", CellFormula = new CellFormula("SUM(B5:B9)"), CellValue = new CellValue("12") });
            data.Append(formula);
        });

        var importId = await UploadForPreviewAsync(uppsala, id, file, "formler.xlsx");
        var (_, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");

        Assert.Equal(["Rad 3, Kravtext: Cellen innehåller en formel. Klistra in värdet i stället för formeln."],
            page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()));
        var refused = await uppsala.PostAsync($"/upphandlingar/{id}/import/{importId}/genomfor", new Dictionary<string, string>(),
            tokenPageUrl: $"/upphandlingar/{id}/import/{importId}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await CountAsync(id));
    }

    [Fact]
    public async Task A_csv_not_saved_as_utf8_is_refused_with_a_Swedish_explanation()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);
        // As Excel's plain "CSV (semikolonavgränsad)" saves it on a Swedish Windows: Windows-1252, where å, ä, ö are single bytes.
        var latin1 = Encoding.Latin1.GetBytes("Kravtext;Typ;Motiv;Kategori\r\nBokning av lokaler för föreningar;SKA;Många önskar det;Bokning\r\n");

        var importId = await UploadForPreviewAsync(uppsala, id, latin1, "behov.csv");
        var (_, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");

        Assert.Equal(["Filen är inte sparad som UTF-8. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel och försök igen."],
            page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Filen har 1 fel. Inget har sparats.", MainText(page), StringComparison.Ordinal);
        var refused = await uppsala.PostAsync($"/upphandlingar/{id}/import/{importId}/genomfor", new Dictionary<string, string>(),
            tokenPageUrl: $"/upphandlingar/{id}/import/{importId}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await CountAsync(id));
    }

    [Fact]
    public async Task An_upload_without_a_file_is_refused_with_a_Swedish_message()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);

        var response = await UploadAsync(uppsala, id, [], "tom.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Välj en fil att läsa in.", (await TestClient.ParseAsync(response)).QuerySelector("#fil-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM imports WHERE procurement_id = @id", new { id }));
    }

    [Fact]
    public async Task Officers_import_on_behalf_of_a_joined_municipality_which_then_owns_the_rows()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (_, uppsalaUser) = await app.JoinedRepresentativeAsync(officer, id);
        var goteborg = await MunicipalityAsync(app, "1480"); // not in this procurement
        var file = Csv(["Bokningar ska kunna exporteras till Excel.", "SKA", null, "1"]);

        var (_, uploadPage) = await officer.GetPageAsync($"/upphandlingar/{id}/import");
        Assert.Equal([uppsalaUser.OrganisationId.ToString()],
            uploadPage.QuerySelectorAll("select#organisation option").Select(o => o.GetAttribute("value")).Where(v => v is { Length: > 0 }));
        var withoutOrganisation = await UploadAsync(officer, id, file, "behov.csv");
        var forOutsider = await UploadAsync(officer, id, file, "behov.csv", goteborg);

        foreach (var refused in new[] { withoutOrganisation, forOutsider })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Välj vilken ansluten kommun eller region du importerar åt.",
                (await TestClient.ParseAsync(refused)).QuerySelector("#organisation-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM imports WHERE procurement_id = @id", new { id }));

        var importId = await UploadForPreviewAsync(officer, id, file, "behov.csv", uppsalaUser.OrganisationId);
        var (_, preview) = await officer.GetPageAsync($"/upphandlingar/{id}/import/{importId}");
        Assert.Contains("Behov för Uppsala", MainText(preview), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CommitAsync(officer, id, importId)).StatusCode);
        Assert.Equal("Completed", (await WaitForImportAsync(officer, id, importId)).Status);

        var row = Assert.Single(await SubmissionsAsync(id));
        Assert.Equal((uppsalaUser.OrganisationId, officerUser.Id, "Import"), (row.OrganisationId, row.CreatedBy, row.Source));
        // Uppsala's representative sees the imported need among their own.
        var (uppsala, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, uppsalaUser.OrganisationId);
        var (_, own) = await uppsala.GetPageAsync($"/upphandlingar/{id}/behov?vem=mina");
        Assert.Contains("Bokningar ska kunna exporteras till Excel.", MainText(own), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_is_seen_only_by_the_user_who_made_it_and_the_procurements_officers()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, uppsalaUser) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (stockholm, _) = await app.JoinedRepresentativeAsync(officer, id, "0180");
        var (colleague, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, uppsalaUser.OrganisationId);
        var importId = await UploadForPreviewAsync(uppsala, id, Csv(["Konfidentiellt utkast till behov.", null, null, null]), "utkast.csv");
        var url = $"/upphandlingar/{id}/import/{importId}";

        foreach (var other in new[] { stockholm, colleague })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{url}/status")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"{url}/genomfor", new Dictionary<string, string>())).StatusCode);
        }

        Assert.Equal("Previewed", await app.QueryScalarAsync<string>("SELECT status FROM imports WHERE id = @importId", new { importId }));
        Assert.Equal(0, await CountAsync(id));
        var (own, ownPage) = await uppsala.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Konfidentiellt utkast", MainText(ownPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await uppsala.GetAsync($"/upphandlingar/{id}/import/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_municipality_outside_the_procurement_gets_403_and_after_collection_closes_imports_get_409()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);
        var (goteborg, _) = await app.SignedInAsync(Roles.MunicipalityRepresentative, await MunicipalityAsync(app, "1480"));
        var file = Csv(["Ett behov om bokning.", "SKA", null, "1"]);

        Assert.Equal(HttpStatusCode.Forbidden, (await goteborg.GetAsync($"/upphandlingar/{id}/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(goteborg, id, file, "behov.csv", tokenPageUrl: "/")).StatusCode);

        var previewed = await UploadForPreviewAsync(uppsala, id, file, "behov.csv");
        await CloseCollectionAsync(officer, id);

        var page = await uppsala.GetAsync($"/upphandlingar/{id}/import");
        var upload = await UploadAsync(uppsala, id, file, "behov.csv", tokenPageUrl: "/");
        var byOfficer = await UploadAsync(officer, id, file, "behov.csv", await MunicipalityAsync(app, "0380"), tokenPageUrl: "/");
        var commit = await uppsala.PostAsync($"/upphandlingar/{id}/import/{previewed}/genomfor", new Dictionary<string, string>());

        foreach (var response in new[] { page, upload, byOfficer, commit })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("Insamlingen är avslutad: behov kan inte längre importeras.", MainText(await TestClient.ParseAsync(response)), StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountAsync(id));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM imports WHERE procurement_id = @id", new { id }));
        Assert.Equal("Previewed", await app.QueryScalarAsync<string>("SELECT status FROM imports WHERE id = @previewed", new { previewed }));
    }

    [Fact]
    public async Task An_import_that_fails_midway_saves_none_of_its_rows()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id);
        var file = Csv(Enumerable.Range(1, 1200).Select(i => new[] { $"Behov {i} om bokning av lokaler.", "SKA", null, "1" }));
        var importId = await UploadForPreviewAsync(uppsala, id, file, "stor.csv");

        // The database refuses the 701st row of this procurement, after the first batches went in.
        await app.ExecuteAsync(
            """
            CREATE TRIGGER test_import_fails_midway BEFORE INSERT ON submissions
            WHEN new.import_id IS NOT NULL AND (SELECT COUNT(*) FROM submissions WHERE procurement_id = new.procurement_id) >= 700
            BEGIN SELECT RAISE(ABORT, 'simulerat fel mitt i importen'); END
            """);
        ImportStatus status;
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await CommitAsync(uppsala, id, importId)).StatusCode);
            status = await WaitForImportAsync(uppsala, id, importId);
        }
        finally
        {
            await app.ExecuteAsync("DROP TRIGGER test_import_fails_midway");
        }

        Assert.Equal("Failed", status.Status);
        Assert.Equal("Importen kunde inte slutföras. Inget sparades; försök igen eller kontakta supporten.", status.Message);
        Assert.Equal(0, await CountAsync(id));
        var (_, page) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");
        Assert.Contains("Importen misslyckades", MainText(page), StringComparison.Ordinal);
        Assert.Contains("Inget sparades", MainText(page), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'import.completed' AND entity_id = @importId",
            new { importId = importId.ToString() }));

        // Sending the file again works once the fault is gone.
        var retry = await UploadForPreviewAsync(uppsala, id, file, "stor.csv");
        Assert.Equal(HttpStatusCode.Redirect, (await CommitAsync(uppsala, id, retry)).StatusCode);
        Assert.Equal("Completed", (await WaitForImportAsync(uppsala, id, retry)).Status);
        Assert.Equal(1200, await CountAsync(id));
    }

    [Fact]
    public async Task Twenty_thousand_rows_are_imported_and_every_row_is_stored()
    {
        const int count = 20_000;
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var (uppsala, user) = await app.JoinedRepresentativeAsync(officer, id);
        string?[] kinds = ["SKA", "BÖR", "KVAL", "KV", null];
        string?[] categories = ["1", "Bidrag", null];
        var file = Csv(Enumerable.Range(1, count).Select(i => new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"Behov nummer {i}: föreningar ska kunna boka lokaler och söka bidrag på samma ställe."),
            kinds[i % kinds.Length],
            i % 2 == 0 ? "Det sparar tid för både förening och kommun." : null,
            categories[i % categories.Length],
        }));

        var importId = await UploadForPreviewAsync(uppsala, id, file, "tjugotusen.csv");
        var (_, preview) = await uppsala.GetPageAsync($"/upphandlingar/{id}/import/{importId}");
        Assert.Contains("20000 rader kan importeras.", MainText(preview), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CommitAsync(uppsala, id, importId)).StatusCode);
        var status = await WaitForImportAsync(uppsala, id, importId);

        Assert.Equal(new ImportStatus("Completed", count, count, null), status);
        Assert.Equal(count, await CountAsync(id));
        Assert.Equal(count, await app.QueryScalarAsync<int>(
            "SELECT COUNT(DISTINCT text) FROM submissions WHERE import_id = @importId AND organisation_id = @OrganisationId",
            new { importId, user.OrganisationId }));
        Assert.Equal(Enumerable.Range(1, count).Count(i => kinds[i % kinds.Length] == "KV"), await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM submissions WHERE procurement_id = @id AND suggested_kind = 'Kv'", new { id }));
        Assert.Equal(Enumerable.Range(1, count).Count(i => categories[i % categories.Length] == "Bidrag"), await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM submissions s JOIN procurement_categories c ON c.id = s.category_id WHERE s.procurement_id = @id AND c.number = 2", new { id }));
        Assert.Equal(1, await app.QueryScalarAsync<int>(
            "SELECT COUNT(*) FROM submissions WHERE procurement_id = @id AND text LIKE 'Behov nummer 20000:%'", new { id }));
    }

    private Task<int> CountAsync(Guid procurementId) =>
        app.QueryScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE procurement_id = @procurementId", new { procurementId });

    private async Task<IReadOnlyList<StoredNeed>> SubmissionsAsync(Guid procurementId) =>
        await app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<StoredNeed>(
                """
                SELECT s.text, s.suggested_kind AS kind, s.motiv, c.number AS category, s.organisation_id, s.created_by, s.source, s.import_id, s.status
                FROM submissions s LEFT JOIN procurement_categories c ON c.id = s.category_id
                WHERE s.procurement_id = @procurementId ORDER BY s.rowid
                """, new { procurementId }));

    /// <summary>The cell texts of each row of a sheet (shared or inline strings).</summary>
    private static List<List<string>> SheetRows(byte[] workbook, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), isEditable: false);
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.SharedString
                ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                : c.InnerText).ToList())
            .ToList();
    }

    /// <summary>The workbook with rows of inline strings added after the last row of the sheet, as a user fills in the template.</summary>
    private static byte[] AddRows(byte[] workbook, string sheetName, params string?[][] rows)
    {
        using var memory = new MemoryStream();
        memory.Write(workbook);
        using (var document = SpreadsheetDocument.Open(memory, isEditable: true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            var next = (uint)data.Elements<Row>().Count() + 1;
            foreach (var values in rows)
            {
                data.Append(TextRow(next++, values));
            }
        }

        return memory.ToArray();
    }

    /// <summary>A workbook with one sheet, "Behov", filled by <paramref name="fill"/>.</summary>
    private static byte[] Workbook(Action<SheetData> fill)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            fill(data);
            worksheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Behov", SheetId = 1U, Id = workbookPart.GetIdOfPart(worksheetPart) }));
        }

        return memory.ToArray();
    }

    private static Row TextRow(uint number, params string?[] values)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                row.Append(new Cell
                {
                    CellReference = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + i)}{number}"),
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(value)),
                });
            }
        }

        return row;
    }

    private sealed class StoredNeed
    {
        public string Text { get; init; } = "";

        public string? Kind { get; init; }

        public string? Motiv { get; init; }

        public int? Category { get; init; }

        public Guid OrganisationId { get; init; }

        public Guid CreatedBy { get; init; }

        public string Source { get; init; } = "";

        public Guid ImportId { get; init; }

        public string Status { get; init; } = "";
    }
}
