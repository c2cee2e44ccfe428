using System.Text.Json;
using Procurement.Domain.Standards;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.Standards;

public class StandardSuggesterTests
{
    private static readonly StandardSuggester Suggester = new(TextAnalyzer.Swedish, Catalogue());

    /// <summary>The real seed catalogue, read from the repository the way the Data project maps it.</summary>
    private static List<StandardEntry> Catalogue()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFiles.Path("db/seed/standards.json")));
        return doc.RootElement.GetProperty("standards").EnumerateArray().Select(s => new StandardEntry(
            s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("title").GetString()!,
            s.GetProperty("description").GetString()!,
            s.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList(),
            s.GetProperty("clauses").EnumerateArray().Select(c => new ClauseEntry(c.GetProperty("id").GetString()!,
                c.GetProperty("text").GetString()!,
                c.TryGetProperty("keywords", out var k) ? k.EnumerateArray().Select(x => x.GetString()!).ToList() : [])).ToList()))
            .ToList();
    }

    [Theory]
    // thesaurus paraphrases of catalogue keywords
    [InlineData("Medborgarna ska logga in med elektronisk legitimation.", "DIGG-EID")]
    [InlineData("All data ska lagras på servrar i Sverige.", "EU-GDPR")]
    [InlineData("Behörigheter ska ges enligt principen om minsta möjliga behörighet.", "SKR-KLASSA")]
    [InlineData("Färgkontrasten ska fungera för användare med nedsatt syn.", "DOS-WCAG")]
    public void Paraphrased_keywords_find_their_standard(string text, string standard) =>
        Assert.Equal(standard, Suggester.Suggest(text)[0].StandardId);

    [Theory]
    // generic-keywords.sv.txt: ordinary uses of catalogue words suggest at most, never confidently
    [InlineData("Inloggningen för personal ska vara snabb, högst två sekunder.")]
    [InlineData("Samlingslokalerna ska vara tillgänglighetsanpassade med ramp och hörslinga.")]
    [InlineData("Handläggarna vill få notiser till en gemensam funktionsbrevlåda i Outlook.")]
    public void Ordinary_uses_of_catalogue_words_are_not_confident(string text) =>
        Assert.DoesNotContain(Suggester.Suggest(text), s => s.Confident);

    [Theory]
    // "ombud" and "meddelanden" alone are not the national services Mina ombud / Mina meddelanden
    [InlineData("Kontaktpersonen ska kunna utse ett ombud som bokar i föreningens namn.")]
    [InlineData("Systemet ska skicka meddelanden till föreningarna via e-post.")]
    public void Ordinary_words_do_not_stand_for_national_services(string text) =>
        Assert.DoesNotContain(Suggester.Suggest(text), s => s.StandardId == "DIGG-ENA");

    [Fact]
    public void BankId_login_links_confidently_to_DIGG_EID()
    {
        var top = Suggester.Suggest("Föreningarna ska kunna logga in med BankID.")[0];
        Assert.Equal("DIGG-EID", top.StandardId);
        Assert.True(top.Confident);
        Assert.Equal(1, top.Rank);
    }

    [Fact]
    public void Wcag_links_to_DOS_WCAG_level_AA()
    {
        var top = Suggester.Suggest("E-tjänsterna ska uppfylla WCAG 2.1 nivå AA.")[0];
        Assert.Equal("DOS-WCAG", top.StandardId);
        Assert.Equal("WCAG-AA", top.ClauseId);
        Assert.True(top.Confident);
    }

    [Fact]
    public void Data_processing_agreement_picks_the_GDPR_DPA_clause()
    {
        var top = Suggester.Suggest("Leverantören ska teckna personuppgiftsbiträdesavtal med kommunen.")[0];
        Assert.Equal("EU-GDPR", top.StandardId);
        Assert.Equal("GDPR-DPA", top.ClauseId);
        Assert.Contains("personuppgiftsbiträdesavtal", top.MatchedTerms);
    }

    [Fact]
    public void Multi_word_keywords_match_on_stems() =>
        Assert.Equal("DIGG-EID", Suggester.Suggest("Vi kräver stark autentisering för medborgarna.")[0].StandardId);

    [Theory]
    [InlineData("Kunden ska kunna se lediga tider i en bokningskalender och boka direkt.")]
    [InlineData("Handläggaren ska kunna begära komplettering av en ansökan.")]
    [InlineData("Tjänsten ska vara tillgänglig minst 99,5 % av tiden.")]
    public void Ordinary_requirements_get_no_confident_link(string text) =>
        Assert.DoesNotContain(Suggester.Suggest(text), s => s.Confident);

    [Fact]
    public void Suggestions_are_ranked_and_capped()
    {
        var suggestions = Suggester.Suggest("Inloggning med e-legitimation och SITHS, personuppgifter lagras inom EU/EES, WCAG.", max: 2);
        Assert.Equal(2, suggestions.Count);
        Assert.Equal([1, 2], suggestions.Select(s => s.Rank));
        Assert.True(suggestions[0].Confidence >= suggestions[1].Confidence);
        Assert.All(suggestions, s => Assert.InRange(s.Confidence, 0, 1));
    }
}
