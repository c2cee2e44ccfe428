using System.Runtime.CompilerServices;
using System.Globalization;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Merging;

/// <summary>
/// Opposites that keep near-misses apart (before/after, reminder/confirmation, export/import, book/cancel...):
/// each text gets the sides it takes, and a pair on opposite sides has its similarity cut or vetoed.
/// </summary>
public sealed class ContrastRules
{
    private readonly List<Group> groups = [];
    private readonly TextAnalyzer analyzer;

    private sealed record Entry(string[] Words, bool[] Literal);

    private sealed record Group(double Factor, Entry[][] Sides);

    // The entries by their first word (a text can only hold an entry whose first word is among its words or
    // concepts), the one-word concept entries by that word (matched by a compound part too), and the sides that
    // entries without words always take: SidesOf looks only at the entries a text's words can start.
    private readonly Dictionary<string, List<(ulong Bit, int Side, Entry Entry)>> byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ulong Bit, int Side)>> byPart = new(StringComparer.Ordinal);
    private readonly ulong[] always = new ulong[2];

    /// <summary>The built-in rules (contrasts.sv.txt) keyed by <paramref name="analyzer"/>.</summary>
    public static ContrastRules For(TextAnalyzer analyzer) =>
        new(analyzer, EmbeddedWordList.Lines("Merging.contrasts.sv.txt"));

    public ContrastRules(TextAnalyzer analyzer, IEnumerable<string> lines)
    {
        this.analyzer = analyzer;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var factor = double.Parse(line[..colon], NumberStyles.Float, CultureInfo.InvariantCulture);
            var sides = line[(colon + 1)..].Split('|')
                .Select(side => side.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(ParseEntry).ToArray())
                .ToArray();
            if (sides.Length != 2) throw new FormatException($"A contrast line needs two sides: {line}");
            groups.Add(new Group(factor, sides));
        }
        if (groups.Count > 64) throw new FormatException("At most 64 contrast groups.");
        for (var g = 0; g < groups.Count; g++)
        {
            for (var side = 0; side < 2; side++)
            {
                foreach (var entry in groups[g].Sides[side])
                {
                    var bit = 1UL << g;
                    if (entry.Words.Length == 0)
                    {
                        always[side] |= bit;
                        continue;
                    }
                    if (entry.Words.Length == 1 && !entry.Literal[0])
                    {
                        if (!byPart.TryGetValue(entry.Words[0], out var partList)) byPart[entry.Words[0]] = partList = [];
                        partList.Add((bit, side));
                    }
                    if (!byFirstWord.TryGetValue(entry.Words[0], out var list)) byFirstWord[entry.Words[0]] = list = [];
                    list.Add((bit, side, entry));
                }
            }
        }
    }

    private Entry ParseEntry(string entry)
    {
        var analysis = analyzer.Analyze(entry);
        var literal = analysis.Words.Select(w => w.Term.Length == 0).ToArray();
        var words = analysis.Words.Select((_, i) => literal[i] ? analysis.Surface[i] : analysis.Concepts[i]).ToArray();
        return new Entry(words, literal);
    }

    /// <summary>The sides a text takes: bit g of the first mask = side one of group g, of the second = side two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (ulong SideOne, ulong SideTwo) SidesOf(AnalyzedText analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var surface = analysis.Surface;
        var concepts = analysis.Concepts;
        Span<ulong> taken = [always[0], always[1]];
        foreach (var (_, term) in analysis.Parts)
        {
            if (!byPart.TryGetValue(term, out var partList)) continue;
            foreach (var (bit, side) in partList) taken[side] |= bit;
        }
        // Only entries starting with one of the text's words or concepts can occur (a word met twice is looked at
        // twice: the sides are a union, so that changes nothing).
        for (var i = 0; i < surface.Count; i++)
        {
            Take(surface[i], ref taken);
            Take(concepts[i], ref taken);
        }
        return (taken[0], taken[1]);

        void Take(string word, ref Span<ulong> taken)
        {
            if (!byFirstWord.TryGetValue(word, out var list)) return;
            foreach (var (bit, side, entry) in list)
            {
                if ((taken[side] & bit) == 0 && Occurs(entry, surface, concepts)) taken[side] |= bit;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Occurs(Entry entry, IReadOnlyList<string> surface, IReadOnlyList<string> concepts)
    {
        for (var i = 0; i + entry.Words.Length <= surface.Count; i++)
        {
            var match = true;
            for (var j = 0; j < entry.Words.Length && match; j++)
                match = entry.Literal[j] ? surface[i + j] == entry.Words[j] : concepts[i + j] == entry.Words[j];
            if (match) return true;
        }
        return false;
    }

    /// <summary>How much of two texts' similarity survives their contrasts: 1 when they take no opposite sides.</summary>
    public double Factor((ulong SideOne, ulong SideTwo) a, (ulong SideOne, ulong SideTwo) b) => Factor(SideTaking.Of(a), SideTaking.Of(b));

    /// <summary>The same for the sides two texts (or two groups of texts) take alone: 1 when they conflict nowhere.</summary>
    internal double Factor(SideTaking a, SideTaking b) => ConflictFactor(a.ConflictsWith(b));

    /// <summary>The product of the factors of the contrast groups whose bits are set.</summary>
    internal double ConflictFactor(ulong conflicts)
    {
        var factor = 1.0;
        for (var g = 0; conflicts != 0; g++, conflicts >>= 1)
        {
            if ((conflicts & 1) != 0) factor *= groups[g].Factor;
        }
        return factor;
    }
}

/// <summary>
/// The contrast groups in which a text takes one side only (a text that mentions both sides of a group takes neither);
/// for a group of texts, united over its members.
/// </summary>
internal readonly record struct SideTaking(ulong One, ulong Two)
{
    public static SideTaking Of((ulong SideOne, ulong SideTwo) sides) => new(sides.SideOne & ~sides.SideTwo, sides.SideTwo & ~sides.SideOne);

    public SideTaking With(SideTaking other) => new(One | other.One, Two | other.Two);

    /// <summary>The groups in which the two stand on opposite sides.</summary>
    public ulong ConflictsWith(SideTaking other) => (One & other.Two) | (Two & other.One);
}
