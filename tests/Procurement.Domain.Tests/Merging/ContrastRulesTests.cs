using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.Merging;

public class ContrastRulesTests
{
    private static readonly TextAnalyzer Analyzer = TextAnalyzer.Swedish;

    private static (ulong SideOne, ulong SideTwo) Sides(ContrastRules rules, string text) =>
        rules.SidesOf(Analyzer.Analyze(text));

    [Fact]
    public void Groups_beyond_the_32nd_keep_their_own_bits()
    {
        // 40 filler groups that never occur, then the group under test at index 40 (bit 40 of a ulong).
        var lines = Enumerable.Range(0, 40).Select(i => $"0.5: zzfiller{i}a | zzfiller{i}b")
            .Append("0.25: påminnelse | bekräftelse")
            .ToList();
        var rules = new ContrastRules(Analyzer, lines);

        var reminder = Sides(rules, "SMS-påminnelse före bokningen");
        var confirmation = Sides(rules, "Bekräftelse via SMS efter bokningen");
        Assert.Equal(1UL << 40, reminder.SideOne);
        Assert.Equal(0UL, reminder.SideTwo);
        Assert.Equal(1UL << 40, confirmation.SideTwo);
        Assert.Equal(0.25, rules.Factor(reminder, confirmation), 6);
        Assert.Equal(1.0, rules.Factor(reminder, reminder), 6);
        // Bit 40 is its own group, not bit 8 (where a shift would wrap at 32).
        Assert.Equal(0.25, rules.ConflictFactor(1UL << 40), 6);
        Assert.Equal(0.5, rules.ConflictFactor(1UL << 8), 6);
    }

    [Fact]
    public void At_most_64_groups()
    {
        var lines = Enumerable.Range(0, 65).Select(i => $"0.5: zzfiller{i}a | zzfiller{i}b");
        Assert.Throws<FormatException>(() => new ContrastRules(Analyzer, lines));
        _ = new ContrastRules(Analyzer, lines.Take(64));
    }

    [Theory]
    // A contrast entry that is a thesaurus phrase ("enkel inloggning") only matches those very words; the one-word
    // member next to it ("sso") stands for the whole concept, so Azure AD, Entra ID and single sign-on take the side.
    [InlineData("Kommunens anställda ska logga in via Entra ID utan separat lösenord.", "Medarbetare ska logga in med SITHS-kort.")]
    [InlineData("Single sign-on för tjänstepersoner.", "Stöd för SITHS eID vid personalinloggning.")]
    [InlineData("Bokningen ska styra låssystemet Aptus.", "Utlämning av passerkort till föreningen.")]
    [InlineData("Rätten att bli glömd ska kunna hanteras i systemet.", "Registerutdrag enligt GDPR.")]
    [InlineData("Kunden ska kunna boka online.", "Bokningsförfrågan som handläggaren godkänner.")]
    public void One_word_members_carry_a_thesaurus_concept_into_the_built_in_rules(string a, string b)
    {
        var rules = ContrastRules.For(Analyzer);
        Assert.True(rules.Factor(Sides(rules, a), Sides(rules, b)) < 1, $"{a} / {b}");
    }

    [Fact]
    public void The_built_in_rules_fit()
    {
        _ = ContrastRules.For(Analyzer);
    }
}
