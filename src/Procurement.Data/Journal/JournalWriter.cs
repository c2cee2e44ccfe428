using System.Text.Encodings.Web;
using System.Text.Json;
using Procurement.Domain.Journal;

namespace Procurement.Data.Journal;

/// <summary>Appends to the journal inside the caller's transaction, so a change and its record stand or fall together.</summary>
public sealed class JournalWriter(DbSession session, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep å, ä, ö readable; never rendered as raw HTML
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public Task WriteAsync(Guid? actorUserId, string action, string entityType, object entityId,
        object? before = null, object? after = null, CancellationToken cancellationToken = default) =>
        WriteAsync(new JournalEntry(
            clock.GetUtcNow(),
            actorUserId,
            action,
            entityType,
            Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture)!,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)), cancellationToken);

    public Task WriteAsync(JournalEntry entry, CancellationToken cancellationToken = default) =>
        session.ExecuteAsync(
            """
            INSERT INTO journal (occurred_at, actor_user_id, action, entity_type, entity_id, before_json, after_json)
            VALUES (@OccurredAt, @ActorUserId, @Action, @EntityType, @EntityId, @Before, @After)
            """,
            entry, cancellationToken);
}
