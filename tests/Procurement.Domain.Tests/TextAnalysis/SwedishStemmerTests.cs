using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.TextAnalysis;

public class SwedishStemmerTests
{
    // Expected stems worked out by hand from the published Snowball Swedish algorithm.
    [Theory]
    [InlineData("bokningen", "bokning")]
    [InlineData("bokningar", "bokning")]
    [InlineData("bokningarna", "bokning")]
    [InlineData("bokningens", "bokning")]
    [InlineData("påminnelser", "påminn")]
    [InlineData("påminnelse", "påminn")]
    [InlineData("bekräftelsen", "bekräft")]
    [InlineData("föreningarna", "förening")]
    [InlineData("föreningens", "förening")]
    [InlineData("hallarna", "hall")]
    [InlineData("kunderna", "kund")]
    [InlineData("lokalerna", "lokal")]
    [InlineData("klokaste", "klok")]
    [InlineData("klokheten", "klok")]
    [InlineData("statistiken", "statistik")]
    [InlineData("boka", "bok")]
    [InlineData("bokade", "bok")]
    public void Strips_main_suffixes_in_R1(string word, string stem) => Assert.Equal(stem, SwedishStemmer.Stem(word));

    [Theory]
    [InlineData("kommuns", "kommun")]   // n is a valid s-ending
    [InlineData("ansvars", "ansvar")]   // r is a valid s-ending
    [InlineData("process", "process")]  // s after s stays
    [InlineData("sms", "sms")]          // no vowel, empty R1
    public void Applies_the_s_ending_rule(string word, string stem) => Assert.Equal(stem, SwedishStemmer.Stem(word));

    [Theory]
    [InlineData("byggda", "bygg")]      // a, then gd → g
    [InlineData("stängt", "stäng")]     // gt → g
    [InlineData("sänkt", "sänk")]       // kt → k
    [InlineData("mannen", "mann")]      // nn before R1 stays
    public void Undoubles_consonant_pairs_in_R1(string word, string stem) => Assert.Equal(stem, SwedishStemmer.Stem(word));

    [Theory]
    [InlineData("tillgänglighet", "tillgäng")] // het, then lig
    [InlineData("hoppfullt", "hoppfull")]
    [InlineData("avgiftslöst", "avgiftslös")]
    [InlineData("vänlig", "vän")]
    public void Step_three_handles_lig_els_löst_fullt(string word, string stem) => Assert.Equal(stem, SwedishStemmer.Stem(word));

    [Theory]
    [InlineData("kortet", "kortet")]    // Snowball keeps -et; the analyser folds it separately
    [InlineData("hus", "hus")]          // R1 empty
    [InlineData("bidrag", "bidrag")]
    public void Leaves_what_the_algorithm_leaves(string word, string stem) => Assert.Equal(stem, SwedishStemmer.Stem(word));
}
