using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.TextAnalysis;

public class ThesaurusTests
{
    private static readonly TextAnalyzer Analyzer = TextAnalyzer.Swedish;

    private static Thesaurus Build(params string[][] groups) =>
        new(groups.Select(g => (IReadOnlyList<string>)g), e => e.Split(' ').Select(TextAnalyzer.Key).ToList());

    private static string[] Keys(string text) => text.Split(' ').Select(TextAnalyzer.Key).ToArray();

    [Fact]
    public void A_phrase_matches_with_articles_and_possessives_in_between()
    {
        var thesaurus = Build(["ombokning", "flytta bokning"]);

        Assert.Equal(("ombokning", 2), thesaurus.PhraseAt(Keys("flytta bokning"), 0));
        Assert.Equal(("ombokning", 3), thesaurus.PhraseAt(Keys("flytta sin bokning"), 0));
        Assert.Equal(("ombokning", 4), thesaurus.PhraseAt(Keys("flytta en egen bokning"), 0));
    }

    [Fact]
    public void Other_words_and_more_than_two_fillers_break_a_phrase()
    {
        var thesaurus = Build(["ombokning", "flytta bokning"]);

        Assert.Null(thesaurus.PhraseAt(Keys("flytta inte bokning"), 0));
        Assert.Null(thesaurus.PhraseAt(Keys("flytta en sin egen bokning"), 0));
        Assert.Null(thesaurus.PhraseAt(Keys("flytta sin"), 0));
    }

    [Fact]
    public void The_longest_phrase_still_wins()
    {
        var thesaurus = Build(["inloggning", "logga in"], ["enkel inloggning", "logga in en gång"]);

        Assert.Equal(("enkel inloggning", 4), thesaurus.PhraseAt(Keys("logga in en gång"), 0));
        Assert.Equal(("inloggning", 2), thesaurus.PhraseAt(Keys("logga in med bankid"), 0));
    }

    [Theory]
    // noun and verb derivations
    [InlineData("Ombokning av bokad tid", "Kunden ska kunna flytta sin bokning")]
    [InlineData("Utbetalning av bidraget", "Bidraget betalas ut")]
    [InlineData("Återbetalning vid avbokning", "Vi vill betala tillbaka pengarna vid avbokning")]
    [InlineData("Återrapportering av projektbidrag", "Föreningen ska lämna en slutrapport för projektbidrag")]
    // everyday and official words
    [InlineData("Fakturan skickas med mejl", "Faktura skickas via e-post")]
    [InlineData("Invånare ska kunna boka", "Medborgare ska kunna boka")]
    [InlineData("Handläggaren ser ärendet", "Personalen ser ärendet")]
    [InlineData("Utloggning vid inaktivitet", "Sessionen får timeout efter en kvart")]
    [InlineData("Riggtid före arrangemanget", "Uppbyggnadstid före evenemang ska kunna bokas")]
    [InlineData("Städbuffert efter bokning", "Systemet lägger in städtid efter varje bokning")]
    [InlineData("Kölista till populära tider", "Kunden kan anmäla sig till en väntelista")]
    [InlineData("Utkast till ansökan", "Mellanlagring av påbörjade ansökningar")]
    [InlineData("Betygsättning av ansökningar", "Juryn bedömer ansökningarna")]
    [InlineData("Strålkastarna på planen", "Belysningen tänds automatiskt")]
    [InlineData("Polistillstånd för evenemang", "Arrangören laddar upp sitt tillstånd")]
    [InlineData("Kalkylprogram för listorna", "Listorna ska gå att öppna i Excel")]
    [InlineData("Debiteringsposter till Agresso", "Fakturaunderlaget skickas till Agresso")]
    [InlineData("Språkversioner av kundgränssnittet", "Kundgränssnittet ska finnas på flera språk")]
    [InlineData("Stipendieansökningar läses av juryn", "Juryn läser ansökningar om stipendier")]
    // spelling variants and typos
    [InlineData("Påminelse via sms", "Påminnelse via sms")]
    [InlineData("Export till excell", "Export till Excel")]
    public void Paraphrases_share_their_concepts(string a, string b)
    {
        var termsA = Analyzer.Terms(a).ToHashSet();
        var termsB = Analyzer.Terms(b).ToHashSet();
        var conceptA = Analyzer.Terms(a.Split(' ')[0])[0];
        Assert.Contains(conceptA, termsB);
        Assert.True(termsA.Overlaps(termsB));
    }

    [Theory]
    // words with two meanings stay apart from the concept they could be mistaken for
    [InlineData("ställa in hur långt fram man får boka", "avbokning")]
    [InlineData("söka upp en kund", "ansökan")]
    [InlineData("stöd för Swish", "bidrag")]
    [InlineData("flytta över data från det gamla systemet", "ombokning")]
    public void Ambiguous_words_do_not_map_to_the_wrong_concept(string text, string concept) =>
        Assert.DoesNotContain(Analyzer.Terms(concept)[0], Analyzer.Terms(text));

    [Fact]
    public void The_municipality_cancelling_is_not_the_customer_cancelling() =>
        Assert.NotEqual(Analyzer.Terms("kommunen ställer in bokningen")[^1], Analyzer.Terms("kunden avbokar")[^1]);

    [Theory]
    // compounds split on parts from morphemes.sv.txt and the thesaurus, and the parts map to their concepts
    [InlineData("färgkontrasten", "kontrast")]
    [InlineData("kvällspris", "pris")]
    [InlineData("personuppgiftsincidenter", "personuppgift")]
    [InlineData("utbetalningsunderlag", "underlag")]
    [InlineData("bokningsbekräftelsen", "bekräftelse")]
    public void Compounds_share_the_concepts_of_their_parts(string compound, string part) =>
        Assert.Contains(Analyzer.Terms(part)[0], Analyzer.Terms(compound));

    [Theory]
    // "X-bidrag" and "X-stöd" name the same grant; receipts are not booking confirmations
    [InlineData("aktivitetsstöd", "aktivitetsbidrag", true)]
    [InlineData("lokalstöd", "lokalbidraget", true)]
    [InlineData("kvitto", "bekräftelse", false)]
    [InlineData("swish", "kortbetalning", false)]
    [InlineData("gallring", "radering på begäran", false)]
    public void Same_or_different_concepts(string a, string b, bool same) =>
        Assert.Equal(same, Analyzer.Terms(a)[0] == Analyzer.Terms(b)[0]);
}
