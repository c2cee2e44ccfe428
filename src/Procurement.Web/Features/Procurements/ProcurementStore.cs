using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Procurements;

namespace Procurement.Web.Features.Procurements;

/// <summary>Procurements, their categories and planned phase dates. Every change is journaled.</summary>
public sealed class ProcurementStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public const string JournalEntity = "procurement";

    public Task<ProcurementDetails?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ProcurementDetails>(
            """
            SELECT p.id, p.reference, p.title, p.description, p.cpv_codes, p.valid_from, p.valid_until, p.phase,
                   p.owner_organisation_id, o.name AS owner_name, p.version, p.created_at, p.updated_at
            FROM procurements p JOIN organisations o ON o.id = p.owner_organisation_id
            WHERE p.id = @id
            """, new { id }, cancellationToken);

    public Task<IReadOnlyList<CategoryRow>> CategoriesAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<CategoryRow>(
            "SELECT id, number, name, description FROM procurement_categories WHERE procurement_id = @procurementId ORDER BY number",
            new { procurementId }, cancellationToken);

    public Task<IReadOnlyList<PhasePlanRow>> PhasePlanAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<PhasePlanRow>(
            "SELECT phase, planned_start, planned_end FROM procurement_phases WHERE procurement_id = @procurementId",
            new { procurementId }, cancellationToken);

    public async Task<bool> ReferenceTakenAsync(string reference, Guid? except, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM procurements WHERE UPPER(reference) = @Reference AND (@except IS NULL OR id <> @except)",
            new { Reference = reference.Trim().ToUpperInvariant(), except }, cancellationToken) > 0;

    /// <summary>The procurements a user may see: their body's own, the ones their organisation is invited to, or all for administrators.</summary>
    public Task<IReadOnlyList<ProcurementListItem>> ListAsync(Guid organisationId, bool all, CancellationToken cancellationToken) =>
        session.QueryAsync<ProcurementListItem>(
            $"""
            SELECT p.id, p.reference, p.title, p.phase, o.name AS owner_name, pa.status AS participation,
                   (SELECT COUNT(*) FROM participations j WHERE j.procurement_id = p.id AND j.status = 'Joined') AS joined,
                   (SELECT COUNT(*) FROM submissions s WHERE s.procurement_id = p.id AND s.status = 'Active') AS submissions
            FROM procurements p
            JOIN organisations o ON o.id = p.owner_organisation_id
            LEFT JOIN participations pa ON pa.procurement_id = p.id AND pa.organisation_id = @organisationId
            WHERE @all = 1 OR p.owner_organisation_id = @organisationId OR pa.status IS NOT NULL
            ORDER BY p.created_at DESC
            """, new { organisationId, all }, cancellationToken);

    public async Task<Guid> CreateAsync(ProcurementData data, Guid ownerOrganisationId, Guid userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(
            """
            INSERT INTO procurements (id, reference, title, description, cpv_codes, procedure_type, valid_from, valid_until, phase,
              owner_organisation_id, created_by, created_at, updated_at, version)
            VALUES (@id, @Reference, @Title, @Description, @CpvCodes, 'DynamicPurchasingSystem', @ValidFrom, @ValidUntil, 'Collection',
              @ownerOrganisationId, @userId, @now, @now, 1)
            """,
            new { id, data.Reference, data.Title, data.Description, CpvCodes = string.Join(',', data.CpvCodes), data.ValidFrom, data.ValidUntil, ownerOrganisationId, userId, now },
            cancellationToken);
        foreach (var category in data.Categories)
        {
            await InsertCategoryAsync(id, category, cancellationToken);
        }

        await SavePhasePlanAsync(id, data.PhasePlan, cancellationToken);
        await journal.WriteAsync(userId, "procurement.created", JournalEntity, id, after: data, cancellationToken: cancellationToken);
        return id;
    }

    /// <summary>Saves the edited procurement if nobody saved it since <paramref name="expectedVersion"/>; false when someone did.</summary>
    public async Task<bool> UpdateAsync(Guid id, int expectedVersion, ProcurementData data, Guid userId, CancellationToken cancellationToken)
    {
        var before = await DataAsync(id, cancellationToken);
        var updated = await session.ExecuteAsync(
            """
            UPDATE procurements SET reference = @Reference, title = @Title, description = @Description, cpv_codes = @CpvCodes,
              valid_from = @ValidFrom, valid_until = @ValidUntil, updated_at = @now, version = version + 1
            WHERE id = @id AND version = @expectedVersion
            """,
            new { id, expectedVersion, data.Reference, data.Title, data.Description, CpvCodes = string.Join(',', data.CpvCodes), data.ValidFrom, data.ValidUntil, now = clock.GetUtcNow() },
            cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        var existing = await CategoriesAsync(id, cancellationToken);
        foreach (var category in data.Categories)
        {
            if (existing.Any(c => c.Number == category.Number))
            {
                await session.ExecuteAsync(
                    "UPDATE procurement_categories SET name = @Name, description = @Description WHERE procurement_id = @id AND number = @Number",
                    new { id, category.Number, category.Name, category.Description }, cancellationToken);
            }
            else
            {
                await InsertCategoryAsync(id, category, cancellationToken);
            }
        }

        foreach (var removed in existing.Where(e => data.Categories.All(c => c.Number != e.Number)))
        {
            await session.ExecuteAsync("DELETE FROM procurement_categories WHERE id = @Id", new { removed.Id }, cancellationToken);
        }

        await SavePhasePlanAsync(id, data.PhasePlan, cancellationToken);
        await journal.WriteAsync(userId, "procurement.updated", JournalEntity, id, before, data, cancellationToken);
        return true;
    }

    /// <summary>Numbers of the categories that requirements or needs already point to; those cannot be removed.</summary>
    public async Task<IReadOnlyList<int>> CategoriesInUseAsync(Guid id, CancellationToken cancellationToken) =>
        await session.QueryAsync<int>(
            """
            SELECT c.number FROM procurement_categories c
            WHERE c.procurement_id = @id
              AND (EXISTS (SELECT 1 FROM requirements r WHERE r.category_id = c.id)
                   OR EXISTS (SELECT 1 FROM submissions s WHERE s.category_id = c.id))
            """, new { id }, cancellationToken);

    public async Task<PhaseChangeFacts> PhaseFactsAsync(Guid id, ProcurementPhase current, CancellationToken cancellationToken)
    {
        var counts = await session.QuerySingleOrDefaultAsync<(long Joined, long Requirements, long EmptyCategories)>(
            """
            SELECT
              (SELECT COUNT(*) FROM participations WHERE procurement_id = @id AND status = 'Joined'),
              (SELECT COUNT(*) FROM requirements WHERE procurement_id = @id AND status <> 'Removed'),
              (SELECT COUNT(*) FROM procurement_categories c WHERE c.procurement_id = @id
                 AND NOT EXISTS (SELECT 1 FROM requirements r WHERE r.category_id = c.id AND r.status <> 'Removed'))
            """, new { id }, cancellationToken);
        return new PhaseChangeFacts(current, (int)counts.Joined, (int)counts.Requirements, (int)counts.EmptyCategories);
    }

    /// <summary>Moves the procurement from <paramref name="from"/> to <paramref name="to"/>; false when it was no longer in <paramref name="from"/>.</summary>
    public async Task<bool> ChangePhaseAsync(Guid id, ProcurementPhase from, ProcurementPhase to, string? reason, Guid userId, CancellationToken cancellationToken)
    {
        var changed = await session.ExecuteAsync(
            "UPDATE procurements SET phase = @To, updated_at = @now, version = version + 1 WHERE id = @id AND phase = @From",
            new { id, From = from.ToString(), To = to.ToString(), now = clock.GetUtcNow() }, cancellationToken);
        if (changed == 1)
        {
            await journal.WriteAsync(userId, "procurement.phase-changed", JournalEntity, id,
                before: new { phase = from.ToString() }, after: new { phase = to.ToString(), reason }, cancellationToken: cancellationToken);
        }

        return changed == 1;
    }

    private async Task<ProcurementData?> DataAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await GetAsync(id, cancellationToken);
        if (details is null)
        {
            return null;
        }

        var categories = await CategoriesAsync(id, cancellationToken);
        var plan = await PhasePlanAsync(id, cancellationToken);
        return new ProcurementData(details.Reference, details.Title, details.Description, details.CpvCodeList, details.ValidFrom, details.ValidUntil,
            categories.Select(c => new CategoryData(c.Number, c.Name, c.Description)).ToList(),
            plan.Select(p => new PhasePlanData(p.Phase, p.PlannedStart, p.PlannedEnd)).ToList());
    }

    private Task<int> InsertCategoryAsync(Guid procurementId, CategoryData category, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO procurement_categories (id, procurement_id, number, name, description) VALUES (@Id, @procurementId, @Number, @Name, @Description)",
            new { Id = Guid.CreateVersion7(), procurementId, category.Number, category.Name, category.Description }, cancellationToken);

    private async Task SavePhasePlanAsync(Guid procurementId, IReadOnlyList<PhasePlanData> plan, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("DELETE FROM procurement_phases WHERE procurement_id = @procurementId", new { procurementId }, cancellationToken);
        foreach (var phase in plan)
        {
            await session.ExecuteAsync(
                "INSERT INTO procurement_phases (procurement_id, phase, planned_start, planned_end) VALUES (@procurementId, @Phase, @PlannedStart, @PlannedEnd)",
                new { procurementId, Phase = phase.Phase.ToString(), phase.PlannedStart, phase.PlannedEnd }, cancellationToken);
        }
    }
}

