using System.Text;
using Procurement.Documents.Submissions;
using Procurement.Domain.Requirements;
using Procurement.Domain.Submissions;
using static Procurement.Documents.Tests.Submissions.TestFiles;

namespace Procurement.Documents.Tests.Submissions;

public sealed class CsvReadingTests
{
    private const string NotUtf8 =
        "Filen är inte sparad som UTF-8. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel och försök igen.";

    [Fact]
    public void A_semicolon_separated_file_as_Swedish_Excel_writes_it_is_read()
    {
        var rows = Rows(ReadCsv("Kravtext;Typ;Motiv;Kategori\r\nStolen ska vara stapelbar.;SKA;Sparar plats.;Möbler\r\nLampan bör vara dimbar.;BÖR;;2\r\n"));

        Assert.Equal(2, rows.Count);
        Assert.Equal(new RawSubmissionRow(2, "Stolen ska vara stapelbar.", "SKA", "Sparar plats.", "Möbler", []), rows[0] with { FormulaColumns = [] });
        Assert.Equal(3, rows[1].RowNumber);
        Assert.Equal("Lampan bör vara dimbar.", rows[1].Text);
        Assert.Equal("BÖR", rows[1].Kind);
        Assert.Null(rows[1].Motiv);
        Assert.Equal("2", rows[1].Category);
        Assert.Empty(rows[1].FormulaColumns);
    }

    [Fact]
    public void A_comma_separated_file_is_read()
    {
        var rows = Rows(ReadCsv("Kravtext,Typ,Motiv,Kategori\nStolen ska vara stapelbar.,SKA,\"Sparar plats, och pengar.\",Möbler\n", bom: false));

        var row = Assert.Single(rows);
        Assert.Equal("Stolen ska vara stapelbar.", row.Text);
        Assert.Equal("Sparar plats, och pengar.", row.Motiv);
        Assert.Equal("Möbler", row.Category);
    }

    [Fact]
    public void A_tab_separated_file_is_read()
    {
        var row = Assert.Single(Rows(ReadCsv("Kravtext\tTyp\nKrav; med semikolon, och komma\tKV\n", fileName: "behov.txt")));

        Assert.Equal("Krav; med semikolon, och komma", row.Text);
        Assert.Equal("KV", row.Kind);
    }

    [Fact]
    public void A_semicolon_file_keeps_commas_in_unquoted_text()
    {
        var row = Assert.Single(Rows(ReadCsv("Kravtext;Typ\nStolar, bord och hyllor.;SKA\n")));

        Assert.Equal("Stolar, bord och hyllor.", row.Text);
    }

    [Fact]
    public void The_BOM_is_optional_and_not_part_of_the_first_header()
    {
        const string csv = "Kravtext;Typ\nKrav;SKA\n";

        Assert.Equal(Rows(ReadCsv(csv, bom: true))[0] with { FormulaColumns = [] }, Rows(ReadCsv(csv, bom: false))[0] with { FormulaColumns = [] });
        Assert.Equal("Krav", Assert.Single(Rows(ReadCsv(csv, bom: false))).Text);
    }

    [Fact]
    public void Quoted_fields_keep_line_breaks_separators_and_doubled_quotes()
    {
        var rows = Rows(ReadCsv(
            "Kravtext;Typ;Motiv\r\n\"Första raden.\nAndra raden; med \"\"citat\"\".\";SKA;\"Ett\r\nTvå\"\r\nNästa krav;BÖR;\r\n"));

        Assert.Equal(2, rows.Count);
        Assert.Equal("Första raden.\nAndra raden; med \"citat\".", rows[0].Text);
        Assert.Equal("Ett\r\nTvå", rows[0].Motiv);
        Assert.Equal(2, rows[0].RowNumber);
        // Excel shows a record with line breaks in one row: the next record is row 3, not row 5.
        Assert.Equal(3, rows[1].RowNumber);
        Assert.Equal("Nästa krav", rows[1].Text);
    }

