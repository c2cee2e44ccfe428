namespace Procurement.Domain.Standards;

/// <summary>A standard of the catalogue as the suggester sees it: names, description, keywords and clauses.</summary>
public sealed record StandardEntry(string Id, string Name, string Title, string Description,
    IReadOnlyList<string> Keywords, IReadOnlyList<ClauseEntry> Clauses);

/// <summary>A clause of a standard; keywords are optional Swedish terms that point at this clause.</summary>
public sealed record ClauseEntry(string Id, string Text, IReadOnlyList<string> Keywords);

/// <summary>
/// A suggested link from a requirement to a standard (and its best clause), ranked 1.., with a confidence 0..1;
/// <see cref="Confident"/> marks the links the app pre-selects. MatchedTerms explain the suggestion.
/// </summary>
public sealed record StandardSuggestion(string StandardId, string? ClauseId, int Rank, double Confidence,
    bool Confident, IReadOnlyList<string> MatchedTerms);
