namespace Procurement.Domain.Journal;

/// <summary>
/// One line of the append-only journal: who changed what, when, and the state before and after
/// (JSON, or null where there was none).
/// </summary>
public sealed record JournalEntry(
    DateTimeOffset OccurredAt,
    Guid? ActorUserId,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After);