    [Fact]
    public void CRLF_LF_and_CR_line_ends_give_the_same_rows()
    {
        static IEnumerable<string?> Texts(string csv) => Rows(ReadCsv(csv)).Select(r => r.Text + "|" + r.RowNumber);

        var crlf = Texts("Kravtext;Typ\r\nEtt;SKA\r\nTvå;BÖR\r\n");

        Assert.Equal(["Ett|2", "Två|3"], crlf);
        Assert.Equal(crlf, Texts("Kravtext;Typ\nEtt;SKA\nTvå;BÖR\n"));
        Assert.Equal(crlf, Texts("Kravtext;Typ\rEtt;SKA\rTvå;BÖR"));
    }

    [Fact]
    public void Empty_rows_are_skipped_but_still_counted_as_rows()
    {
        var rows = Rows(ReadCsv("Kravtext;Typ;Motiv;Kategori\n;;;\n\nKrav på rad fyra;;;\n  ; ;;\n"));

        var row = Assert.Single(rows);
        Assert.Equal(4, row.RowNumber);
    }

    [Fact]
    public void The_header_is_the_first_non_empty_row()
    {
        var rows = Rows(ReadCsv("\n;;\nKravtext;Typ\nKrav;SKA\n"));

        Assert.Equal(4, Assert.Single(rows).RowNumber);
    }

    [Fact]
    public void Headers_are_matched_by_their_alternative_names_in_any_case_and_order()
    {
        var row = Assert.Single(Rows(ReadCsv(" category ; Nr ;MOTIVERING; kravtyp ;krav\nMöbler;17;Därför.;SKA;Stolen ska vara stapelbar.\n")));

        Assert.Equal(new RawSubmissionRow(2, "Stolen ska vara stapelbar.", "SKA", "Därför.", "Möbler", []), row with { FormulaColumns = [] });
    }

    [Theory]
    [InlineData("Text;Kind")]
    [InlineData("KRAVTEXT;TYP")]
    [InlineData("Kravtext *;Typ:")]
    public void Other_spellings_of_the_headers_are_accepted(string header)
    {
        var row = Assert.Single(Rows(ReadCsv(header + "\nKrav;KV\n")));

        Assert.Equal("Krav", row.Text);
        Assert.Equal("KV", row.Kind);
    }

    [Fact]
    public void A_row_with_values_only_in_ignored_columns_is_skipped()
    {
        var rows = Rows(ReadCsv("Nr;Kravtext\n1;Krav\n2;\n"));

        Assert.Single(rows);
    }

