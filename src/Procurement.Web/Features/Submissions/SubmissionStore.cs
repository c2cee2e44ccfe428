using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Requirements;

namespace Procurement.Web.Features.Submissions;

/// <summary>The needs municipalities and regions send in. Each organisation changes only its own.</summary>
public sealed class SubmissionStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    private const string SelectSubmission =
        """
        SELECT s.id, s.procurement_id, s.organisation_id, o.name AS organisation_name, s.text, s.suggested_kind, s.motiv,
               s.category_id, c.number AS category_number, c.name AS category_name, s.status, s.source, s.created_at, s.updated_at, s.version,
               (SELECT COUNT(*) FROM supports x WHERE x.submission_id = s.id) AS supports
        FROM submissions s
        JOIN organisations o ON o.id = s.organisation_id
        LEFT JOIN procurement_categories c ON c.id = s.category_id
        """;

    public Task<SubmissionRow?> GetAsync(Guid procurementId, Guid submissionId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<SubmissionRow>($"{SelectSubmission} WHERE s.procurement_id = @procurementId AND s.id = @submissionId",
            new { procurementId, submissionId }, cancellationToken);

    /// <summary>A page of needs, newest first; only one organisation's when <paramref name="organisationId"/> is given.</summary>
    public async Task<(IReadOnlyList<SubmissionRow> Rows, int Total)> PageAsync(Guid procurementId, Guid? organisationId, int skip, int take, CancellationToken cancellationToken)
    {
        var filter = "s.procurement_id = @procurementId AND s.status = 'Active' AND (@organisationId IS NULL OR s.organisation_id = @organisationId)";
        var rows = await session.QueryAsync<SubmissionRow>(
            $"{SelectSubmission} WHERE {filter} ORDER BY s.created_at DESC, s.id DESC {session.Dialect.Paging}",
            new { procurementId, organisationId, Skip = skip, Take = take }, cancellationToken);
        var total = await session.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM submissions s WHERE {filter}", new { procurementId, organisationId }, cancellationToken);
        return (rows, total);
    }

    public async Task<Guid> CreateAsync(Guid procurementId, Guid organisationId, Guid? userId, SubmissionData data, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(InsertSql, Row(id, procurementId, organisationId, userId, data, "Form", null, now), cancellationToken);
        await journal.WriteAsync(userId, "submission.created", "submission", id, after: new { organisationId, data.Text, data.Kind, data.CategoryId }, cancellationToken: cancellationToken);
        return id;
    }

    /// <summary>Inserts many needs at once (an import, the demo data), reporting progress after each batch. Runs in the caller's transaction.</summary>
    public async Task InsertManyAsync(Guid procurementId, IReadOnlyList<NewSubmission> rows, Action<int> progress, CancellationToken cancellationToken)
    {
        const int batch = 500;
        for (var start = 0; start < rows.Count; start += batch)
        {
            var chunk = rows.Skip(start).Take(batch).Select(r =>
                Row(Guid.CreateVersion7(), procurementId, r.OrganisationId, r.CreatedBy, r.Data, r.Source, r.ImportId, r.CreatedAt));
            await session.ExecuteAsync(InsertSql, chunk, cancellationToken); // Dapper runs the one prepared command per row
            progress(Math.Min(start + batch, rows.Count));
        }
    }

    /// <summary>Saves a change made from <paramref name="expectedVersion"/>; false when the need was changed meanwhile.</summary>
    public async Task<bool> UpdateAsync(SubmissionRow current, int expectedVersion, SubmissionData data, Guid userId, CancellationToken cancellationToken)
    {
        var updated = await session.ExecuteAsync(
            """
            UPDATE submissions SET text = @Text, suggested_kind = @Kind, motiv = @Motiv, category_id = @CategoryId,
              updated_at = @now, version = version + 1
            WHERE id = @Id AND version = @expectedVersion AND status = 'Active'
            """,
            new { current.Id, data.Text, Kind = data.Kind?.ToString(), data.Motiv, data.CategoryId, now = clock.GetUtcNow(), expectedVersion }, cancellationToken);
        if (updated == 1)
        {
            await journal.WriteAsync(userId, "submission.changed", "submission", current.Id,
                before: new { current.Text, current.SuggestedKind, current.Motiv, current.CategoryId },
                after: new { data.Text, data.Kind, data.Motiv, data.CategoryId }, cancellationToken: cancellationToken);
        }

        return updated == 1;
    }

    public async Task<bool> WithdrawAsync(SubmissionRow current, Guid userId, CancellationToken cancellationToken)
    {
        var withdrawn = await session.ExecuteAsync(
            "UPDATE submissions SET status = 'Withdrawn', updated_at = @now, version = version + 1 WHERE id = @Id AND status = 'Active'",
            new { current.Id, now = clock.GetUtcNow() }, cancellationToken);
        if (withdrawn == 1)
        {
            await journal.WriteAsync(userId, "submission.withdrawn", "submission", current.Id, before: new { status = "Active" }, after: new { status = "Withdrawn" }, cancellationToken: cancellationToken);
        }

        return withdrawn == 1;
    }

    private const string InsertSql =
        """
        INSERT INTO submissions (id, procurement_id, organisation_id, created_by, text, suggested_kind, motiv, category_id, status, source, import_id,
          created_at, updated_at, version)
        VALUES (@Id, @ProcurementId, @OrganisationId, @CreatedBy, @Text, @Kind, @Motiv, @CategoryId, 'Active', @Source, @ImportId, @Now, @Now, 1)
        """;

    private static object Row(Guid id, Guid procurementId, Guid organisationId, Guid? userId, SubmissionData data, string source, Guid? importId, DateTimeOffset now) =>
        new
        {
            Id = id,
            ProcurementId = procurementId,
            OrganisationId = organisationId,
            CreatedBy = userId,
            data.Text,
            Kind = data.Kind?.ToString(),
            data.Motiv,
            data.CategoryId,
            Source = source,
            ImportId = importId,
            Now = now,
        };
}

public sealed record SubmissionData(string Text, RequirementKind? Kind, string? Motiv, Guid? CategoryId);

/// <summary>A need inserted in bulk: whose it is, where it came from ("Import" or "Seed") and when.</summary>
public sealed record NewSubmission(Guid OrganisationId, Guid? CreatedBy, SubmissionData Data, string Source, Guid? ImportId, DateTimeOffset CreatedAt);

public sealed class SubmissionRow
{
    public Guid Id { get; init; }

    public Guid ProcurementId { get; init; }

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = "";

    public string Text { get; init; } = "";

    public RequirementKind? SuggestedKind { get; init; }

    public string? Motiv { get; init; }

    public Guid? CategoryId { get; init; }

    public int? CategoryNumber { get; init; }

    public string? CategoryName { get; init; }

    public string Status { get; init; } = "";

    public string Source { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int Version { get; init; }

    public int Supports { get; init; }
}
