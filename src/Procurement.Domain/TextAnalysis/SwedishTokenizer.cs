using System.Runtime.CompilerServices;
using System.Text;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = Split(text);
        var tokens = new List<Token>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var t = raw[i];
            if (t.IsNumber && i + 1 < raw.Count && Units.TryGetValue(raw[i + 1].Text, out var unit)
                && raw[i + 1].Start - (t.Start + t.Length) <= 1)
            {
                // The unit word stays a word of its own (for highlighting) but carries no term.
                tokens.Add(t with { Text = t.Text + unit });
                tokens.Add(raw[i + 1] with { Text = "", IsNumber = true });
                i++;
                continue;
            }
            tokens.Add(t);
        }
        return tokens;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Token> Split(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var sb = new StringBuilder();
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c)) { sb.Append(char.ToLowerInvariant(c)); i++; continue; }
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                // "e-post", "e-tjänst": a one-letter prefix belongs to the word.
                if (c == '-' && sb.Length == 1 && char.IsLetter(sb[0]) && char.IsLetter(next)) { sb.Append('-'); i++; continue; }
                // Decimals: "99,5", "2.1".
                if ((c == ',' || c == '.') && char.IsDigit(next) && sb.Length > 0 && char.IsDigit(sb[^1])) { sb.Append('.'); i++; continue; }
                break;
            }
            var word = sb.ToString();
            tokens.AddRange(SplitNumberAndUnit(start, i - start, word));
        }
        return tokens;
    }

    /// <summary>"24h" → number 24 with unit h; "wcag2" stays a word; plain numbers are numbers.</summary>
    private static IEnumerable<Token> SplitNumberAndUnit(int start, int length, string word)
    {
        var digits = 0;
        while (digits < word.Length && (char.IsDigit(word[digits]) || word[digits] == '.')) digits++;
        if (digits == word.Length) return [new Token(start, length, word, true)];
        if (digits > 0 && Units.TryGetValue(word[digits..], out var unit))
            return [new Token(start, length, word[..digits] + unit, true)];
        return [new Token(start, length, word, word.All(c => char.IsDigit(c) || c == '.'))];
    }
}
