using System.Globalization;
using Procurement.Domain.Submissions;

namespace Procurement.Documents.Submissions;

/// <summary>One cell as a file format reads it: 0-based column, its text (null for a formula) and whether it held a formula.</summary>
internal readonly record struct SheetCell(int Column, string? Value, bool IsFormula);

/// <summary>
/// What the CSV and the xlsx reader share: the first non-empty row is the header, columns are found by name,
/// empty rows are skipped and the row count is capped. The formats only feed it rows.
/// </summary>
internal sealed class SheetRowCollector
{
    private const int Fields = 4;

    // For each field (in SubmissionRowRules.Columns order) the names a header may use, the template's first.
    private static readonly string[][] HeaderNames =
    [
        [SubmissionRowRules.TextColumn, "Krav", "Text"],
        [SubmissionRowRules.KindColumn, "Kravtyp", "Kind"],
        [SubmissionRowRules.MotivColumn, "Motivering"],
        [SubmissionRowRules.CategoryColumn, "Category"],
    ];

    private static readonly IReadOnlyList<string>[] FormulaColumnSets = BuildFormulaColumnSets();

    private readonly int[] fieldColumns = [-1, -1, -1, -1];
    private readonly List<RawSubmissionRow> rows = [];
    private readonly List<SheetProblem> problems = [];
    private bool headerFound;
    private int dataRows;

    /// <summary>True when reading further cannot change the outcome (the header lacks Kravtext).</summary>
    public bool Done { get; private set; }

    /// <summary>Adds one physical row; cells may come in any order and columns may be missing.</summary>
    public void Add(int rowNumber, IReadOnlyList<SheetCell> cells)
    {
        if (Done)
        {
            return;
        }

        if (!headerFound)
        {
            ReadHeader(cells);
            return;
        }

        var values = new string?[Fields];
        var formulaMask = 0;
        foreach (var cell in cells)
        {
            var field = Array.IndexOf(fieldColumns, cell.Column);
            if (field < 0)
            {
                continue;
            }

            if (cell.IsFormula)
            {
                formulaMask |= 1 << field;
                values[field] = null;
            }
            else if (!string.IsNullOrEmpty(cell.Value))
            {
                values[field] = cell.Value;
            }
        }

        if (formulaMask == 0 && values.All(string.IsNullOrWhiteSpace))
        {
            return;
        }

        dataRows++;
        if (dataRows <= SubmissionSheetReader.MaxRows)
        {
            rows.Add(new RawSubmissionRow(rowNumber, values[0], values[1], values[2], values[3], FormulaColumnSets[formulaMask]));
        }
    }

    public void Fail(string message)
    {
        problems.Add(new SheetProblem(message));
        Done = true;
    }

    public SubmissionSheet Finish()
    {
        if (problems.Count == 0 && (!headerFound || dataRows == 0))
        {
            problems.Add(new SheetProblem(SheetMessages.NoRequirements));
        }

        if (problems.Count == 0 && dataRows > SubmissionSheetReader.MaxRows)
        {
            problems.Add(new SheetProblem(SheetMessages.TooManyRows(dataRows)));
        }

        return problems.Count > 0 ? new SubmissionSheet([], problems) : new SubmissionSheet(rows, []);
    }

    private void ReadHeader(IReadOnlyList<SheetCell> cells)
    {
        if (cells.All(c => c.IsFormula || string.IsNullOrWhiteSpace(c.Value)))
        {
            return;
        }

        headerFound = true;
        var names = cells
            .Where(c => !c.IsFormula && !string.IsNullOrWhiteSpace(c.Value))
            .OrderBy(c => c.Column)
            .Select(c => (c.Column, Name: NormaliseHeader(c.Value!)))
            .ToList();
        for (var field = 0; field < Fields; field++)
        {
            foreach (var wanted in HeaderNames[field])
            {
                var match = names.FindIndex(n => string.Equals(n.Name, wanted, StringComparison.OrdinalIgnoreCase));
                if (match >= 0)
                {
                    fieldColumns[field] = names[match].Column;
                    break;
                }
            }
        }

        if (fieldColumns[0] < 0)
        {
            Fail(SheetMessages.MissingTextColumn);
        }
    }

    /// <summary>"  Kravtext * " and "Kravtext:" read as "Kravtext".</summary>
    private static string NormaliseHeader(string header) =>
        string.Join(' ', header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('*', ':').TrimEnd();

    // Every combination of formula columns, built once, so 50 000 rows share 16 small lists.
    private static IReadOnlyList<string>[] BuildFormulaColumnSets()
    {
        var sets = new IReadOnlyList<string>[1 << Fields];
        for (var mask = 0; mask < sets.Length; mask++)
        {
            sets[mask] = Enumerable.Range(0, Fields)
                .Where(field => (mask & (1 << field)) != 0)
                .Select(field => SubmissionRowRules.Columns[field])
                .ToArray();
        }

        return sets;
    }
}

/// <summary>The file-level messages, complete Swedish sentences.</summary>
internal static class SheetMessages
{
    public const string UnsupportedType = "Filtypen stöds inte. Använd mallen (.xlsx) eller en CSV-fil sparad som UTF-8.";
    public const string NotUtf8 =
        "Filen är inte sparad som UTF-8. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel och försök igen.";
    public const string UnreadableXlsx = "Filen kunde inte läsas som en Excel-fil (.xlsx).";
    public const string MissingTextColumn = "Kolumnen Kravtext saknas i första raden. Använd mallen.";
    public const string NoRequirements = "Filen innehåller inga krav.";

    public static string TooManyRows(int count) =>
        $"Filen har {Thousands(count)} rader; högst {Thousands(SubmissionSheetReader.MaxRows)} rader kan läsas in åt gången.";

    /// <summary>Swedish digit grouping with an ordinary space: 50 000.</summary>
    private static string Thousands(int value) =>
        value.ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = " ", NumberGroupSizes = [3] });
}
