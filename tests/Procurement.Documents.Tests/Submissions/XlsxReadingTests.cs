using Procurement.Domain.Requirements;
using Procurement.Domain.Submissions;
using static Procurement.Documents.Tests.Submissions.TestFiles;
using static Procurement.Documents.Tests.Submissions.XlsxBuilder;

namespace Procurement.Documents.Tests.Submissions;

public sealed class XlsxReadingTests
{
    private static readonly ImportCategory[] Categories = [new(1, "Möbler"), new(2, "Belysning")];

    [Fact]
    public void Shared_strings_inline_strings_numbers_and_skipped_columns_land_in_the_right_fields()
    {
        var builder = new XlsxBuilder();
        builder
            .TextRow(1, "Kravtext", "Typ", "Motiv", "Kategori")
            // B2 and C2 are omitted, as Excel omits empty cells: D2 must still be Kategori.
            .Row(2, builder.Shared("A2", "Stolen ska vara stapelbar."), Number("D2", "2"))
            .Row(3, Inline("A3", "Lampan bör vara dimbar."), builder.Shared("B3", "BÖR"), Inline("C3", "Sparar el."), builder.Shared("D3", "Möbler"));

        var rows = Rows(Read(builder.Build(), "behov.xlsx"));

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows[0].RowNumber);
        Assert.Equal("Stolen ska vara stapelbar.", rows[0].Text);
        Assert.Null(rows[0].Kind);
        Assert.Null(rows[0].Motiv);
        Assert.Equal("2", rows[0].Category);
        Assert.Equal(("Lampan bör vara dimbar.", "BÖR", "Sparar el.", "Möbler"), (rows[1].Text, rows[1].Kind, rows[1].Motiv, rows[1].Category));

