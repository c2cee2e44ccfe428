using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.TextAnalysis;

public class SwedishTokenizerTests
{
    private static string Show(string text) =>
        string.Join(" ", SwedishTokenizer.Tokenize(text).Select(t => $"{t.Text}{(t.IsNumber ? "#" : "")}@{t.Start}+{t.Length}"));

    [Theory]
    [InlineData("  Hej, Världen!", "hej@2+3 världen@7+7")]
    [InlineData("E-post och e-tjänst", "e-post@0+6 och@7+3 e-tjänst@11+8")]
    [InlineData("SMS-påminnelse, ab-c", "sms@0+3 påminnelse@4+10 ab@16+2 c@19+1")]
    [InlineData("1-2", "1#@0+1 2#@2+1")]
    [InlineData("Tillgänglighet 99,5 procent enligt WCAG 2.1 och wcag2", "tillgänglighet@0+14 99.5#@15+4 procent@20+7 enligt@28+6 wcag@35+4 2.1#@40+3 och@44+3 wcag2@48+5")]
    [InlineData("Svar inom 24 timmar", "svar@0+4 inom@5+4 24h#@10+2 #@13+6")]
    [InlineData("Svar inom 24h eller 3 dagar", "svar@0+4 inom@5+4 24h#@10+3 eller@14+5 3d#@20+1 #@22+5")]
    [InlineData("24  timmar", "24#@0+2 timmar@4+6")]
    [InlineData("ÅTERBUD I ÖSTERSUND", "återbud@0+7 i@8+1 östersund@10+9")]
    [InlineData("2 h. 5", "2h#@0+1 #@2+1 5#@5+1")]
    [InlineData("", "")]
    public void Cuts_lower_cases_and_folds_numbers_with_units(string text, string expected)
    {
        Assert.Equal(expected, Show(text));
    }

    [Fact]
    public void A_text_longer_than_the_stack_buffer_is_cut_the_same_way()
    {
        var sentence = "Föreningen bokar idrottshallen i 2 timmar och betalar med Swish. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 20));
        Assert.True(text.Length > 256);

        var tokens = SwedishTokenizer.Tokenize(text);
        var one = SwedishTokenizer.Tokenize(sentence);

        Assert.Equal(one.Count * 20, tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var expected = one[i % one.Count];
            Assert.Equal(expected with { Start = expected.Start + (i / one.Count) * sentence.Length }, tokens[i]);
        }
    }

    [Fact]
    public void A_word_longer_than_the_stack_buffer_stays_one_word()
    {
        var word = string.Concat(Enumerable.Repeat("Bokningsbekräftelse", 40));
        var text = "Se " + word + " nu";

        var tokens = SwedishTokenizer.Tokenize(text);

        Assert.Equal(["se", word.ToLowerInvariant(), "nu"], tokens.Select(t => t.Text));
        Assert.Equal((3, word.Length), (tokens[1].Start, tokens[1].Length));
    }
}
