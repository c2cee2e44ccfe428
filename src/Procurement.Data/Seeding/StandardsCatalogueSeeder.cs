using Microsoft.Extensions.Logging;
using Procurement.Data.Standards;

namespace Procurement.Data.Seeding;

/// <summary>
/// Puts the standards of db/seed/standards.json that the database lacks into the catalogue, each with its
/// clauses and a first version. Runs after every migration. Never touches a standard that exists: what
/// administrators changed stays as they left it.
/// </summary>
public sealed class StandardsCatalogueSeeder(DbSession session, TimeProvider clock, ILogger<StandardsCatalogueSeeder> logger)
{
    public const string SeedReason = "Från standardkatalogen (db/seed/standards.json)";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = (await session.QueryAsync<string>("SELECT id FROM standards", cancellationToken: cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = StandardsSeed.Standards.Where(s => !existing.Contains(s.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var added = 0;
        await session.WriteAsync(async () =>
        {
            if (session.Dialect.MigrationLockSql is { } lockSql)
            {
                await session.ExecuteAsync(lockSql, cancellationToken: cancellationToken);
            }

            var now = clock.GetUtcNow();
            foreach (var standard in missing)
            {
                // Another instance may have seeded it while this one waited for the lock.
                if (await session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id = @Id", new { standard.Id }, cancellationToken) > 0)
                {
                    continue;
                }

                var snapshot = new StandardSnapshot(standard.Name, standard.Title, standard.Owner, standard.Version, standard.Url, standard.Kind,
                    standard.Description, standard.Keywords, standard.Clauses.Select(c => new ClauseSnapshot(c.Id, c.Text, c.Keywords ?? [])).ToList());
                await session.ExecuteAsync(
                    """
                    INSERT INTO standards (id, name, title, owner, version_label, url, kind, description, keywords, version, updated_at, updated_by)
                    VALUES (@Id, @Name, @Title, @Owner, @VersionLabel, @Url, @Kind, @Description, @Keywords, 1, @now, NULL)
                    """,
                    new
                    {
                        standard.Id, snapshot.Name, snapshot.Title, snapshot.Owner, snapshot.VersionLabel, snapshot.Url, snapshot.Kind,
                        snapshot.Description, Keywords = StandardSnapshot.KeywordsJson(snapshot.Keywords), now,
                    }, cancellationToken);
                var position = 0;
                foreach (var clause in snapshot.Clauses)
                {
                    await session.ExecuteAsync(
                        """
                        INSERT INTO standard_clauses (standard_id, clause_id, text, keywords, position)
                        VALUES (@standardId, @Id, @Text, @Keywords, @position)
                        """,
                        new { standardId = standard.Id, clause.Id, clause.Text, Keywords = StandardSnapshot.KeywordsJson(clause.Keywords), position = ++position },
                        cancellationToken);
                }

                await session.ExecuteAsync(
                    """
                    INSERT INTO standard_versions (standard_id, version, snapshot, changed_at, changed_by, reason)
                    VALUES (@Id, 1, @Snapshot, @now, NULL, @SeedReason)
                    """, new { standard.Id, Snapshot = snapshot.ToJson(), now, SeedReason }, cancellationToken);
                added++;
            }
        }, cancellationToken);

        if (added > 0)
        {
            logger.LogInformation("Standards catalogue: {Added} standards added from the seed", added);
        }
    }
}
