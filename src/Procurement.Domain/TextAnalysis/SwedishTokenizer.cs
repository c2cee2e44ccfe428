using System.Runtime.CompilerServices;

namespace Procurement.Domain.TextAnalysis;

/// <summary>One surface word of a text, lower-cased and with numbers and units folded ("24 h" → "24h").</summary>
public readonly record struct Token(int Start, int Length, string Text, bool IsNumber);

/// <summary>
/// Cuts Swedish text into words. Keeps "e-post", "e-tjänst" and other single-letter prefixes whole, splits other
/// hyphenated words ("SMS-påminnelse" → sms, påminnelse), keeps decimals whole and folds a number and its time
/// unit into one term so that "24 timmar", "24 h" and "24h" compare equal.
/// </summary>
public static class SwedishTokenizer
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["h"] = "h", ["tim"] = "h", ["timme"] = "h", ["timmar"] = "h", ["timmars"] = "h", ["timmen"] = "h",
        ["min"] = "min", ["minut"] = "min", ["minuter"] = "min", ["minuters"] = "min",
        ["d"] = "d", ["dag"] = "d", ["dagar"] = "d", ["dygn"] = "d",
        ["v"] = "v", ["vecka"] = "v", ["veckor"] = "v",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> UnitOf = Units.GetAlternateLookup<ReadOnlySpan<char>>();

    // The words seen so far, each kept once: clustering thousands of texts cuts the same few thousand words again and
    // again, and a word found here costs no new string.
    private static readonly BoundedWordCache<bool> Interned = new();

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>The text's tokens into <paramref name="tokens"/> (cleared first): the analyser reuses one list per thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tokenize(string text, List<Token> tokens)
    {
        tokens.Clear();
        Split(text, tokens);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = tokens[i + 1];
            if (t.IsNumber && Units.TryGetValue(next.Text, out var unit) && next.Start - (t.Start + t.Length) <= 1)
            {
                // The unit word stays a word of its own (for highlighting) but carries no term.
                tokens[i] = t with { Text = t.Text + unit };
                tokens[i + 1] = next with { Text = "", IsNumber = true };
                i++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Split(string text, List<Token> tokens)
    {
        // A word is lower-cased into this, one character per character of the text it covers; a longer word than it
        // holds moves it to the heap.
        Span<char> word = stackalloc char[256];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var length = 0;
            while (i < text.Length)
            {
                if (length == word.Length) word = Grown(word);
                var c = text[i];
                if (char.IsLetterOrDigit(c)) { word[length++] = char.ToLowerInvariant(c); i++; continue; }
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                // "e-post", "e-tjänst": a one-letter prefix belongs to the word.
                if (c == '-' && length == 1 && char.IsLetter(word[0]) && char.IsLetter(next)) { word[length++] = '-'; i++; continue; }
                // Decimals: "99,5", "2.1".
                if ((c == ',' || c == '.') && char.IsDigit(next) && length > 0 && char.IsDigit(word[length - 1])) { word[length++] = '.'; i++; continue; }
                break;
            }
            tokens.Add(NumberAndUnit(start, i - start, word[..length]));
        }
    }

    private static char[] Grown(Span<char> word)
    {
        var grown = new char[word.Length * 2];
        word.CopyTo(grown);
        return grown;
    }

    /// <summary>"24h" → number 24 with unit h; "wcag2" stays a word; plain numbers are numbers (not interned: they vary without end).</summary>
    private static Token NumberAndUnit(int start, int length, ReadOnlySpan<char> word)
    {
        var digits = 0;
        while (digits < word.Length && (char.IsDigit(word[digits]) || word[digits] == '.')) digits++;
        if (digits == word.Length) return new Token(start, length, word.ToString(), true);
        if (digits > 0 && UnitOf.TryGetValue(word[digits..], out var unit))
            return new Token(start, length, string.Concat(word[..digits], unit), true);
        return new Token(start, length, Intern(word), false);
    }

    private static string Intern(ReadOnlySpan<char> word)
    {
        if (Interned.TryGetValue(word, out var known, out _)) return known;
        var text = word.ToString();
        Interned.Remember(text, true);
        return text;
    }
}
