using Procurement.Data;
using Procurement.Data.Journal;

namespace Procurement.Web.Features.Specification;

/// <summary>Discussion threads on a requirement: a comment, and replies to it.</summary>
public sealed class CommentStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public Task<IReadOnlyList<CommentRow>> ForRequirementAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<CommentRow>(
            """
            SELECT m.id, m.parent_id, m.text, m.created_at, u.display_name AS author_name, o.name AS organisation_name
            FROM comments m JOIN users u ON u.id = m.author_user_id JOIN organisations o ON o.id = m.organisation_id
            WHERE m.requirement_id = @requirementId ORDER BY m.created_at
            """, new { requirementId }, cancellationToken);

    /// <summary>
    /// Adds a comment; a reply must answer a comment on the same requirement (false otherwise). Threads are one
    /// level deep, as the page shows them: a reply to a reply joins the thread of the comment that opened it.
    /// </summary>
    public async Task<bool> AddAsync(Guid procurementId, Guid requirementId, Guid? parentId, string text, Guid organisationId, Guid userId, CancellationToken cancellationToken)
    {
        if (parentId is not null)
        {
            var parent = await session.QuerySingleOrDefaultAsync<ParentRow>(
                "SELECT id, parent_id FROM comments WHERE id = @parentId AND requirement_id = @requirementId", new { parentId, requirementId }, cancellationToken);
            if (parent is null)
            {
                return false;
            }

            parentId = parent.ParentId ?? parent.Id;
        }

        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(
            """
            INSERT INTO comments (id, procurement_id, requirement_id, parent_id, organisation_id, author_user_id, text, created_at)
            VALUES (@id, @procurementId, @requirementId, @parentId, @organisationId, @userId, @text, @now)
            """, new { id, procurementId, requirementId, parentId, organisationId, userId, text, now = clock.GetUtcNow() }, cancellationToken);
        await journal.WriteAsync(userId, "comment.added", "requirement", requirementId, after: new { id, parentId, text }, cancellationToken: cancellationToken);
        return true;
    }

    private sealed class ParentRow
    {
        public Guid Id { get; init; }

        public Guid? ParentId { get; init; }
    }
}

public sealed class CommentRow
{
    public Guid Id { get; init; }

    public Guid? ParentId { get; init; }

    public string Text { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public string AuthorName { get; init; } = "";

    public string OrganisationName { get; init; } = "";
}
