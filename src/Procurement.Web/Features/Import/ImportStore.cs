using System.Text.Json;
using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Submissions;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Import;

/// <summary>
/// A spreadsheet read and checked, waiting for the user to look at the preview and commit it. The checked
/// rows and the errors are kept with it, so the commit inserts exactly what the preview showed.
/// </summary>
public sealed class ImportStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public async Task<Guid> SaveAsync(Guid procurementId, Guid organisationId, Guid userId, string fileName, ImportPayload payload, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(
            """
            INSERT INTO imports (id, procurement_id, organisation_id, created_by, file_name, status, total_rows, processed_rows, error_count, payload, created_at)
            VALUES (@id, @procurementId, @organisationId, @userId, @fileName, 'Previewed', @Total, 0, @Errors, @Payload, @now)
            """,
            new
            {
                id, procurementId, organisationId, userId, fileName,
                Total = payload.Rows.Count, Errors = payload.Errors.Count + payload.Problems.Count,
                Payload = JsonSerializer.Serialize(payload), now = clock.GetUtcNow(),
            }, cancellationToken);
        await journal.WriteAsync(userId, "import.previewed", "import", id,
            after: new { procurementId, organisationId, fileName, rows = payload.Rows.Count, errors = payload.Errors.Count }, cancellationToken: cancellationToken);
        return id;
    }

    public Task<ImportRow?> GetAsync(Guid procurementId, Guid importId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ImportRow>(
            """
            SELECT i.id, i.procurement_id, i.organisation_id, o.name AS organisation_name, i.created_by, i.file_name, i.status, i.total_rows,
                   i.processed_rows, i.error_count, i.message, i.created_at, i.finished_at
            FROM imports i JOIN organisations o ON o.id = i.organisation_id
            WHERE i.procurement_id = @procurementId AND i.id = @importId
            """, new { procurementId, importId }, cancellationToken);

    public async Task<ImportPayload> PayloadAsync(Guid importId, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<ImportPayload>(await session.ExecuteScalarAsync<string>(
            "SELECT payload FROM imports WHERE id = @importId", new { importId }, cancellationToken))!;

    /// <summary>Moves a previewed import to Running; false when it was already started (a second click).</summary>
    public async Task<bool> StartAsync(Guid importId, Guid userId, CancellationToken cancellationToken)
    {
        var started = await session.ExecuteAsync(
            "UPDATE imports SET status = 'Running' WHERE id = @importId AND status = 'Previewed' AND error_count = 0",
            new { importId }, cancellationToken) == 1;
        if (started)
        {
            await journal.WriteAsync(userId, "import.started", "import", importId, cancellationToken: cancellationToken);
        }

        return started;
    }

    public Task<int> FinishAsync(Guid importId, string status, int processed, string? message, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE imports SET status = @status, processed_rows = @processed, message = @message, finished_at = @now WHERE id = @importId",
            new { importId, status, processed, message, now = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Imports that were running when the process stopped never finished: their transaction rolled back.</summary>
    public Task<int> FailInterruptedAsync(CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE imports SET status = 'Failed', message = @message, finished_at = @now WHERE status = 'Running'",
            new { message = Sv("Importen avbröts när tjänsten startades om. Inget sparades; försök igen."), now = clock.GetUtcNow() }, cancellationToken);
}

/// <summary>What the preview showed: the valid rows, the row errors and the file problems.</summary>
public sealed record ImportPayload(IReadOnlyList<ValidSubmissionRow> Rows, IReadOnlyList<RowError> Errors, IReadOnlyList<string> Problems);

public sealed class ImportRow
{
    public Guid Id { get; init; }

    public Guid ProcurementId { get; init; }

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = "";

    public Guid CreatedBy { get; init; }

    public string FileName { get; init; } = "";

    public string Status { get; init; } = "";

    public int TotalRows { get; init; }

    public int ProcessedRows { get; init; }

    public int ErrorCount { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
