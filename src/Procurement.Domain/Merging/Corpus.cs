using System.Runtime.CompilerServices;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Merging;

/// <summary>
/// The texts to cluster, analysed once per distinct text and collapsed into nodes: identical analyses (200
/// municipalities pasting the same sentence) become one weighted node. Items named in a cannot-link pair keep a
/// node of their own so the pair can be kept apart.
/// </summary>
internal sealed class Corpus
{
    public required List<AnalyzedDoc> Docs { get; init; }

    public required int[] Weights { get; init; }

    public required List<List<int>> ItemsOf { get; init; }

    public required List<(int A, int B)> CannotLinkNodes { get; init; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AnalyzedDoc AnalyzeOne(TextAnalyzer analyzer, ContrastRules contrasts, string text)
    {
        var analysis = analyzer.Analyze(text);
        var main = new List<string>(analysis.Words.Count);
        foreach (var word in analysis.Words)
        {
            if (word.Term.Length > 0) main.Add(word.Term);
        }
        var parts = new List<string>(analysis.Parts.Count);
        foreach (var (_, term) in analysis.Parts) parts.Add(term);
        return new AnalyzedDoc(Distinct(main), Distinct(parts), contrasts.SidesOf(analysis));

        // Each term once, where it first occurs: for the few dozen words of a requirement a scan beats a set.
        static string[] Distinct(List<string> terms)
        {
            if (terms.Count > 64) return terms.Distinct(StringComparer.Ordinal).ToArray();
            var count = 0;
            for (var k = 0; k < terms.Count; k++)
            {
                var seen = false;
                for (var j = 0; j < count && !seen; j++) seen = string.Equals(terms[j], terms[k], StringComparison.Ordinal);
                if (!seen) terms[count++] = terms[k];
            }
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms)[..count].ToArray();
        }
    }

    public static Corpus Build(TextAnalyzer analyzer, ContrastRules contrasts, IReadOnlyList<ClusterInput> items,
        IReadOnlySet<(string, string)>? cannotLink, CancellationToken cancellationToken)
    {
        // Same text, same analysis: analyse each distinct text once, in parallel, into a fixed slot.
        var textIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        var itemText = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].Text ?? "";
            if (!textIndex.TryGetValue(text, out var t))
            {
                textIndex[text] = t = texts.Count;
                texts.Add(text);
            }
            itemText[i] = t;
        }
        var analysed = new AnalyzedDoc[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken },
            t => analysed[t] = AnalyzeOne(analyzer, contrasts, texts[t]));

        var pinned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (a, b) in cannotLink ?? new HashSet<(string, string)>())
        {
            pinned.Add(a);
            pinned.Add(b);
        }

        var nodeOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var docs = new List<AnalyzedDoc>();
        var itemsOf = new List<List<int>>();
        var nodeOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var doc = analysed[itemText[i]];
            var key = pinned.Contains(items[i].Id)
                ? "\u0001" + items[i].Id
                : string.Join(' ', doc.MainTerms) + "\u0002" + string.Join(' ', doc.PartTerms) + "\u0003" + doc.Sides.SideOne + "/" + doc.Sides.SideTwo;
            if (!nodeOfKey.TryGetValue(key, out var node))
            {
                nodeOfKey[key] = node = docs.Count;
                docs.Add(doc);
                itemsOf.Add([]);
            }
            itemsOf[node].Add(i);
            nodeOfId.TryAdd(items[i].Id, node);
        }

        var cannot = new List<(int, int)>();
        foreach (var (a, b) in cannotLink ?? new HashSet<(string, string)>())
        {
            if (nodeOfId.TryGetValue(a, out var na) && nodeOfId.TryGetValue(b, out var nb) && na != nb) cannot.Add((na, nb));
        }
        return new Corpus
        {
            Docs = docs,
            Weights = itemsOf.Select(l => l.Count).ToArray(),
            ItemsOf = itemsOf,
            CannotLinkNodes = cannot,
        };
    }
}
