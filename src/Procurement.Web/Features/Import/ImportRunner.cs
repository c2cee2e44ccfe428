using System.Collections.Concurrent;
using System.Threading.Channels;
using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.Submissions;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Import;

/// <summary>
/// Commits imports in the background, one at a time: all rows in one transaction, or none. Progress is
/// kept in memory for the progress bar (the rows being inserted are invisible to other connections until
/// the transaction commits); the outcome is written to the import row.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, ILogger<ImportRunner> logger) : BackgroundService
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, int> progress = new();

    public void Enqueue(Guid importId)
    {
        progress[importId] = 0;
        queue.Writer.TryWrite(importId);
    }

    /// <summary>Rows inserted so far by a running import in this process, if it runs here.</summary>
    public int? Progress(Guid importId) => progress.TryGetValue(importId, out var done) ? done : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportStore>().FailInterruptedAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Runs one import to its end (used by the loop, and directly by tests).</summary>
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        var inserted = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var imports = services.GetRequiredService<ImportStore>();
            var session = services.GetRequiredService<DbSession>();
            var row = await session.QuerySingleOrDefaultAsync<ImportRow>(
                "SELECT id, procurement_id, organisation_id, created_by, file_name, status, total_rows FROM imports WHERE id = @importId",
                new { importId }, cancellationToken);
            if (row is not { Status: "Running" })
            {
                return;
            }

            var payload = await imports.PayloadAsync(importId, cancellationToken);
            var categories = await services.GetRequiredService<ProcurementStore>().CategoriesAsync(row.ProcurementId, cancellationToken);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var data = payload.Rows.Select(r => new NewSubmission(row.OrganisationId, row.CreatedBy,
                new SubmissionData(r.Text, r.Kind, r.Motiv, r.CategoryNumber is { } n ? categories.FirstOrDefault(c => c.Number == n)?.Id : null),
                "Import", importId, now)).ToList();

            await session.WriteAsync(async () =>
            {
                await services.GetRequiredService<SubmissionStore>().InsertManyAsync(row.ProcurementId, data,
                    done => progress[importId] = inserted = done, cancellationToken);
                await imports.FinishAsync(importId, "Completed", data.Count, null, cancellationToken);
                await services.GetRequiredService<JournalWriter>().WriteAsync(row.CreatedBy, "import.completed", "import", importId,
                    after: new { row.ProcurementId, row.OrganisationId, rows = data.Count }, cancellationToken: cancellationToken);
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {ImportId} failed after {Inserted} rows; nothing was saved", importId, inserted);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ImportStore>().FinishAsync(importId, "Failed", 0,
                Sv("Importen kunde inte slutföras. Inget sparades; försök igen eller kontakta supporten."), CancellationToken.None);
        }
        finally
        {
            progress.TryRemove(importId, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var importId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(importId, stoppingToken);
        }
    }
}
