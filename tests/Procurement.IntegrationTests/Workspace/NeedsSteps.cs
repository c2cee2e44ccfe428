using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>
/// What the needs, import and triage tests do through the pages again and again: send a need, close collection,
/// upload a spreadsheet and wait for an import. Plain static methods (not extensions) so they never clash with
/// helpers added to <see cref="WorkspaceSetup"/>.
/// </summary>
public static class NeedsSteps
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One row of a query (a value tuple maps the columns in order), or default when there is none.</summary>
    public static Task<T?> RowAsync<T>(ProcurementWebFactory app, string sql, object? parameters = null) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<DbSession>().QuerySingleOrDefaultAsync<T>(sql, parameters));

    /// <summary>The id of the organisation with the SCB municipality code.</summary>
    public static Task<Guid> MunicipalityAsync(ProcurementWebFactory app, string municipalityCode) =>
        app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = @municipalityCode", new { municipalityCode });

    /// <summary>Sends a need through the form and returns its id (the newest need of the organisation).</summary>
    public static async Task<Guid> SubmitNeedAsync(ProcurementWebFactory app, TestClient client, Guid procurementId, string text,
        string kind = "", string motiv = "", string categoryId = "")
    {
        var response = await client.SubmitAsync($"/upphandlingar/{procurementId}/behov/nytt", $"/upphandlingar/{procurementId}/behov/nytt",
            new Dictionary<string, string>
            {
                ["Form.Text"] = text,
                ["Form.Kind"] = kind,
                ["Form.Motiv"] = motiv,
                ["Form.CategoryId"] = categoryId,
            });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.QueryScalarAsync<Guid>(
            "SELECT id FROM submissions WHERE procurement_id = @procurementId AND text = @text ORDER BY created_at DESC LIMIT 1",
            new { procurementId, text });
    }

    /// <summary>The officer moves the procurement from one phase to another (a reason is needed to go back).</summary>
    public static Task<HttpResponseMessage> ChangePhaseAsync(TestClient officer, Guid procurementId, string from, string to, string reason = "") =>
        officer.PostAsync($"/upphandlingar/{procurementId}/fas", new Dictionary<string, string>
        {
            ["fran"] = from,
            ["till"] = to,
            ["skal"] = reason,
        });

    /// <summary>Closes collection: Insamling to Sammanställning.</summary>
    public static async Task CloseCollectionAsync(TestClient officer, Guid procurementId)
    {
        var response = await ChangePhaseAsync(officer, procurementId, "Collection", "Compilation");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Uploads a file from the import page as a browser would (multipart, with the page form's antiforgery token).
    /// <paramref name="tokenPageUrl"/> is where the token is taken from when the import page itself is refused.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(TestClient client, Guid procurementId, byte[] content, string fileName,
        Guid? onBehalfOf = null, string? tokenPageUrl = null)
    {
        var (page, document) = await client.GetPageAsync(tokenPageUrl ?? $"/upphandlingar/{procurementId}/import");
        Assert.True(page.IsSuccessStatusCode, $"GET of the page with the upload token answered {(int)page.StatusCode}");
        var token = document.Forms
            .Select(f => (f.Elements["__RequestVerificationToken"] as IHtmlInputElement)?.Value)
            .First(t => !string.IsNullOrEmpty(t))!;

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (onBehalfOf is { } organisation)
        {
            form.Add(new StringContent(organisation.ToString()), "organisation");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        form.Add(file, "fil", fileName);
        return await client.Http.PostAsync($"/upphandlingar/{procurementId}/import", form);
    }

    /// <summary>Uploads a file that must be accepted for preview; returns the import's id.</summary>
    public static async Task<Guid> UploadForPreviewAsync(TestClient client, Guid procurementId, byte[] content, string fileName, Guid? onBehalfOf = null)
    {
        var response = await UploadAsync(client, procurementId, content, fileName, onBehalfOf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/upphandlingar/{procurementId}/import/", location, StringComparison.Ordinal);
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Confirms a previewed import from its page, as the user clicking "Importera N behov".</summary>
    public static Task<HttpResponseMessage> CommitAsync(TestClient client, Guid procurementId, Guid importId) =>
        client.SubmitAsync($"/upphandlingar/{procurementId}/import/{importId}", $"/upphandlingar/{procurementId}/import/{importId}/genomfor",
            new Dictionary<string, string>());

    /// <summary>
    /// Polls the status endpoint, as the progress bar does, until the import has finished; returns the last answer.
    /// The limit only keeps a broken run from hanging the suite; nothing is asserted about time.
    /// </summary>
    public static async Task<ImportStatus> WaitForImportAsync(TestClient client, Guid procurementId, Guid importId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var response = await client.GetAsync($"/upphandlingar/{procurementId}/import/{importId}/status");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = JsonSerializer.Deserialize<ImportStatus>(await response.Content.ReadAsStringAsync(), Json)!;
            if (status.Status is "Completed" or "Failed")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The import is still {status.Status} ({status.Processed} of {status.Total}).");
            await Task.Delay(100);
        }
    }

    /// <summary>A CSV file as Swedish Excel saves "CSV UTF-8": BOM, ';' between fields, CRLF, quotes where needed.</summary>
    public static byte[] Csv(params string?[][] rows) => Csv((IEnumerable<string?[]>)rows);

    public static byte[] Csv(IEnumerable<string?[]> rows)
    {
        var text = new System.Text.StringBuilder("Kravtext;Typ;Motiv;Kategori\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(';', row.Select(Quote))).Append("\r\n");
        }

        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The visible text of the page's main element, whitespace collapsed.</summary>
    public static string MainText(IHtmlDocument page) =>
        string.Join(' ', (page.QuerySelector("main")?.TextContent ?? page.Body?.TextContent ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Quote(string? field) =>
        field is null ? "" : field.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

/// <summary>The JSON the import status endpoint answers.</summary>
public sealed record ImportStatus(string Status, int Processed, int Total, string? Message);
