using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Procurement.Documents.Submissions;

namespace Procurement.Documents.Tests.Submissions;

/// <summary>Builds small .xlsx files the way Excel writes them: shared strings, inline strings, formulas, gaps.</summary>
internal sealed class XlsxBuilder
{
    private readonly List<string> sharedStrings = [];
    private readonly List<(string Name, bool Hidden, List<Row> Rows)> sheets = [];

    public XlsxBuilder() => Sheet("Blad1");

    private List<Row> Rows => sheets[^1].Rows;

    /// <summary>Starts a new worksheet; later rows go there.</summary>
    public XlsxBuilder Sheet(string name, bool hidden = false)
    {
        if (sheets.Count == 1 && sheets[0].Rows.Count == 0 && sheets[0].Name == "Blad1")
        {
            sheets.Clear();
        }

        sheets.Add((name, hidden, []));
        return this;
    }

    /// <summary>A row with the sheet's row number <paramref name="index"/> (null: no r attribute).</summary>
    public XlsxBuilder Row(uint? index, params Cell[] cells)
    {
        var row = new Row(cells);
        if (index is { } value)
        {
            row.RowIndex = value;
        }

        Rows.Add(row);
        return this;
    }

    /// <summary>A row of shared-string cells from column A on, without gaps.</summary>
    public XlsxBuilder TextRow(uint index, params string[] texts) =>
        Row(index, [.. texts.Select((text, i) => Shared($"{(char)('A' + i)}{index}", text))]);

    public Cell Shared(string? reference, string text)
    {
        var index = sharedStrings.IndexOf(text);
        if (index < 0)
        {
            index = sharedStrings.Count;
            sharedStrings.Add(text);
        }

        var cell = new Cell
        {
            DataType = CellValues.SharedString,
            CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)),
        };
        if (reference is not null)
        {
            cell.CellReference = reference;
        }

        return cell;
    }

    public static Cell Inline(string reference, string text) => new(new InlineString(new Text(text)))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
    };

    public static Cell RichInline(string reference, params string[] runs) =>
        new(new InlineString([.. runs.Select(run => new Run(new Text(run) { Space = SpaceProcessingModeValues.Preserve }))]))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
        };

    public static Cell Number(string reference, string value) => new()
    {
        CellReference = reference,
        CellValue = new CellValue(value),
    };

    public static Cell Boolean(string reference, bool value) => new()
    {
        CellReference = reference,
        DataType = CellValues.Boolean,
        CellValue = new CellValue(value ? "1" : "0"),
    };

    /// <summary>A formula cell; <paramref name="cachedValue"/> is what Excel saved as its last result.</summary>
    public static Cell Formula(string reference, string formula, string? cachedValue)
    {
        var cell = new Cell(new CellFormula(formula)) { CellReference = reference, DataType = CellValues.String };
        if (cachedValue is not null)
        {
            cell.Append(new CellValue(cachedValue));
        }

        return cell;
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetElements = new Sheets();
            uint sheetId = 1;
            foreach (var (name, hidden, rows) in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData(rows));
                var sheet = new Sheet { Name = name, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(part) };
                if (hidden)
                {
                    sheet.State = SheetStateValues.Hidden;
                }

                sheetElements.Append(sheet);
            }

            workbookPart.Workbook = new Workbook(sheetElements);
            if (sharedStrings.Count > 0)
            {
                workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                    sharedStrings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            }
        }

        return memory.ToArray();
    }
}

internal static class TestFiles
{
    public static SubmissionSheet Read(byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content);
        return SubmissionSheetReader.Read(stream, fileName);
    }

    public static SubmissionSheet ReadCsv(string text, bool bom = true, string fileName = "behov.csv") =>
        Read(bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text), fileName);

    public static string Problem(SubmissionSheet sheet)
    {
        Assert.Empty(sheet.Rows);
        return Assert.Single(sheet.Problems).Message;
    }

    public static IReadOnlyList<Domain.Submissions.RawSubmissionRow> Rows(SubmissionSheet sheet)
    {
        Assert.Empty(sheet.Problems);
        return sheet.Rows;
    }
}