    [Fact]
    public void A_file_without_a_Kravtext_column_is_refused()
    {
        var problem = Problem(ReadCsv("Typ;Motiv\nSKA;Därför.\n"));

        Assert.Equal("Kolumnen Kravtext saknas i första raden. Använd mallen.", problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kravtext;Typ;Motiv;Kategori\r\n")]
    [InlineData("Kravtext;Typ;Motiv;Kategori\r\n;;;\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public void A_file_without_requirements_says_so(string csv) =>
        Assert.Equal("Filen innehåller inga krav.", Problem(ReadCsv(csv)));

    [Fact]
    public void An_empty_file_without_even_a_BOM_has_no_requirements() =>
        Assert.Equal("Filen innehåller inga krav.", Problem(Read([], "behov.csv")));

    [Fact]
    public void Windows_1252_bytes_are_refused_with_how_to_save_as_UTF_8()
    {
        // "Kravtext;Typ\nStolen bör vara röd;BÖR\n" as Windows-1252: ö is 0xF6, Ö is 0xD6.
        byte[] bytes = [.. "Kravtext;Typ\nStolen b"u8, 0xF6, .. "r vara r"u8, 0xF6, .. "d;B"u8, 0xD6, .. "R\n"u8];

        Assert.Equal(NotUtf8, Problem(Read(bytes, "behov.csv")));
    }

    [Fact]
    public void UTF_16_text_is_refused_with_how_to_save_as_UTF_8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Kravtext\tTyp\r\nKrav\tSKA\r\n")).ToArray();

        Assert.Equal(NotUtf8, Problem(Read(bytes, "behov.txt")));
    }

    [Fact]
    public void A_sep_line_sets_the_separator_and_is_not_a_row()
    {
        var row = Assert.Single(Rows(ReadCsv("sep=,\r\nKravtext,Typ\r\nKrav; med semikolon,SKA\r\n")));

        Assert.Equal("Krav; med semikolon", row.Text);
        Assert.Equal(2, row.RowNumber);
    }

    [Fact]
    public void A_single_column_file_keeps_commas_and_semicolons_in_the_text()
    {
        var row = Assert.Single(Rows(ReadCsv("Kravtext\nStolar, bord; och hyllor.\n")));

        Assert.Equal("Stolar, bord; och hyllor.", row.Text);
    }

    [Fact]
    public void A_missing_last_line_break_and_short_rows_are_read()
    {
        var rows = Rows(ReadCsv("Kravtext;Typ;Motiv;Kategori\nEtt\nTvå;SKA"));

        Assert.Equal(["Ett", "Två"], rows.Select(r => r.Text));
        Assert.Null(rows[0].Kind);
        Assert.Equal("SKA", rows[1].Kind);
    }

    [Fact]
    public void An_unterminated_quote_takes_the_rest_of_the_file_as_Excel_does()
    {
        var row = Assert.Single(Rows(ReadCsv("Kravtext;Typ\n\"Ett\nTvå;SKA\n")));

        Assert.Equal("Ett\nTvå;SKA\n", row.Text);
    }

    [Fact]
    public void A_cell_that_starts_with_an_equals_sign_is_read_as_text_and_refused_by_the_rules()
    {
        var row = Assert.Single(Rows(ReadCsv("Kravtext;Typ\nKrav;=\"SKA\"\n")));

        var (valid, errors) = SubmissionRowRules.Validate(row, []);

        Assert.Null(valid);
        Assert.Equal(
            new RowError(2, "Typ", "Cellen innehåller en formel. Klistra in värdet i stället för formeln."),
            Assert.Single(errors));
    }

    [Fact]
    public void More_rows_than_the_maximum_are_refused_with_the_count()
    {
        var csv = new StringBuilder("Kravtext\n");
        for (var i = 0; i < SubmissionSheetReader.MaxRows + 1; i++)
        {
            csv.Append("Krav\n");
        }

        Assert.Equal("Filen har 50 001 rader; högst 50 000 rader kan läsas in åt gången.", Problem(ReadCsv(csv.ToString())));
    }

    [Fact]
    public void Exactly_the_maximum_number_of_rows_is_read()
    {
        var csv = new StringBuilder("Kravtext\n");
        for (var i = 0; i < SubmissionSheetReader.MaxRows; i++)
        {
            csv.Append("Krav\n");
        }

        Assert.Equal(50_000, Rows(ReadCsv(csv.ToString())).Count);
    }

    [Fact]
    public void Twenty_thousand_rows_are_read_with_their_values_and_row_numbers()
    {
        var csv = new StringBuilder("Kravtext;Typ;Motiv;Kategori\r\n");
        for (var i = 1; i <= 20_000; i++)
        {
            csv.Append("\"Krav nummer ").Append(i).Append(";\nandra raden\";").Append(i % 2 == 0 ? "SKA" : "BÖR")
                .Append(";Motiv ").Append(i).Append(';').Append(i % 3 + 1).Append("\r\n");
        }

        var rows = Rows(ReadCsv(csv.ToString()));

        Assert.Equal(20_000, rows.Count);
        Assert.Equal(new RawSubmissionRow(2, "Krav nummer 1;\nandra raden", "BÖR", "Motiv 1", "2", []), rows[0] with { FormulaColumns = [] });
        Assert.Equal(10_001, rows[9_999].RowNumber);
        Assert.Equal("Krav nummer 10000;\nandra raden", rows[9_999].Text);
        Assert.Equal(new RawSubmissionRow(20_001, "Krav nummer 20000;\nandra raden", "SKA", "Motiv 20000", "3", []), rows[^1] with { FormulaColumns = [] });

        var categories = new[] { new ImportCategory(1, "Möbler"), new ImportCategory(2, "El"), new ImportCategory(3, "Textil") };
        var valid = rows.Select(r => SubmissionRowRules.Validate(r, categories).Row).ToList();
        Assert.All(valid, Assert.NotNull);
        Assert.Equal(RequirementKind.Ska, valid[^1]!.Kind);
    }
}
