namespace Procurement.Domain.Requirements;

public enum DiffOperation
{
    Equal,
    Inserted,
    Deleted,
}

public sealed record DiffPart(DiffOperation Operation, string Text);

/// <summary>
/// A word-level difference between two texts, as a reader compares two versions of a requirement: words,
/// numbers and punctuation are compared as units, white space travels with the words around it.
/// Longest common subsequence over tokens; requirement texts are short (≤ 4,000 characters).
/// </summary>
public static class WordDiff
{
    public static IReadOnlyList<DiffPart> Compare(string? before, string? after)
    {
        var a = Tokenize(before ?? "");
        var b = Tokenize(after ?? "");

        // Common prefix and suffix first: most edits touch a few words in the middle.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var parts = new List<DiffPart>();
        Add(parts, DiffOperation.Equal, a.Take(prefix));
        Middle(a.Skip(prefix).Take(a.Count - prefix - suffix).ToList(), b.Skip(prefix).Take(b.Count - prefix - suffix).ToList(), parts);
        Add(parts, DiffOperation.Equal, a.Skip(a.Count - suffix));
        return parts;
    }

    /// <summary>Words (letters and digits, with inner hyphens, apostrophes, dots and commas of numbers), runs of white space, and single other characters.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i])
                    || (text[i] is '-' or '\'' or '.' or ',' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && (text[i] is '-' or '\'' || char.IsDigit(text[i - 1])))))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    private static void Middle(List<string> a, List<string> b, List<DiffPart> parts)
    {
        // lengths[i, j] = LCS length of a[i..] and b[j..]
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y])
            {
                Add(parts, DiffOperation.Equal, [a[x]]);
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                Add(parts, DiffOperation.Deleted, [a[x++]]);
            }
            else
            {
                Add(parts, DiffOperation.Inserted, [b[y++]]);
            }
        }

        Add(parts, DiffOperation.Deleted, a.Skip(x));
        Add(parts, DiffOperation.Inserted, b.Skip(y));
    }

    /// <summary>Appends tokens, merging with the previous part of the same kind so the output reads in phrases.</summary>
    private static void Add(List<DiffPart> parts, DiffOperation operation, IEnumerable<string> tokens)
    {
        var text = string.Concat(tokens);
        if (text.Length == 0)
        {
            return;
        }

        if (parts.Count > 0 && parts[^1].Operation == operation)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        }
        else
        {
            parts.Add(new DiffPart(operation, text));
        }
    }
}
