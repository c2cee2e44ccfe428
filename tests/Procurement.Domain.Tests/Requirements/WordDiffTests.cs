using Procurement.Domain.Requirements;

namespace Procurement.Domain.Tests.Requirements;

public sealed class WordDiffTests
{
    [Fact]
    public void A_changed_number_shows_as_one_word_out_and_one_in()
    {
        var parts = WordDiff.Compare(
            "Leverantören ska åtgärda fel inom [30] dagar.",
            "Leverantören ska åtgärda fel inom [10] dagar.");

        Assert.Equal(
        [
            new DiffPart(DiffOperation.Equal, "Leverantören ska åtgärda fel inom ["),
            new DiffPart(DiffOperation.Deleted, "30"),
            new DiffPart(DiffOperation.Inserted, "10"),
            new DiffPart(DiffOperation.Equal, "] dagar."),
        ], parts);
    }

    [Fact]
    public void Inserted_and_removed_words_are_marked_and_both_texts_can_be_rebuilt()
    {
        const string before = "Systemet ska skicka påminnelse via SMS före bokningen.";
        const string after = "Systemet ska skicka påminnelse via SMS och e-post senast 24 timmar före bokningen.";

        var parts = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(parts.Where(p => p.Operation != DiffOperation.Inserted).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(parts.Where(p => p.Operation != DiffOperation.Deleted).Select(p => p.Text)));
        Assert.Equal("och e-post senast 24 timmar", string.Concat(parts.Where(p => p.Operation == DiffOperation.Inserted).Select(p => p.Text)).Trim());
        Assert.DoesNotContain(parts, p => p.Operation == DiffOperation.Deleted);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("samma text", "samma text")]
    public void Equal_texts_have_no_changes(string before, string after) =>
        Assert.DoesNotContain(WordDiff.Compare(before, after), p => p.Operation != DiffOperation.Equal);

    [Fact]
    public void A_text_against_nothing_is_all_deleted_or_all_inserted()
    {
        Assert.Equal([new DiffPart(DiffOperation.Deleted, "ett krav")], WordDiff.Compare("ett krav", null));
        Assert.Equal([new DiffPart(DiffOperation.Inserted, "ett krav")], WordDiff.Compare(null, "ett krav"));
    }

    [Fact]
    public void Words_with_hyphens_and_decimal_numbers_stay_whole()
    {
        Assert.Equal(["e-legitimation", " ", "99,5", " ", "procent", "."], WordDiff.Tokenize("e-legitimation 99,5 procent."));
        Assert.Equal(["Högst", " ", "2", " ", "h", "."], WordDiff.Tokenize("Högst 2 h."));
    }

    [Fact]
    public void Long_texts_are_compared_without_trouble()
    {
        var before = string.Join(' ', Enumerable.Range(0, 700).Select(i => $"ord{i}"));
        var after = before.Replace("ord350", "ORD350", StringComparison.Ordinal);

        var parts = WordDiff.Compare(before, after);

        Assert.Equal("ord350", Assert.Single(parts, p => p.Operation == DiffOperation.Deleted).Text);
        Assert.Equal("ORD350", Assert.Single(parts, p => p.Operation == DiffOperation.Inserted).Text);
    }
}
