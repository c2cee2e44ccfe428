using System.Data.Common;
using Procurement.Data;
using Procurement.Data.Journal;

namespace Procurement.Web.Features.Specification;

/// <summary>"Vi behöver också detta": one organisation's support for a requirement or for another municipality's need.</summary>
public sealed class SupportStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public Task<IReadOnlyList<SupportRow>> ForRequirementAsync(Guid requirementId, CancellationToken cancellationToken) =>
        ListAsync("s.requirement_id = @targetId", requirementId, cancellationToken);

    public Task<IReadOnlyList<SupportRow>> ForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        ListAsync("s.submission_id = @targetId", submissionId, cancellationToken);

    /// <summary>Adds the organisation's support; false when it already supports the target.</summary>
    public async Task<bool> AddAsync(Guid procurementId, SupportTarget target, Guid organisationId, string? comment, Guid? userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await session.ExecuteAsync(
                """
                INSERT INTO supports (id, procurement_id, organisation_id, requirement_id, submission_id, comment, created_by, created_at)
                VALUES (@id, @procurementId, @organisationId, @RequirementId, @SubmissionId, @comment, @userId, @now)
                """,
                new { id, procurementId, organisationId, target.RequirementId, target.SubmissionId, comment, userId, now = clock.GetUtcNow() },
                cancellationToken);
        }
        catch (DbException ex) when (session.Dialect.IsUniqueViolation(ex))
        {
            return false;
        }

        await journal.WriteAsync(userId, "support.added", target.EntityType, target.Id, after: new { organisationId, comment }, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Withdraws the organisation's own support; false when it had none.</summary>
    public async Task<bool> RemoveAsync(SupportTarget target, Guid organisationId, Guid userId, CancellationToken cancellationToken)
    {
        var removed = await session.ExecuteAsync(
            """
            DELETE FROM supports WHERE organisation_id = @organisationId
              AND ((@RequirementId IS NOT NULL AND requirement_id = @RequirementId) OR (@SubmissionId IS NOT NULL AND submission_id = @SubmissionId))
            """, new { organisationId, target.RequirementId, target.SubmissionId }, cancellationToken);
        if (removed > 0)
        {
            await journal.WriteAsync(userId, "support.removed", target.EntityType, target.Id, before: new { organisationId }, cancellationToken: cancellationToken);
        }

        return removed > 0;
    }

    private Task<IReadOnlyList<SupportRow>> ListAsync(string condition, Guid targetId, CancellationToken cancellationToken) =>
        session.QueryAsync<SupportRow>(
            $"""
            SELECT s.organisation_id, o.name AS organisation_name, s.comment, s.created_at
            FROM supports s JOIN organisations o ON o.id = s.organisation_id
            WHERE {condition} ORDER BY s.created_at
            """, new { targetId }, cancellationToken);
}

/// <summary>What is supported: a requirement or a need, never both.</summary>
public sealed record SupportTarget(Guid? RequirementId, Guid? SubmissionId)
{
    public static SupportTarget Requirement(Guid id) => new(id, null);

    public static SupportTarget Submission(Guid id) => new(null, id);

    public Guid Id => RequirementId ?? SubmissionId!.Value;

    public string EntityType => RequirementId is not null ? "requirement" : "submission";
}

public sealed class SupportRow
{
    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = "";

    public string? Comment { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
