using Procurement.Domain.Requirements;

namespace Procurement.Domain.Merging;

/// <summary>
/// The first draft of the one requirement that replaces a group of needs; the officer edits it before saving.
/// The text is the group's most central wording (the need most like all the others), not a machine-written blend:
/// officers should start from something a municipality actually wrote.
/// </summary>
public sealed record ConsolidatedDraft(string Title, string Text, RequirementKind Kind, string Motiv, string? CategoryId)
{
    public const int TitleWords = 8;
    public const int MaxMotivs = 3;

    public static ConsolidatedDraft From(IReadOnlyList<MergeSource> sources, Func<string, string, double> similarity)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        var central = sources
            .Select(s => (s, score: sources.Where(o => o.Id != s.Id).Sum(o => similarity(s.Text, o.Text))))
            .OrderByDescending(x => x.score).ThenBy(x => x.s.Text.Length).ThenBy(x => x.s.Id, StringComparer.Ordinal)
            .First().s;
        return new ConsolidatedDraft(TitleOf(central.Text), central.Text.Trim(), KindOf(sources), MotivOf(sources), MostCommon(sources.Select(s => s.CategoryId)));
    }

    /// <summary>The kind most sources asked for; on a tie the stricter one, since a SKA can be relaxed later but not the reverse unnoticed.</summary>
    public static RequirementKind KindOf(IReadOnlyList<MergeSource> sources) =>
        sources.Where(s => s.SuggestedKind is not null)
            .GroupBy(s => s.SuggestedKind!.Value)
            .OrderByDescending(g => g.Count()).ThenBy(g => Strictness(g.Key))
            .Select(g => (RequirementKind?)g.Key).FirstOrDefault() ?? RequirementKind.Ska;

    private static int Strictness(RequirementKind kind) => kind switch
    {
        RequirementKind.Kval => 0,
        RequirementKind.Ska => 1,
        RequirementKind.Kv => 2,
        _ => 3,
    };

    private static string MotivOf(IReadOnlyList<MergeSource> sources) =>
        string.Join("\n", sources.Select(s => s.Motiv?.Trim()).Where(m => !string.IsNullOrEmpty(m))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxMotivs));

    private static string? MostCommon(IEnumerable<string?> values) =>
        values.Where(v => v is not null).GroupBy(v => v!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();

    /// <summary>The first words of the text, cut at a word boundary, as a working title.</summary>
    public static string TitleOf(string text)
    {
        var firstSentence = text.Trim().Split(['.', '!', '?', '\n'], 2)[0].Trim();
        var words = firstSentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join(' ', words.Take(TitleWords));
        return words.Length > TitleWords ? title + " …" : title;
    }
}
