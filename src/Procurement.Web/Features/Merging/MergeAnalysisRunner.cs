using System.Collections.Concurrent;
using System.Threading.Channels;
using Procurement.Data;
using Procurement.Domain.Merging;

namespace Procurement.Web.Features.Merging;

/// <summary>
/// Runs the near-duplicate analysis in the background, one run at a time. It reads the needs without a
/// transaction, clusters them on a worker thread (the requests of other users are never held up by it) and
/// writes the new suggestions in one short transaction at the end. Progress is kept in memory for the page.
/// </summary>
public sealed class MergeAnalysisRunner(IServiceScopeFactory scopes, ILogger<MergeAnalysisRunner> logger) : BackgroundService
{
    /// <summary>A group is offered for merging into an existing requirement from this similarity up.</summary>
    public const double TargetThreshold = 0.35;

    private readonly Channel<(Guid ProcurementId, Guid RunId)> queue = Channel.CreateUnbounded<(Guid, Guid)>();
    private readonly ConcurrentDictionary<Guid, AnalysisProgress> progress = new();

    /// <summary>Queues a run: until the runs before it (of any procurement) are done, its progress says it is waiting.</summary>
    public void Enqueue(Guid procurementId, Guid runId)
    {
        progress[runId] = AnalysisProgress.Waiting;
        queue.Writer.TryWrite((procurementId, runId));
    }

    /// <summary>How far a run in this process has come, if it runs here.</summary>
    public AnalysisProgress? Progress(Guid runId) => progress.TryGetValue(runId, out var p) ? p : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MergeRunStore>().FailInterruptedAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Runs one analysis to its end (used by the loop, and directly by tests).</summary>
    public async Task RunAsync(Guid procurementId, Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var runs = services.GetRequiredService<MergeRunStore>();
            var run = await runs.GetAsync(procurementId, runId, cancellationToken);
            if (run is not { Status: "Running" })
            {
                return;
            }

            // Started: no longer waiting in the queue, even before the needs are counted.
            progress[runId] = new AnalysisProgress(0, 0);

            var needs = await runs.UnmergedNeedsAsync(procurementId, cancellationToken);
            var requirements = await runs.RequirementTextsAsync(procurementId, cancellationToken);
            var rejected = await runs.RejectedPairsAsync(procurementId, cancellationToken);
            progress[runId] = new AnalysisProgress(0, needs.Count);
            // Written on the clustering thread itself: Progress<T> would post to the pool, and a late post could
            // bring the entry back after the run has removed it.
            var reporter = new DirectProgress(share => progress.TryUpdate(runId, new AnalysisProgress((int)(share * needs.Count), needs.Count), progress[runId]));
            var suggestions = await Task.Run(() => Analyse(needs, requirements, rejected, reporter, cancellationToken), cancellationToken);

            var session = services.GetRequiredService<DbSession>();
            await session.WriteAsync(() => runs.CompleteAsync(run, needs.Count, suggestions, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Merge analysis {RunId} failed", runId);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MergeRunStore>().FailAsync(runId, CancellationToken.None);
        }
        finally
        {
            progress.TryRemove(runId, out _);
        }
    }

    /// <summary>The engine's clusters, each with the existing requirement it most resembles.</summary>
    public static IReadOnlyList<RankedSuggestion> Analyse(IReadOnlyList<ClusterInput> needs, IReadOnlyList<ClusterInput> requirements,
        IReadOnlySet<(string, string)> rejected, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var engine = NearDuplicateClusterer.Swedish;
        var clusters = engine.Cluster(needs, rejected, progress, cancellationToken);
        var texts = needs.ToDictionary(n => n.Id, n => n.Text, StringComparer.Ordinal);
        return clusters.Select(c =>
        {
            var representative = texts[c.MemberIds[0]];
            var matches = requirements.Count == 0 ? [] : engine.Match(representative, requirements, 1);
            var target = matches.Count > 0 ? matches[0] : null;
            return target is not null && target.Similarity >= TargetThreshold
                ? new RankedSuggestion(c, Guid.Parse(target.Id), target.Similarity)
                : new RankedSuggestion(c, null, null);
        }).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (procurementId, runId) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(procurementId, runId, stoppingToken);
        }
    }
}

/// <summary>Reports on the caller's thread.</summary>
internal sealed class DirectProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}

/// <summary>
/// Needs analysed so far of all the run's needs; <see cref="Queued"/> while the run waits for runs queued before it
/// (one analysis runs at a time, whichever procurement it is for).
/// </summary>
public sealed record AnalysisProgress(int Done, int Total, bool Queued = false)
{
    public static AnalysisProgress Waiting { get; } = new(0, 0, Queued: true);
}
