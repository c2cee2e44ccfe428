using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Data.Standards;
using Procurement.Domain.Standards;

namespace Procurement.Web.Features.Standards;

/// <summary>
/// The catalogue of standards. A standard's current state is one row plus its clauses; every change also adds
/// a snapshot of the whole standard to standard_versions (author, time, reason). Saves name the version they
/// were based on (optimistic concurrency, as for requirements).
/// </summary>
public sealed class StandardStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    private const string SelectStandard =
        """
        SELECT s.id, s.name, s.title, s.owner, s.version_label, s.url, s.kind, s.description, s.keywords, s.version, s.updated_at,
               u.display_name AS updated_by_name,
               (SELECT COUNT(*) FROM standard_clauses c WHERE c.standard_id = s.id) AS clause_count
        FROM standards s LEFT JOIN users u ON u.id = s.updated_by
        """;

    public Task<IReadOnlyList<StandardRow>> ListAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<StandardRow>($"{SelectStandard} ORDER BY s.kind, s.id", cancellationToken: cancellationToken);

    public async Task<StandardRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var standard = await session.QuerySingleOrDefaultAsync<StandardRow>($"{SelectStandard} WHERE s.id = @id", new { id }, cancellationToken);
        if (standard is not null)
        {
            standard.Clauses = await ClausesAsync([standard.Id], cancellationToken);
        }

        return standard;
    }

    /// <summary>The clauses of the given standards, in each standard's order.</summary>
    public async Task<IReadOnlyList<ClauseRow>> ClausesAsync(IReadOnlyCollection<string> standardIds, CancellationToken cancellationToken) =>
        standardIds.Count == 0
            ? []
            : await session.QueryAsync<ClauseRow>(
                "SELECT standard_id, clause_id, text, keywords, position FROM standard_clauses WHERE standard_id IN @standardIds ORDER BY standard_id, position",
                new { standardIds }, cancellationToken);

    public Task<IReadOnlyList<StandardVersionRow>> VersionsAsync(string id, CancellationToken cancellationToken) =>
        session.QueryAsync<StandardVersionRow>(
            """
            SELECT v.version, v.snapshot, v.changed_at, v.reason, u.display_name AS changed_by_name
            FROM standard_versions v LEFT JOIN users u ON u.id = v.changed_by
            WHERE v.standard_id = @id ORDER BY v.version DESC
            """, new { id }, cancellationToken);

    /// <summary>The given standards as the suggester sees them (the administrators' current text, not the seed's).</summary>
    public async Task<IReadOnlyList<StandardEntry>> EntriesAsync(IReadOnlyCollection<string> standardIds, CancellationToken cancellationToken)
    {
        if (standardIds.Count == 0)
        {
            return [];
        }

        var standards = await session.QueryAsync<StandardRow>($"{SelectStandard} WHERE s.id IN @standardIds ORDER BY s.id", new { standardIds }, cancellationToken);
        var clauses = (await ClausesAsync(standardIds, cancellationToken)).ToLookup(c => c.StandardId);
        return standards.Select(s => new StandardEntry(s.Id, s.Name, s.Title, s.Description, s.KeywordList,
            clauses[s.Id].Select(c => new ClauseEntry(c.ClauseId, c.Text, c.KeywordList)).ToList())).ToList();
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM standards WHERE id = @id", new { id }, cancellationToken) > 0;

    public async Task CreateAsync(string id, StandardSnapshot data, Guid userId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(
            """
            INSERT INTO standards (id, name, title, owner, version_label, url, kind, description, keywords, version, updated_at, updated_by)
            VALUES (@id, @Name, @Title, @Owner, @VersionLabel, @Url, @Kind, @Description, @Keywords, 1, @now, @userId)
            """, Parameters(id, data, now, userId), cancellationToken);
        await WriteClausesAndVersionAsync(id, 1, data, now, userId, reason, cancellationToken);
        await journal.WriteAsync(userId, "standard.created", "standard", id, after: new { data.Name, clauses = data.Clauses.Count, reason }, cancellationToken: cancellationToken);
    }

    /// <summary>Saves a change made from <paramref name="expectedVersion"/>; false when someone saved a newer version first.</summary>
    public async Task<bool> UpdateAsync(StandardRow current, int expectedVersion, StandardSnapshot data, Guid userId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await session.ExecuteAsync(
            """
            UPDATE standards SET name = @Name, title = @Title, owner = @Owner, version_label = @VersionLabel, url = @Url, kind = @Kind,
              description = @Description, keywords = @Keywords, version = version + 1, updated_at = @now, updated_by = @userId
            WHERE id = @id AND version = @expectedVersion
            """, Parameters(current.Id, data, now, userId, expectedVersion), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        await session.ExecuteAsync("DELETE FROM standard_clauses WHERE standard_id = @Id", new { current.Id }, cancellationToken);
        await WriteClausesAndVersionAsync(current.Id, expectedVersion + 1, data, now, userId, reason, cancellationToken);
        var before = current.Snapshot();
        await journal.WriteAsync(userId, "standard.changed", "standard", current.Id,
            before: new { version = expectedVersion, before.Name, before.Title, clauses = before.Clauses.Select(c => c.Id) },
            after: new { version = expectedVersion + 1, data.Name, data.Title, clauses = data.Clauses.Select(c => c.Id), reason },
            cancellationToken: cancellationToken);
        return true;
    }

    private async Task WriteClausesAndVersionAsync(string id, int version, StandardSnapshot data, DateTimeOffset now, Guid userId, string reason,
        CancellationToken cancellationToken)
    {
        var position = 0;
        foreach (var clause in data.Clauses)
        {
            await session.ExecuteAsync(
                "INSERT INTO standard_clauses (standard_id, clause_id, text, keywords, position) VALUES (@id, @Id, @Text, @Keywords, @position)",
                new { id, clause.Id, clause.Text, Keywords = StandardSnapshot.KeywordsJson(clause.Keywords), position = ++position }, cancellationToken);
        }

        await session.ExecuteAsync(
            """
            INSERT INTO standard_versions (standard_id, version, snapshot, changed_at, changed_by, reason)
            VALUES (@id, @version, @snapshot, @now, @userId, @reason)
            """, new { id, version, snapshot = data.ToJson(), now, userId, reason }, cancellationToken);
    }

    private static object Parameters(string id, StandardSnapshot data, DateTimeOffset now, Guid userId, int expectedVersion = 0) => new
    {
        id, data.Name, data.Title, data.Owner, data.VersionLabel, data.Url, data.Kind, data.Description,
        Keywords = StandardSnapshot.KeywordsJson(data.Keywords), now, userId, expectedVersion,
    };
}

public sealed class StandardRow
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Title { get; init; } = "";

    public string Owner { get; init; } = "";

    public string VersionLabel { get; init; } = "";

    public string Url { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Description { get; init; } = "";

    public string Keywords { get; init; } = "[]";

    public int Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UpdatedByName { get; init; }

    public int ClauseCount { get; init; }

    public IReadOnlyList<ClauseRow> Clauses { get; set; } = [];

    public IReadOnlyList<string> KeywordList => StandardSnapshot.ParseKeywords(Keywords);

    public StandardSnapshot Snapshot() => new(Name, Title, Owner, VersionLabel, Url, Kind, Description, KeywordList,
        Clauses.Select(c => new ClauseSnapshot(c.ClauseId, c.Text, c.KeywordList)).ToList());
}

public sealed class ClauseRow
{
    public string StandardId { get; init; } = "";

    public string ClauseId { get; init; } = "";

    public string Text { get; init; } = "";

    public string Keywords { get; init; } = "[]";

    public int Position { get; init; }

    public IReadOnlyList<string> KeywordList => StandardSnapshot.ParseKeywords(Keywords);
}

public sealed class StandardVersionRow
{
    public int Version { get; init; }

    public string Snapshot { get; init; } = "";

    public DateTimeOffset ChangedAt { get; init; }

    public string Reason { get; init; } = "";

    public string? ChangedByName { get; init; }

    public StandardSnapshot Data => StandardSnapshot.FromJson(Snapshot);
}
