using Procurement.Domain.Requirements;
using Procurement.Domain.Submissions;

namespace Procurement.Domain.Tests.Submissions;

public sealed class SubmissionRowRulesTests
{
    private const string Formula = "Cellen innehåller en formel. Klistra in värdet i stället för formeln.";

    private static readonly ImportCategory[] Categories =
    [
        new(1, "Möbler"),
        new(2, "Belysning och el"),
        new(3, "Textil"),
    ];

    private static RawSubmissionRow Row(
        string? text = "Stolen ska vara stapelbar.",
        string? kind = null,
        string? motiv = null,
        string? category = null,
        params string[] formulaColumns) =>
        new(7, text, kind, motiv, category, formulaColumns);

    private static ValidSubmissionRow Valid(RawSubmissionRow row)
    {
        var (valid, errors) = SubmissionRowRules.Validate(row, Categories);
        Assert.Empty(errors);
        return Assert.IsType<ValidSubmissionRow>(valid);
    }

    private static RowError SingleError(RawSubmissionRow row)
    {
        var (valid, errors) = SubmissionRowRules.Validate(row, Categories);
        Assert.Null(valid);
        return Assert.Single(errors);
    }

    [Fact]
    public void A_complete_row_becomes_a_valid_row_with_every_field()
    {
        var row = Valid(Row("  Stolen ska vara stapelbar.  ", " ska ", "  Sparar plats.  ", "möbler"));

        Assert.Equal(new ValidSubmissionRow(7, "Stolen ska vara stapelbar.", RequirementKind.Ska, "Sparar plats.", 1), row);
    }