/// <summary>What an officer enters about a procurement, checked.</summary>
public sealed record ProcurementData(
    string Reference,
    string Title,
    string Description,
    IReadOnlyList<string> CpvCodes,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    IReadOnlyList<CategoryData> Categories,
    IReadOnlyList<PhasePlanData> PhasePlan);

public sealed record CategoryData(int Number, string Name, string Description);

public sealed record PhasePlanData(ProcurementPhase Phase, DateOnly? PlannedStart, DateOnly? PlannedEnd);

public sealed class ProcurementDetails
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string CpvCodes { get; init; } = "";

    public IReadOnlyList<string> CpvCodeList => CpvCode.Split(CpvCodes);

    public DateOnly ValidFrom { get; init; }

    public DateOnly ValidUntil { get; init; }

    public ProcurementPhase Phase { get; init; }

    public Guid OwnerOrganisationId { get; init; }

    public string OwnerName { get; init; } = "";

    public int Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class CategoryRow
{
    public Guid Id { get; init; }

    public int Number { get; init; }

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";
}

public sealed class PhasePlanRow
{
    public ProcurementPhase Phase { get; init; }

    public DateOnly? PlannedStart { get; init; }

    public DateOnly? PlannedEnd { get; init; }
}

public sealed class ProcurementListItem
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string Title { get; init; } = "";

    public ProcurementPhase Phase { get; init; }

    public string OwnerName { get; init; } = "";

    public ParticipationStatus? Participation { get; init; }

    public int Joined { get; init; }

    public int Submissions { get; init; }
}
