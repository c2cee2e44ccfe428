using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Procurement.Documents.Standards;

/// <summary>One clause of the coverage report as a row of the sheet; texts already in the reader's language.</summary>
public sealed record CoverageSheetRow(string Standard, string StandardName, string Clause, string ClauseText, string Status,
    string Requirements, string BorOnly, string Conflicts);

/// <summary>The coverage report: a title, a summary line, the column names and one row per clause.</summary>
public sealed record CoverageSheet(string SheetName, string Title, string Summary, IReadOnlyList<string> Columns, IReadOnlyList<CoverageSheetRow> Rows);

/// <summary>
/// Writes the coverage report as .xlsx: title and summary on rows 1–2, the header on row 4 (bold, frozen below),
/// then one row per clause. Inline strings only, so the file needs no shared-string table.
/// </summary>
public static class CoverageWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const uint HeaderRow = 4;

    private const uint BoldStyle = 1;
    private const uint WrapStyle = 2;
    private static readonly double[] Widths = [16, 28, 16, 60, 22, 50, 40, 50];

    public static byte[] Xlsx(CoverageSheet sheet)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(sheet.Columns.Count, Widths.Length);
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var part = workbookPart.AddNewPart<WorksheetPart>();

            var data = new SheetData(
                new Row(Cell("A1", sheet.Title, BoldStyle)) { RowIndex = 1U },
                new Row(Cell("A2", sheet.Summary, 0U)) { RowIndex = 2U },
                new Row(sheet.Columns.Select((c, i) => Cell($"{Column(i)}{HeaderRow}", c, BoldStyle))) { RowIndex = HeaderRow });
            var rowIndex = HeaderRow;
            foreach (var row in sheet.Rows)
            {
                rowIndex++;
                string[] values = [row.Standard, row.StandardName, row.Clause, row.ClauseText, row.Status, row.Requirements, row.BorOnly, row.Conflicts];
                data.Append(new Row(values.Select((v, i) => Cell($"{Column(i)}{rowIndex}", v, WrapStyle))) { RowIndex = rowIndex });
            }

            part.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                {
                    TabSelected = true,
                    WorkbookViewId = 0U,
                }),
                new Columns(Widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
                data,
                new AutoFilter { Reference = $"A{HeaderRow}:{Column(Widths.Length - 1)}{Math.Max(rowIndex, HeaderRow)}" });

            workbookPart.Workbook = new Workbook(new Sheets(new Sheet
            {
                Name = sheet.SheetName.Length > 31 ? sheet.SheetName[..31] : sheet.SheetName,
                SheetId = 1U,
                Id = workbookPart.GetIdOfPart(part),
            }));
        }

        return memory.ToArray();
    }

    private static string Column(int index) => ((char)('A' + index)).ToString();

    private static Cell Cell(string reference, string text, uint style) => new(new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    /// <summary>XML cannot hold most control characters; a cell keeps tabs and line breaks only.</summary>
    private static string Clean(string text) =>
        string.Concat(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)));

    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }))
        { Count = 2U },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
        new Borders(new Border()) { Count = 1U },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1U, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
        { Count = 3U });
}