    [Fact]
    public void Only_the_text_is_required()
    {
        var row = Valid(Row("Stolen ska vara stapelbar.", kind: null, motiv: null, category: null));

        Assert.Null(row.Kind);
        Assert.Null(row.Motiv);
        Assert.Null(row.CategoryNumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void A_missing_or_blank_text_is_an_error(string? text)
    {
        var error = SingleError(Row(text));

        Assert.Equal(new RowError(7, "Kravtext", "Kravtext saknas."), error);
    }

    [Fact]
    public void Inner_line_breaks_of_the_text_are_kept_and_written_as_line_feeds()
    {
        var row = Valid(Row("\r\nFörsta stycket.\r\n\r\nAndra stycket.\nTredje.\r\n"));

        Assert.Equal("Första stycket.\n\nAndra stycket.\nTredje.", row.Text);
    }

    [Fact]
    public void A_text_of_exactly_the_maximum_length_is_accepted()
    {
        var row = Valid(Row(new string('a', SubmissionRowRules.MaxTextLength)));

        Assert.Equal(4000, row.Text.Length);
    }

    [Fact]
    public void A_text_longer_than_the_maximum_is_an_error_that_gives_its_length()
    {
        var error = SingleError(Row(new string('a', 4001)));

        Assert.Equal("Kravtext", error.Column);
        Assert.Equal("Kravtexten är 4001 tecken lång; högst 4000 tecken är tillåtet.", error.Message);
    }

    [Fact]
    public void Surrounding_space_does_not_count_towards_the_length()
    {
        Valid(Row("  " + new string('a', 4000) + "  \n"));
    }

    [Theory]
    [InlineData("SKA", RequirementKind.Ska)]
    [InlineData("Ska-krav", RequirementKind.Ska)]
    [InlineData("BÖR", RequirementKind.Bor)]
    [InlineData("bor", RequirementKind.Bor)]
    [InlineData("KVAL", RequirementKind.Kval)]
    [InlineData("KV", RequirementKind.Kv)]
    [InlineData(" Kontraktsvillkor ", RequirementKind.Kv)]
    [InlineData("B\u004F\u0308R", RequirementKind.Bor)]
    public void The_kind_is_read_as_people_write_it(string kind, RequirementKind expected) =>
        Assert.Equal(expected, Valid(Row(kind: kind)).Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_kind_is_no_kind(string? kind) => Assert.Null(Valid(Row(kind: kind)).Kind);

    [Fact]
    public void An_unknown_kind_is_an_error_naming_it_and_the_allowed_values()
    {
        var error = SingleError(Row(kind: " Måste "));

        Assert.Equal(new RowError(7, "Typ", "Okänd typ \"Måste\". Ange SKA, BÖR, KVAL eller KV."), error);
    }

    [Fact]
    public void A_very_long_unknown_value_is_shortened_in_the_message()
    {
        var error = SingleError(Row(kind: new string('x', 500)));

        Assert.True(error.Message.Length < 150, error.Message);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_blank_motiv_is_no_motiv(string? motiv) => Assert.Null(Valid(Row(motiv: motiv)).Motiv);

    [Fact]
    public void The_motiv_is_trimmed_and_keeps_its_line_breaks() =>
        Assert.Equal("Ett.\nTvå.", Valid(Row(motiv: "  Ett.\r\nTvå. ")).Motiv);

    [Fact]
    public void A_motiv_of_exactly_the_maximum_length_is_accepted() =>
        Valid(Row(motiv: new string('m', SubmissionRowRules.MaxMotivLength)));

    [Fact]
    public void A_motiv_longer_than_the_maximum_is_an_error()
    {
        var error = SingleError(Row(motiv: new string('m', 4500)));

        Assert.Equal(new RowError(7, "Motiv", "Motiveringen är 4500 tecken lång; högst 4000 tecken är tillåtet."), error);
    }

    [Theory]
    [InlineData("Möbler", 1)]
    [InlineData("MÖBLER", 1)]
    [InlineData("  textil ", 3)]
    [InlineData("Belysning  och el", 2)]
    [InlineData("2", 2)]
    [InlineData("2.", 2)]
    [InlineData("2 Belysning och el", 2)]
    [InlineData("2. Belysning och el", 2)]
    [InlineData("2 - belysning och el", 2)]
    [InlineData("2 – Belysning och el", 2)]
    [InlineData("2.Belysning och el", 2)]
    [InlineData("3: Textil", 3)]
    public void The_category_is_found_by_name_number_or_both(string category, int expected) =>
        Assert.Equal(expected, Valid(Row(category: category)).CategoryNumber);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_category_is_no_category(string? category) =>
        Assert.Null(Valid(Row(category: category)).CategoryNumber);

    [Fact]
    public void A_category_whose_name_begins_with_a_number_is_found_by_its_name()
    {
        ImportCategory[] categories = [new(1, "3D-skrivare"), new(3, "Papper")];

        var (row, errors) = SubmissionRowRules.Validate(Row(category: "3d-skrivare"), categories);

        Assert.Empty(errors);
        Assert.Equal(1, row!.CategoryNumber);
    }

    [Fact]
    public void An_unknown_category_is_an_error_listing_the_valid_names()
    {
        var error = SingleError(Row(category: "Fordon"));

        Assert.Equal(
            new RowError(7, "Kategori", "Okänd kategori \"Fordon\". Ange en av kategorierna: Möbler, Belysning och el eller Textil."),
            error);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("1 Textil")]
    [InlineData("2 Fordon")]
    public void A_number_that_does_not_exist_or_does_not_fit_the_name_is_unknown(string category) =>
        Assert.Equal("Kategori", SingleError(Row(category: category)).Column);

    [Fact]
    public void Without_categories_any_category_is_an_error_that_says_to_leave_it_blank()
    {
        var (row, errors) = SubmissionRowRules.Validate(Row(category: "Möbler"), []);

        Assert.Null(row);
        Assert.Equal("Okänd kategori \"Möbler\". Upphandlingen har inga kategorier; lämna fältet tomt.", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("Kravtext")]
    [InlineData("Typ")]
    [InlineData("Motiv")]
    [InlineData("Kategori")]
    public void A_formula_in_any_column_is_an_error_in_that_column(string column)
    {
        var error = SingleError(Row(formulaColumns: column));

        Assert.Equal(new RowError(7, column, Formula), error);
    }

    [Fact]
    public void A_formula_in_the_text_column_is_reported_once_not_also_as_missing_text()
    {
        var error = SingleError(Row(text: null, formulaColumns: "Kravtext"));

        Assert.Equal(Formula, error.Message);
    }

    [Fact]
    public void Each_formula_column_gets_its_own_error()
    {
        var (row, errors) = SubmissionRowRules.Validate(Row(formulaColumns: ["Typ", "Kategori"]), Categories);

        Assert.Null(row);
        Assert.Equal(["Typ", "Kategori"], errors.Select(e => e.Column));
        Assert.All(errors, e => Assert.Equal(Formula, e.Message));
    }

    [Theory]
    [InlineData("=SUMMA(A1:A3)", null, null, null, "Kravtext")]
    [InlineData("Krav", " =\"SKA\"", null, null, "Typ")]
    [InlineData("Krav", null, "=A1", null, "Motiv")]
    [InlineData("Krav", null, null, "=Listor!A1", "Kategori")]
    public void A_value_that_starts_with_an_equals_sign_counts_as_a_formula(
        string? text, string? kind, string? motiv, string? category, string column)
    {
        var error = SingleError(new RawSubmissionRow(7, text, kind, motiv, category, []));

        Assert.Equal(new RowError(7, column, Formula), error);
    }

    [Fact]
    public void A_value_marked_as_formula_and_starting_with_an_equals_sign_is_reported_once() =>
        SingleError(Row(text: "=A1", formulaColumns: "Kravtext"));

    [Fact]
    public void All_errors_of_a_row_are_reported_in_column_order()
    {
        var (row, errors) = SubmissionRowRules.Validate(
            new RawSubmissionRow(12, "  ", "Kanske", new string('m', 4001), "Fordon", []), Categories);

        Assert.Null(row);
        Assert.Equal(["Kravtext", "Typ", "Motiv", "Kategori"], errors.Select(e => e.Column));
        Assert.All(errors, e => Assert.Equal(12, e.RowNumber));
    }

    [Fact]
    public void Every_message_is_a_complete_sentence()
    {
        var (_, errors) = SubmissionRowRules.Validate(
            new RawSubmissionRow(3, new string('t', 4001), "X", new string('m', 4001), "Y", ["Kravtext"]), Categories);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.EndsWith(".", e.Message, StringComparison.Ordinal));
    }
}
