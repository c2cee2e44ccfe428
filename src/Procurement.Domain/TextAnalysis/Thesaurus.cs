namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// Synonym groups of the procurement vocabulary. Entries are matched on stems (so inflections match too) and
/// may be phrases; each group maps to one concept term, named after its first entry.
/// </summary>
public sealed class Thesaurus
{
    private readonly Dictionary<string, string> single = new(StringComparer.Ordinal);
    // Phrases by their first key, longest first so that "enkel inloggning" wins over "inloggning".
    private readonly Dictionary<string, List<(string[] Keys, string Concept)>> phrases = new(StringComparer.Ordinal);

    /// <param name="groups">Each group's entries; the first names the concept.</param>
    /// <param name="keysOf">How an entry becomes a sequence of stems (the analyser's own keying).</param>
    public Thesaurus(IEnumerable<IReadOnlyList<string>> groups, Func<string, IReadOnlyList<string>> keysOf)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(keysOf);
        fillerKeys = Fillers.SelectMany(keysOf).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group.Count == 0) continue;
            var concept = string.Join(' ', keysOf(group[0]));
            foreach (var entry in group)
            {
                var keys = keysOf(entry).ToArray();
                if (keys.Length == 0) continue;
                if (keys.Length == 1) single.TryAdd(keys[0], concept);
                else
                {
                    if (!phrases.TryGetValue(keys[0], out var list)) phrases[keys[0]] = list = [];
                    list.Add((keys, concept));
                    list.Sort((a, b) => b.Keys.Length.CompareTo(a.Keys.Length));
                }
            }
        }
    }

    /// <summary>The stems of all one-word entries (known words, e.g. for compound splitting).</summary>
    public IEnumerable<string> Keys => single.Keys;

    /// <summary>The concept a single stem belongs to, or null.</summary>
    public string? ConceptOf(string key) => single.GetValueOrDefault(key);

    /// <summary>
    /// A phrase of two words or more starting at <paramref name="index"/>: its concept and length (words of the text
    /// it covers). Up to <see cref="MaxFillers"/> articles and possessives may stand between the phrase's words, so
    /// "flytta bokning" also matches "flytta sin bokning" and "flytta en bokning".
    /// </summary>
    public (string Concept, int Length)? PhraseAt(IReadOnlyList<string> keys, int index)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!phrases.TryGetValue(keys[index], out var candidates)) return null;
        foreach (var (phrase, concept) in candidates)
        {
            if (index + phrase.Length > keys.Count) continue;
            int at = index + 1, j = 1, fillers = 0;
            while (j < phrase.Length && at < keys.Count)
            {
                if (keys[at] == phrase[j]) { j++; at++; }
                else if (fillers < MaxFillers && fillerKeys.Contains(keys[at])) { fillers++; at++; }
                else break;
            }
            if (j == phrase.Length) return (concept, at - index);
        }
        return null;
    }

    /// <summary>Most filler words (articles, possessives) skipped inside one phrase.</summary>
    public const int MaxFillers = 2;

    /// <summary>Articles and possessives that may stand inside a phrase without changing it.</summary>
    public static readonly IReadOnlyList<string> Fillers =
        ["en", "ett", "den", "det", "de", "sin", "sitt", "sina", "min", "mitt", "mina", "din", "ditt", "dina", "vår", "vårt", "våra",
         "er", "ert", "era", "deras", "hans", "hennes", "dess", "egen", "eget", "egna"];

    private readonly HashSet<string> fillerKeys;

    /// <summary>True when the two terms are the same concept (or the same stem).</summary>
    public bool AreSynonyms(string keyA, string keyB) => (ConceptOf(keyA) ?? keyA) == (ConceptOf(keyB) ?? keyB);
}