        Assert.Equal(2, SubmissionRowRules.Validate(rows[0], Categories).Row!.CategoryNumber);
        Assert.Equal(RequirementKind.Bor, SubmissionRowRules.Validate(rows[1], Categories).Row!.Kind);
    }

    [Fact]
    public void A_formula_cell_is_reported_by_column_and_its_cached_value_is_ignored()
    {
        var builder = new XlsxBuilder();
        builder
            .TextRow(1, "Kravtext", "Typ", "Motiv", "Kategori")
            .Row(2, builder.Shared("A2", "Krav"), Formula("B2", "Listor!A1", "SKA"), Formula("D2", "\"Möb\"&\"ler\"", "Möbler"))
            .Row(3, Formula("A3", "A2", "Krav"));

        var rows = Rows(Read(builder.Build(), "behov.xlsx"));

        Assert.Equal(["Typ", "Kategori"], rows[0].FormulaColumns);
        Assert.Null(rows[0].Kind);
        Assert.Null(rows[0].Category);
        Assert.Equal(["Kravtext"], rows[1].FormulaColumns);
        Assert.Null(rows[1].Text);

        var (valid, errors) = SubmissionRowRules.Validate(rows[0], Categories);
        Assert.Null(valid);
        Assert.Equal(
            [
                new RowError(2, "Typ", "Cellen innehåller en formel. Klistra in värdet i stället för formeln."),
                new RowError(2, "Kategori", "Cellen innehåller en formel. Klistra in värdet i stället för formeln."),
            ],
            errors);
    }

    [Fact]
    public void A_formula_without_a_cached_value_is_still_a_formula()
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Kravtext", "Motiv").Row(2, builder.Shared("A2", "Krav"), Formula("B2", "A2", cachedValue: null));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal(["Motiv"], row.FormulaColumns);
    }

    [Fact]
    public void A_formula_in_an_ignored_column_does_not_matter()
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Nr", "Kravtext").Row(2, Formula("A2", "ROW()-1", "1"), builder.Shared("B2", "Krav"));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Empty(row.FormulaColumns);
        Assert.Equal("Krav", row.Text);
    }

    [Fact]
    public void The_sheets_own_row_numbers_are_used()
    {
        var builder = new XlsxBuilder();
        builder
            .TextRow(3, "Kravtext", "Typ")
            .Row(7, builder.Shared("A7", "Sjunde"))
            .Row(8, builder.Shared("B8", " "))
            .Row(12, builder.Shared("A12", "Tolfte"));

        var rows = Rows(Read(builder.Build(), "behov.xlsx"));

        Assert.Equal([7, 12], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Rows_and_cells_without_references_follow_the_previous_ones()
    {
        var builder = new XlsxBuilder();
        builder
            .Row(null, builder.Shared(null, "Kravtext"), builder.Shared(null, "Typ"))
            .Row(null, builder.Shared(null, "Krav"), builder.Shared(null, "KV"));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal((2, "Krav", "KV"), (row.RowNumber, row.Text, row.Kind));
    }

    [Fact]
    public void An_empty_cell_reference_counts_as_no_reference()
    {
        var builder = new XlsxBuilder();
        var kind = builder.Shared("B2", "SKA");
        kind.CellReference = "";
        builder.TextRow(1, "Kravtext", "Typ").Row(2, builder.Shared("A2", "Krav"), kind);

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal(("Krav", "SKA"), (row.Text, row.Kind));
    }

    [Fact]
    public void Columns_are_placed_by_reference_even_beyond_Z()
    {
        var builder = new XlsxBuilder();
        builder
            .Row(1, builder.Shared("AA1", "Typ"), builder.Shared("AB1", "Kravtext"))
            .Row(2, builder.Shared("AB2", "Krav"), builder.Shared("AA2", "SKA"));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal(("Krav", "SKA"), (row.Text, row.Kind));
    }

    [Fact]
    public void Rich_text_line_breaks_and_escaped_characters_are_read_as_text()
    {
        var builder = new XlsxBuilder();
        builder
            .TextRow(1, "Kravtext", "Motiv")
            .Row(2, RichInline("A2", "Stolen ", "ska", " vara\nstapelbar."), Inline("B2", "Ett_x000D_\nTvå _x005F_x0041_"));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal("Stolen ska vara\nstapelbar.", row.Text);
        Assert.Equal("Ett\r\nTvå _x0041_", row.Motiv);
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("2.0", "2")]
    [InlineData("0.5", "0.5")]
    [InlineData("1234567", "1234567")]
    public void Numbers_are_read_as_invariant_text(string stored, string expected)
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Kravtext", "Kategori").Row(2, builder.Shared("A2", "Krav"), Number("B2", stored));

        Assert.Equal(expected, Assert.Single(Rows(Read(builder.Build(), "behov.xlsx"))).Category);
    }

    [Fact]
    public void Booleans_are_read_as_Swedish_Excel_shows_them()
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Kravtext", "Motiv").Row(2, Boolean("A2", true), Boolean("B2", false));

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal(("SANT", "FALSKT"), (row.Text, row.Motiv));
    }

    [Fact]
    public void Only_the_first_visible_worksheet_is_read()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("Dolt", hidden: true).TextRow(1, "Kravtext").TextRow(2, "Dolt krav");
        builder.Sheet("Behov").TextRow(1, "Kravtext").TextRow(2, "Synligt krav");
        builder.Sheet("Annat").TextRow(1, "Kravtext").TextRow(2, "Annat krav");

        var row = Assert.Single(Rows(Read(builder.Build(), "behov.xlsx")));

        Assert.Equal("Synligt krav", row.Text);
    }

    [Fact]
    public void A_sheet_without_a_Kravtext_header_is_refused()
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Beskrivning", "Typ").TextRow(2, "Krav", "SKA");

        Assert.Equal("Kolumnen Kravtext saknas i första raden. Använd mallen.", Problem(Read(builder.Build(), "behov.xlsx")));
    }

    [Fact]
    public void An_empty_workbook_has_no_requirements() =>
        Assert.Equal("Filen innehåller inga krav.", Problem(Read(new XlsxBuilder().Build(), "behov.xlsx")));

    [Fact]
    public void Twenty_thousand_rows_are_read_with_their_values_and_row_numbers()
    {
        var builder = new XlsxBuilder();
        builder.TextRow(1, "Kravtext", "Typ", "Motiv", "Kategori");
        string[] kinds = ["SKA", "BÖR", "KVAL", "KV"];
        for (uint i = 1; i <= 20_000; i++)
        {
            var r = i + 1;
            builder.Row(
                r,
                Inline($"A{r}", $"Krav nummer {i}.\nMed en andra rad."),
                builder.Shared($"B{r}", kinds[i % 4]),
                i % 10 == 0 ? Formula($"C{r}", "A1", "x") : Inline($"C{r}", $"Motiv {i}"),
                Number($"D{r}", (i % 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var rows = Rows(Read(builder.Build(), "behov.xlsx"));

        Assert.Equal(20_000, rows.Count);
        Assert.Equal((2, "Krav nummer 1.\nMed en andra rad.", "BÖR", "Motiv 1", "2"), (rows[0].RowNumber, rows[0].Text, rows[0].Kind, rows[0].Motiv, rows[0].Category));
        Assert.Equal((20_001, "Krav nummer 20000.\nMed en andra rad.", "SKA", null, "1"), (rows[^1].RowNumber, rows[^1].Text, rows[^1].Kind, rows[^1].Motiv, rows[^1].Category));
        Assert.Equal(["Motiv"], rows[^1].FormulaColumns);
        Assert.Equal(2_000, rows.Count(r => r.FormulaColumns.Count > 0));

        var results = rows.Select(r => SubmissionRowRules.Validate(r, Categories)).ToList();
        Assert.Equal(18_000, results.Count(r => r.Row is not null));
        Assert.Equal(2_000, results.Sum(r => r.Errors.Count));
    }
}
