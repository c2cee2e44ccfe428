namespace Procurement.Domain.Merging;

/// <summary>One text to cluster: a need (or requirement) and its key.</summary>
public sealed record ClusterInput(string Id, string Text);

/// <summary>
/// A suggested group of near-duplicates: at least two members, their mean pairwise similarity (0..1) and the
/// index terms they share, for highlighting.
/// </summary>
public sealed record SuggestedCluster(IReadOnlyList<string> MemberIds, double Similarity, IReadOnlyList<string> SharedTerms);

/// <summary>A scored match of a text against a list of targets (e.g. existing requirements).</summary>
public sealed record TextMatch(string Id, double Similarity);
