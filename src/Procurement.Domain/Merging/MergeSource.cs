using Procurement.Domain.Requirements;

namespace Procurement.Domain.Merging;

/// <summary>A need that goes into a merge: its words, who sent it and what they suggested.</summary>
public sealed record MergeSource(string Id, string OrganisationId, string Text, RequirementKind? SuggestedKind, string? Motiv, string? CategoryId);
