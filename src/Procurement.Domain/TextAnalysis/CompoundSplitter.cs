namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// Splits Swedish compounds into known parts ("bokningsbekräftelse" → bokning + bekräftelse), allowing the
/// linking -s- and the vowel forms of the head (-e-, -a-, -o-, -u-). A split needs every part known, so short or
/// unknown words stay whole.
/// </summary>
public sealed class CompoundSplitter
{
    private const int MinPart = 3;
    private const int MinWord = 7;
    private readonly HashSet<string> known;
    private readonly Func<string, string> keyOf;

    /// <param name="knownKeys">Stems of the known parts.</param>
    /// <param name="keyOf">The analyser's stemming, applied to each candidate part.</param>
    public CompoundSplitter(IEnumerable<string> knownKeys, Func<string, string> keyOf)
    {
        known = new HashSet<string>(knownKeys, StringComparer.Ordinal);
        this.keyOf = keyOf;
    }

    public bool IsKnown(string key) => known.Contains(key);

    /// <summary>The parts (surface substrings without linking letters), or empty when the word does not split.</summary>
    public IReadOnlyList<string> Split(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // Trying every cut stems many substrings; the same words recur across thousands of texts.
        if (cache.TryGetValue(word, out var parts)) return parts;
        parts = SplitUncached(word);
        cache.Remember(word, parts);
        return parts;
    }

    private readonly BoundedWordCache<IReadOnlyList<string>> cache = new();

    private List<string> SplitUncached(string word)
    {
        if (word.Length < MinWord || word.Contains('-', StringComparison.Ordinal) || !word.All(char.IsLetter)) return [];
        var parts = new List<string>();
        return TrySplit(word, parts, 0) && parts.Count > 1 ? parts : [];
    }

    private bool TrySplit(string word, List<string> parts, int depth)
    {
        if (depth > 0 && word.Length >= MinPart && known.Contains(keyOf(word)))
        {
            parts.Add(word);
            return true;
        }
        if (depth > 3) return false;
        // Longest head first: "ekonomisystemet" → ekonomi + systemet rather than eko + nomisystemet.
        for (var cut = word.Length - MinPart; cut >= MinPart; cut--)
        {
            var head = word[..cut];
            var headPart = KnownHead(head);
            if (headPart is null) continue;
            var mark = parts.Count;
            parts.Add(headPart);
            if (TrySplit(word[cut..], parts, depth + 1)) return true;
            parts.RemoveRange(mark, parts.Count - mark);
        }
        return false;
    }

    private string? KnownHead(string head)
    {
        // The linking -s- first, so the part is "bokning" and not "boknings".
        if (head.Length > MinPart && head[^1] == 's' && known.Contains(keyOf(head[..^1]))) return head[..^1];
        return known.Contains(keyOf(head)) ? head : null;
    }
}
