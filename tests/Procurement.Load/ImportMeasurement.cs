using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Procurement.Load;

/// <summary>
/// Times an officer's import of a 20,000-row file on behalf of a municipality, as the browser does it: upload
/// (read, check every row, store the preview), then commit and poll the status the progress bar polls.
/// </summary>
public static class ImportMeasurement
{
    public sealed record Timing(string File, int Rows, TimeSpan Preview, TimeSpan Commit);

    public static async Task<Timing> RunAsync(OfficerSession officer, Guid procurement, string fileName, int rows)
    {
        var content = fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? Xlsx(rows) : Csv(rows);
        var clock = Stopwatch.StartNew();
        var preview = await officer.UploadAsync(procurement, content, fileName);
        var previewTime = clock.Elapsed;
        if (!preview.Contains($"{rows} rader kan importeras.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The preview of {fileName} did not accept all {rows} rows.");
        }

        clock.Restart();
        var importPath = await officer.CommitImportAsync(procurement);
        while (true)
        {
            using var status = JsonDocument.Parse(await officer.GetStringAsync(importPath + "/status"));
            var state = status.RootElement.GetProperty("status").GetString();
            if (state == "Completed")
            {
                break;
            }

            if (state == "Failed")
            {
                throw new InvalidOperationException($"The import of {fileName} failed: {status.RootElement.GetProperty("message")}");
            }

            await Task.Delay(50);
        }

        return new Timing(fileName, rows, previewTime, clock.Elapsed);
    }

    private static string Text(int i) => string.Create(CultureInfo.InvariantCulture,
        $"Behov {i}: föreningar ska kunna boka lokaler och söka bidrag på samma ställe, även från mobilen.");

    private static string Kind(int i) => (i % 4) switch { 0 => "SKA", 1 => "BÖR", 2 => "KVAL", _ => "KV" };

    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder("Kravtext;Typ;Motiv;Kategori\r\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Text(i)};{Kind(i)};Det sparar tid.;{i % 2 + 1}\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static byte[] Xlsx(int rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, "Kravtext", "Typ", "Motiv", "Kategori"));
            for (var i = 1; i <= rows; i++)
            {
                data.Append(Row((uint)i + 1, Text(i), Kind(i), "Det sparar tid.", (i % 2 + 1).ToString(CultureInfo.InvariantCulture)));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Behov" }));
        }

        return stream.ToArray();
    }

    private static Row Row(uint number, params string[] cells) =>
        new(cells.Select(c => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(c)) })) { RowIndex = number };
}
