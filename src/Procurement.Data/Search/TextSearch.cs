using System.Text;
using Dapper;
using Procurement.Data.Dialects;

namespace Procurement.Data.Search;

/// <summary>
/// Free-text search conditions. SQLite: the FTS5 index of the table, every word as a prefix ("bok" finds
/// "bokning"), all words required. SQL Server: the documented fallback (ADR-010), every word as a
/// case-insensitive substring of one of the columns, all words required.
/// Words are taken from the user's text; nothing the user typed reaches the SQL text.
/// </summary>
public static class TextSearch
{
    public const int MaxTerms = 6;

    /// <summary>The words of a query (NFC-normalised): letters and digits, at most <see cref="MaxTerms"/>, each at most 40 characters.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        // Composed form first: "ö" typed as o + combining diaeresis is one letter, as the stored text has it.
        foreach (var c in (query ?? "").Normalize(NormalizationForm.FormC) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                terms.Add(current.ToString(0, Math.Min(current.Length, 40)));
                current.Clear();
            }
        }

        return terms.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();
    }

    /// <summary>
    /// A condition on <paramref name="alias"/> (a table whose rowid is indexed by <paramref name="ftsTable"/>
    /// on SQLite) and the parameters it needs, or null when the query has no words.
    /// </summary>
    public static string? Condition(ISqlDialect dialect, string? query, string alias, string ftsTable, IReadOnlyList<string> columns, DynamicParameters parameters)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return null;
        }

        if (dialect.Provider == DatabaseProvider.Sqlite)
        {
            // "word"* for each: quoted, so FTS syntax in the input is just text.
            parameters.Add("SearchMatch", string.Join(" AND ", terms.Select(t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\"*")));
            return $"{alias}.rowid IN (SELECT rowid FROM {ftsTable} WHERE {ftsTable} MATCH @SearchMatch)";
        }

        var conditions = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            parameters.Add($"SearchTerm{i}", "%" + terms[i].ToUpperInvariant() + "%");
            var index = i;
            conditions.Add("(" + string.Join(" OR ", columns.Select(c => $"UPPER({alias}.{c}) LIKE @SearchTerm{index}")) + ")");
        }

        return string.Join(" AND ", conditions);
    }
}
