using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Procurement.Documents.Submissions;

/// <summary>
/// The first visible worksheet of an .xlsx file, read with <see cref="OpenXmlReader"/> one row at a time so large
/// sheets stay fast and small in memory. Cells are placed by their reference (A1), rows keep the sheet's own
/// numbers. A cell with a formula is reported as such, its cached value ignored.
/// </summary>
internal static partial class XlsxSheetParser
{
    public static void Parse(byte[] bytes, SheetRowCollector collector)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbookPart = document.WorkbookPart;
            var worksheetPart = workbookPart is null ? null : FirstWorksheet(workbookPart);
            if (workbookPart is null || worksheetPart is null)
            {
                collector.Fail(SheetMessages.UnreadableXlsx);
                return;
            }

            var sharedStrings = ReadSharedStrings(workbookPart.SharedStringTablePart);
            ReadRows(worksheetPart, sharedStrings, collector);
        }
#pragma warning disable CA1031 // A broken upload is the user's problem to fix, not a server error: any failure is reported.
        catch (Exception)
#pragma warning restore CA1031
        {
            collector.Fail(SheetMessages.UnreadableXlsx);
        }
    }

    private static WorksheetPart? FirstWorksheet(WorkbookPart workbookPart)
    {
        var sheets = workbookPart.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        WorksheetPart? firstHidden = null;
        foreach (var sheet in sheets)
        {
            if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }

            var hidden = sheet.State is not null
                && (sheet.State.Value == SheetStateValues.Hidden || sheet.State.Value == SheetStateValues.VeryHidden);
            if (!hidden)
            {
                return part;
            }

            firstHidden ??= part;
        }

        return firstHidden;
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            while (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                // Loading the item moves the reader past it, onto the next one.
                strings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }

        return strings;
    }

    private static void ReadRows(WorksheetPart part, List<string> sharedStrings, SheetRowCollector collector)
    {
        using var reader = OpenXmlReader.Create(part);
        var cells = new List<SheetCell>();
        var rowNumber = 0;
        while (reader.Read() && !collector.Done)
        {
            while (reader.ElementType == typeof(Row) && reader.IsStartElement && !collector.Done)
            {
                var row = (Row)reader.LoadCurrentElement()!;
                rowNumber = row.RowIndex?.Value is { } index ? checked((int)index) : rowNumber + 1;
                cells.Clear();
                var column = -1;
                foreach (var cell in row.Elements<Cell>())
                {
                    column = string.IsNullOrEmpty(cell.CellReference?.Value) ? column + 1 : ColumnIndex(cell.CellReference.Value);
                    cells.Add(cell.CellFormula is not null
                        ? new SheetCell(column, null, IsFormula: true)
                        : new SheetCell(column, ValueOf(cell, sharedStrings), IsFormula: false));
                }

                collector.Add(rowNumber, cells);
            }
        }
    }

    private static string? ValueOf(Cell cell, List<string> sharedStrings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : cell.CellValue?.Text;
        }

        var value = cell.CellValue?.Text;
        if (value is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            var index = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            return sharedStrings[index];
        }

        if (type == CellValues.Boolean)
        {
            // As Swedish Excel shows them.
            return value.Trim() is "1" or "true" ? "SANT" : "FALSKT";
        }

        if (type is null || type == CellValues.Number)
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? FormatNumber(number)
                : value;
        }

        // Text results (str), dates written as text (d) and error values (e) are kept as written.
        return DecodeEscapes(value);
    }

    private static string FormatNumber(double number) =>
        Math.Abs(number) < 1e15 && number == Math.Floor(number)
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The text of a shared or inline string: plain or rich text runs, without phonetic hints.</summary>
    private static string TextOf(RstType item)
    {
        if (item.Text is { } plain)
        {
            return DecodeEscapes(plain.Text);
        }

        return DecodeEscapes(string.Concat(item.Elements<Run>().Select(run => run.Text?.Text)));
    }

    /// <summary>0-based column of a reference such as "AB12" (AB = 27).</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            var letter = char.ToUpperInvariant(c);
            if (letter is < 'A' or > 'Z')
            {
                break;
            }

            column = checked((column * 26) + (letter - 'A' + 1));
        }

        if (column == 0)
        {
            throw new FormatException($"Invalid cell reference '{reference}'.");
        }

        return column - 1;
    }

    /// <summary>Excel writes characters XML cannot hold, and a carriage return, as _xHHHH_ (and "_" before that as _x005F_).</summary>
    private static string DecodeEscapes(string text) =>
        text.Contains("_x", StringComparison.Ordinal)
            ? Escape().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();
}
