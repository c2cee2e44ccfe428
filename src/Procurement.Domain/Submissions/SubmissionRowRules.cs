using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Procurement.Domain.Requirements;

namespace Procurement.Domain.Submissions;

/// <summary>A category a submitted need can be filed under: its number in the document and its name.</summary>
public sealed record ImportCategory(int Number, string Name);

/// <summary>
/// One row as read from a submitted spreadsheet, before any rule is applied. <paramref name="RowNumber"/> is the
/// row number the user sees in Excel; <paramref name="FormulaColumns"/> holds the column names
/// (<see cref="SubmissionRowRules.TextColumn"/> etc.) of the cells in the row that contained a formula.
/// </summary>
public sealed record RawSubmissionRow(
    int RowNumber,
    string? Text,
    string? Kind,
    string? Motiv,
    string? Category,
    IReadOnlyList<string> FormulaColumns);

/// <summary>A row that passed every rule: trimmed text, parsed kind and resolved category number.</summary>
public sealed record ValidSubmissionRow(int RowNumber, string Text, RequirementKind? Kind, string? Motiv, int? CategoryNumber);

/// <summary>
/// Why a row cannot be imported. <paramref name="Message"/> is a complete Swedish sentence; the UI prefixes it
/// with the row and column ("Rad 7, Kravtext: Kravtext saknas.").
/// </summary>
public sealed record RowError(int RowNumber, string Column, string Message);

/// <summary>
/// The rules for one row of a submission (a municipality's proposed requirements for a joint procurement).
/// Pure: the file layer reads rows, this decides which are valid and says why the others are not. All errors of
/// a row are reported, not only the first.
/// </summary>
public static partial class SubmissionRowRules
{
    public const int MaxTextLength = 4000;
    public const int MaxMotivLength = 4000;

    /// <summary>The column names as the template writes them; used in <see cref="RowError.Column"/>.</summary>
    public const string TextColumn = "Kravtext";
    public const string KindColumn = "Typ";
    public const string MotivColumn = "Motiv";
    public const string CategoryColumn = "Kategori";

    /// <summary>The columns in template order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [TextColumn, KindColumn, MotivColumn, CategoryColumn];

    private const string FormulaMessage = "Cellen innehåller en formel. Klistra in värdet i stället för formeln.";
    private const int MaxEchoedLength = 60;

    public static (ValidSubmissionRow? Row, IReadOnlyList<RowError> Errors) Validate(
        RawSubmissionRow row, IReadOnlyList<ImportCategory> categories)
    {
        var errors = new List<RowError>();
        void Fail(string column, string message) => errors.Add(new RowError(row.RowNumber, column, message));

        // A formula replaces every other check of its column: its value is not what the user meant to send.
        bool IsFormula(string column, string? value) =>
            row.FormulaColumns.Contains(column, StringComparer.OrdinalIgnoreCase) || StartsWithEquals(value);

        string? text = null;
        if (IsFormula(TextColumn, row.Text))
        {
            Fail(TextColumn, FormulaMessage);
        }
        else
        {
            text = Clean(row.Text);
            if (text is null)
            {
                Fail(TextColumn, "Kravtext saknas.");
            }
            else if (text.Length > MaxTextLength)
            {
                Fail(TextColumn, string.Create(CultureInfo.InvariantCulture,
                    $"Kravtexten är {text.Length} tecken lång; högst {MaxTextLength} tecken är tillåtet."));
            }
        }

        RequirementKind? kind = null;
        if (IsFormula(KindColumn, row.Kind))
        {
            Fail(KindColumn, FormulaMessage);
        }
        else if (Clean(row.Kind) is { } kindText)
        {
            if (RequirementKinds.TryParse(kindText, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                Fail(KindColumn, $"Okänd typ \"{Echo(kindText)}\". Ange SKA, BÖR, KVAL eller KV.");
            }
        }

        string? motiv = null;
        if (IsFormula(MotivColumn, row.Motiv))
        {
            Fail(MotivColumn, FormulaMessage);
        }
        else
        {
            motiv = Clean(row.Motiv);
            if (motiv is not null && motiv.Length > MaxMotivLength)
            {
                Fail(MotivColumn, string.Create(CultureInfo.InvariantCulture,
                    $"Motiveringen är {motiv.Length} tecken lång; högst {MaxMotivLength} tecken är tillåtet."));
            }
        }

        int? categoryNumber = null;
        if (IsFormula(CategoryColumn, row.Category))
        {
            Fail(CategoryColumn, FormulaMessage);
        }
        else if (Clean(row.Category) is { } categoryText)
        {
            categoryNumber = MatchCategory(categoryText, categories);
            if (categoryNumber is null)
            {
                Fail(CategoryColumn, UnknownCategoryMessage(categoryText, categories));
            }
        }

        // Formula cells in columns this class does not know (the reader only sends known ones, but be safe).
        foreach (var column in row.FormulaColumns.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!Columns.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                Fail(column, FormulaMessage);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidSubmissionRow(row.RowNumber, text!, kind, motiv, categoryNumber), errors);
    }

    /// <summary>
    /// Finds the category a cell names: its name (any case), its number ("2"), or both ("2 Möbler", "2. Möbler",
    /// "2 - Möbler"). Null when nothing matches.
    /// </summary>
    public static int? MatchCategory(string? value, IReadOnlyList<ImportCategory> categories)
    {
        var text = Clean(value);
        if (text is null)
        {
            return null;
        }

        var wanted = CollapseSpace(text);
        foreach (var category in categories)
        {
            if (string.Equals(CollapseSpace(category.Name), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return category.Number;
            }
        }

        var match = NumberAndName().Match(wanted);
        if (!match.Success
            || !int.TryParse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        foreach (var category in categories)
        {
            if (category.Number == number
                && (name is null || string.Equals(CollapseSpace(category.Name), name, StringComparison.OrdinalIgnoreCase)))
            {
                return category.Number;
            }
        }

        return null;
    }

    private static string UnknownCategoryMessage(string value, IReadOnlyList<ImportCategory> categories)
    {
        if (categories.Count == 0)
        {
            return $"Okänd kategori \"{Echo(value)}\". Upphandlingen har inga kategorier; lämna fältet tomt.";
        }

        var names = categories.Select(c => c.Name.Trim()).ToList();
        var list = names.Count == 1
            ? names[0]
            : string.Join(", ", names.Take(names.Count - 1)) + " eller " + names[^1];
        return $"Okänd kategori \"{Echo(value)}\". Ange en av kategorierna: {list}.";
    }

    /// <summary>Trimmed, NFC-normalised, line breaks as \n; null when blank.</summary>
    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    private static bool StartsWithEquals(string? value) =>
        value is not null && value.AsSpan().TrimStart().StartsWith("=", StringComparison.Ordinal);

    private static string CollapseSpace(string text) => Whitespace().Replace(text.Trim(), " ");

    private static string Echo(string value) =>
        value.Length <= MaxEchoedLength ? value : string.Concat(value.AsSpan(0, MaxEchoedLength), "…");

    /// <summary>"2", "2.", "2 Möbler", "2. Möbler", "2 - Möbler", "2: Möbler", "2) Möbler".</summary>
    [GeneratedRegex(@"^(?<number>[0-9]{1,9})(?:\.?|(?:\s*[.:)\-–—]\s*|\s+)(?<name>\S.*))$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndName();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
