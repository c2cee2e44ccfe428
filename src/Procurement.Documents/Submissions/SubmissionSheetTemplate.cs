using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Procurement.Domain.Submissions;

namespace Procurement.Documents.Submissions;

/// <summary>
/// The files municipalities download, fill in and send back: an .xlsx template with drop-down lists and
/// instructions, and a bare CSV header. Both read back through <see cref="SubmissionSheetReader"/> as a file
/// without requirements.
/// </summary>
public static class SubmissionSheetTemplate
{
    private const string NeedsSheet = "Behov";
    private const string InstructionsSheet = "Instruktioner";
    private const string ListsSheet = "Listor";
    private const string CategoriesName = "Kategorier";
    private const int LastDataRow = SubmissionSheetReader.MaxRows + 1;

    // Indexes into the stylesheet's cellXfs, see Stylesheet().
    private const uint HeaderStyle = 1;
    private const uint WrapStyle = 2;
    private const uint TopStyle = 3;
    private const uint TitleStyle = 4;

    private static readonly string[] KindCodes = ["SKA", "BÖR", "KVAL", "KV"];

    /// <summary>The CSV header, UTF-8 with BOM and CRLF, separated by ';' as Swedish Excel writes it.</summary>
    public static byte[] Csv()
    {
        var header = string.Join(';', SubmissionRowRules.Columns) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header)];
    }

    /// <summary>
    /// The .xlsx template: sheet "Behov" with the header row (bold, frozen), drop-down lists for Typ and
    /// Kategori on rows 2–50 001, sheet "Instruktioner", and the hidden sheet "Listor" with the category names.
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<ImportCategory> categories)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var strings = new SharedStrings();

            var needs = AddSheet(workbookPart, NeedsSheet, NeedsWorksheet(categories.Count > 0, strings));
            var instructions = AddSheet(workbookPart, InstructionsSheet, InstructionsWorksheet(categories.Count > 0, strings));
            var lists = AddSheet(workbookPart, ListsSheet, ListsWorksheet(categories, strings));
            lists.State = SheetStateValues.Hidden;

            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;

            var workbook = new Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0U }),
                new Sheets(needs, instructions, lists));
            if (categories.Count > 0)
            {
                workbook.Append(new DefinedNames(new DefinedName
                {
                    Name = CategoriesName,
                    Text = string.Create(CultureInfo.InvariantCulture, $"{ListsSheet}!$A$1:$A${categories.Count}"),
                }));
            }

            workbookPart.Workbook = workbook;
        }

        return memory.ToArray();
    }

    private static Sheet AddSheet(WorkbookPart workbookPart, string name, Worksheet worksheet)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        var number = (uint)workbookPart.WorksheetParts.Count();
        return new Sheet { Name = name, SheetId = number, Id = workbookPart.GetIdOfPart(part) };
    }

    private static Worksheet NeedsWorksheet(bool hasCategories, SharedStrings strings)
    {
        var header = new Row { RowIndex = 1U };
        var column = 'A';
        foreach (var name in SubmissionRowRules.Columns)
        {
            header.Append(strings.Cell($"{column++}1", name, HeaderStyle));
        }

        var validations = new DataValidations(ListValidation(
            "B", $"\"{string.Join(',', KindCodes)}\"",
            "Typ av krav",
            "SKA = ska-krav, BÖR = bör-krav, KVAL = kvalificeringskrav, KV = särskilt kontraktsvillkor.",
            "Välj SKA, BÖR, KVAL eller KV i listan."));
        if (hasCategories)
        {
            validations.Append(ListValidation(
                "D", CategoriesName, "Kategori", "Välj en kategori i listan.", "Välj en kategori i listan."));
        }

        validations.Count = (uint)validations.ChildElements.Count;

        return new Worksheet(
            new SheetViews(new SheetView(
                new Pane
                {
                    VerticalSplit = 1D,
                    TopLeftCell = "A2",
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            {
                TabSelected = true,
                WorkbookViewId = 0U,
            }),
            new SheetFormatProperties { DefaultRowHeight = 15D },
            new Columns(
                ColumnOf(1, 80, WrapStyle),
                ColumnOf(2, 12, TopStyle),
                ColumnOf(3, 60, WrapStyle),
                ColumnOf(4, 36, TopStyle)),
            new SheetData(header),
            validations,
            new PageMargins { Left = 0.7D, Right = 0.7D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
    }

    private static DataValidation ListValidation(string column, string formula, string title, string prompt, string error) =>
        new(new Formula1(formula))
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowInputMessage = true,
            ShowErrorMessage = true,
            ErrorStyle = DataValidationErrorStyleValues.Stop,
            ErrorTitle = "Ogiltigt värde",
            Error = error,
            PromptTitle = title,
            Prompt = prompt,
            SequenceOfReferences = new ListValue<StringValue>
            {
                InnerText = string.Create(CultureInfo.InvariantCulture, $"{column}2:{column}{LastDataRow}"),
            },
        };

    private static Worksheet InstructionsWorksheet(bool hasCategories, SharedStrings strings)
    {
        string[] lines =
        [
            "Så fyller du i mallen",
            "Skriv ett behov per rad på bladet Behov. Ändra inte rubrikerna i första raden.",
            "Kravtext (måste fyllas i): själva kravet, högst 4 000 tecken. Radbrytningar i cellen behålls.",
            "Typ: SKA (ska-krav), BÖR (bör-krav), KVAL (kvalificeringskrav) eller KV (särskilt kontraktsvillkor). Får lämnas tom.",
            "Motiv: varför behovet finns, högst 4 000 tecken. Får lämnas tom.",
            hasCategories
                ? "Kategori: välj en kategori i listan. Får lämnas tom."
                : "Kategori: lämna tom; upphandlingen har inga kategorier.",
            "Formler godtas inte. Klistra in värdena (Klistra in special > Värden) i stället för formler.",
            "Spara som .xlsx eller som \"CSV UTF-8 (kommaavgränsad)\". Alla rader läses in, eller ingen: rätta felen och skicka filen igen.",
        ];

        var data = new SheetData();
        for (var i = 0; i < lines.Length; i++)
        {
            var rowIndex = (uint)(i + 1);
            data.Append(new Row(strings.Cell($"A{rowIndex}", lines[i], i == 0 ? TitleStyle : 0U)) { RowIndex = rowIndex });
        }

        return new Worksheet(
            new Columns(ColumnOf(1, 120, 0U)),
            data,
            new PageMargins { Left = 0.7D, Right = 0.7D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
    }

    private static Worksheet ListsWorksheet(IReadOnlyList<ImportCategory> categories, SharedStrings strings)
    {
        var data = new SheetData();
        for (var i = 0; i < categories.Count; i++)
        {
            var rowIndex = (uint)(i + 1);
            data.Append(new Row(strings.Cell($"A{rowIndex}", categories[i].Name.Trim(), 0U)) { RowIndex = rowIndex });
        }

        return new Worksheet(data);
    }

    private static Column ColumnOf(uint index, double width, uint style) =>
        new() { Min = index, Max = index, Width = width, CustomWidth = true, Style = style };

    /// <summary>Fonts, fills and the cell formats the indexes above refer to.</summary>
    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14D }, new FontName { Val = "Calibri" }))
        { Count = 3U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64U })
            {
                PatternType = PatternValues.Solid,
            }))
        { Count = 3U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyFill = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 0U,
                FontId = 0U,
                FillId = 0U,
                BorderId = 0U,
                FormatId = 0U,
                ApplyAlignment = true,
            },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 0U,
                FontId = 0U,
                FillId = 0U,
                BorderId = 0U,
                FormatId = 0U,
                ApplyAlignment = true,
            },
            new CellFormat { NumberFormatId = 0U, FontId = 2U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true })
        { Count = 5U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    /// <summary>The workbook's shared string table, each text stored once.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
        private uint references;

        public SharedStringTable Table { get; } = new();

        public Cell Cell(string reference, string text, uint style)
        {
            if (!indexes.TryGetValue(text, out var index))
            {
                index = indexes.Count;
                indexes.Add(text, index);
                Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                Table.UniqueCount = (uint)indexes.Count;
            }

            Table.Count = ++references;

            var cell = new Cell
            {
                CellReference = reference,
                DataType = CellValues.SharedString,
                CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)),
            };
            if (style != 0U)
            {
                cell.StyleIndex = style;
            }

            return cell;
        }
    }
}
