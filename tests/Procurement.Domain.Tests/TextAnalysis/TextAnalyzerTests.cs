using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.TextAnalysis;

public class TextAnalyzerTests
{
    private static readonly TextAnalyzer Analyzer = TextAnalyzer.Swedish;

    [Theory]
    [InlineData("24 timmar", "24 h")]
    [InlineData("24h", "24 h")]
    [InlineData("24 timmar innan", "24h före")]
    [InlineData("48 h", "48 timmar")]
    [InlineData("E-post", "mejl")]
    [InlineData("epost", "mail")]
    [InlineData("SMS!", "sms")]
    public void Normalises_case_punctuation_numbers_and_units(string a, string b) =>
        Assert.Equal(Analyzer.Terms(a), Analyzer.Terms(b));

    [Theory]
    [InlineData("ledig", "ledare")]
    [InlineData("tidigare", "tid")]
    [InlineData("styrelsen", "styra")]
    [InlineData("data", "dator")]
    public void Words_snowball_would_fold_together_keep_apart(string a, string b) =>
        Assert.NotEqual(TextAnalyzer.Key(a), TextAnalyzer.Key(b));

    [Theory]
    [InlineData("ledig", "lediga")]
    [InlineData("ledare", "ledarna")]
    [InlineData("skolan", "skolor")]
    public void Forms_of_an_excepted_word_share_its_stem(string a, string b) =>
        Assert.Equal(TextAnalyzer.Key(a), TextAnalyzer.Key(b));

    [Fact]
    public void Twenty_four_and_forty_eight_hours_differ() =>
        Assert.NotEqual(Analyzer.Terms("24 h"), Analyzer.Terms("48 h"));

    [Fact]
    public void Stop_words_map_to_empty_terms_and_every_word_is_kept()
    {
        var words = Analyzer.Words("Systemet ska kunna skicka en påminnelse");
        Assert.Equal(6, words.Count);
        Assert.Equal("", words[1].Term);
        Assert.Equal("", words[4].Term);
        Assert.Equal(0, words[0].Start);
        Assert.Equal("påminnelse".Length, words[5].Length);
    }

    [Fact]
    public void Words_point_at_the_surface_text()
    {
        const string text = "Inloggning med BankID, tack.";
        foreach (var w in Analyzer.Words(text)) Assert.True(char.IsLetterOrDigit(text[w.Start]));
        Assert.Equal("BankID", text.Substring(Analyzer.Words(text)[2].Start, Analyzer.Words(text)[2].Length));
    }

    [Theory]
    [InlineData("bokningsbekräftelse", "bokning", "bekräftelse")]
    [InlineData("fakturaunderlag", "faktura", "underlag")]
    [InlineData("ekonomisystemet", "ekonomi", "systemet")]
    [InlineData("lokalbokning", "lokal", "bokning")]
    [InlineData("föreningsregister", "förening", "register")]
    public void Splits_compounds_into_known_parts(string word, string head, string tail)
    {
        var splitter = new CompoundSplitter(new[] { "bokning", "bekräftelse", "faktura", "underlag", "ekonomi", "system", "lokal", "förening", "register" }
            .Select(TextAnalyzer.Key), TextAnalyzer.Key);
        Assert.Equal([head, tail], splitter.Split(word));
    }

    [Fact]
    public void Definite_forms_of_compounds_share_their_parts()
    {
        Assert.Contains(Analyzer.Terms("register")[0], Analyzer.Terms("föreningsregistret"));
        Assert.Contains(Analyzer.Terms("system")[0], Analyzer.Terms("bokningssystemet"));
    }

    [Theory]
    [InlineData("hall")]
    [InlineData("bokning")]
    [InlineData("kvarnstensgrus")]
    [InlineData("e-tjänsten")]
    public void Does_not_split_short_or_unknown_words(string word)
    {
        var splitter = new CompoundSplitter(new[] { "bokning", "hall", "e-tjänst" }.Select(TextAnalyzer.Key), TextAnalyzer.Key);
        Assert.Empty(splitter.Split(word));
    }

    [Fact]
    public void Compound_parts_become_extra_terms_but_words_keep_one_main_term()
    {
        var terms = Analyzer.Terms("Bokningsbekräftelse via sms");
        Assert.Contains(Analyzer.Terms("bokning")[0], terms);
        Assert.Contains(Analyzer.Terms("bekräftelse")[0], terms);
        Assert.Equal(3, Analyzer.Words("Bokningsbekräftelse via sms").Count);
    }

    [Theory]
    [InlineData("BankID", "e-legitimation")]
    [InlineData("Freja eID", "e-leg")]
    [InlineData("Raindance", "ekonomisystem")]
    [InlineData("Visma", "ekonomisystemet")]
    [InlineData("mejl", "e-post")]
    [InlineData("textmeddelande", "sms")]
    [InlineData("klubb", "förening")]
    [InlineData("hyresgästen", "kunden")]
    [InlineData("drifttid", "drifttillgänglighet")]
    [InlineData("föreningsanvändare", "föreningsadministratör")]
    public void Thesaurus_maps_synonyms_to_one_concept(string a, string b) =>
        Assert.Equal(Analyzer.Terms(a)[0], Analyzer.Terms(b)[0]);

    [Theory]
    [InlineData("påminnelse", "bekräftelse")]
    [InlineData("export", "import")]
    [InlineData("bokning", "avbokning")]
    [InlineData("BankID", "SITHS")]
    [InlineData("föreningsadministratör", "systemadministratör")]
    [InlineData("webbokning", "förfrågan")]
    public void Thesaurus_keeps_different_meanings_apart(string a, string b) =>
        Assert.NotEqual(Analyzer.Terms(a)[0], Analyzer.Terms(b)[0]);

    [Fact]
    public void Siths_eid_is_not_a_citizen_e_legitimation() =>
        Assert.DoesNotContain(Analyzer.Terms("BankID")[0], Analyzer.Terms("SITHS eID i mobilen"));

    [Fact]
    public void The_analysis_keeps_each_word_as_written_in_lower_case()
    {
        const string text = "Tillgänglighet 99,5 % enligt WCAG 2.1; E-post och SMS-påminnelse 24 Timmar före.";

        var analysis = Analyzer.Analyze(text);

        Assert.Equal(analysis.Words.Select(w => text.Substring(w.Start, w.Length).ToLowerInvariant()), analysis.Surface);
        Assert.Contains("99,5", analysis.Surface);
        Assert.Contains("timmar", analysis.Surface);
    }
}
