using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Identity;
using Procurement.Domain.Procurements;

namespace Procurement.Web.Features.Participation;

/// <summary>Which municipalities and regions take part in a procurement.</summary>
public sealed class ParticipationStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    /// <summary>Every municipality and region with its county and its standing in the procurement (null: not invited).</summary>
    public Task<IReadOnlyList<ParticipantRow>> OrganisationsAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<ParticipantRow>(
            $"""
            SELECT o.id AS organisation_id, o.name, o.kind, o.municipality_code, o.region_county_code, o.county_code, c.name AS county_name,
                   pa.status, pa.invited_at, pa.responded_at, u.display_name AS responded_by_name
            FROM organisations o
            LEFT JOIN counties c ON c.code = o.county_code
            LEFT JOIN participations pa ON pa.organisation_id = o.id AND pa.procurement_id = @procurementId
            LEFT JOIN users u ON u.id = pa.responded_by
            WHERE o.kind IN ('Municipality', 'Region')
            ORDER BY o.county_code, o.kind DESC, o.name {session.Dialect.SwedishOrder}
            """, new { procurementId }, cancellationToken);

    /// <summary>Invites the organisations not yet invited; returns the ones that are new.</summary>
    public async Task<IReadOnlyList<Guid>> InviteAsync(Guid procurementId, IReadOnlyCollection<Guid> organisationIds, Guid userId, CancellationToken cancellationToken)
    {
        var already = (await session.QueryAsync<Guid>(
            "SELECT organisation_id FROM participations WHERE procurement_id = @procurementId", new { procurementId }, cancellationToken)).ToHashSet();
        var valid = (await session.QueryAsync<Guid>(
            "SELECT id FROM organisations WHERE kind IN ('Municipality', 'Region')", cancellationToken: cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        var invited = organisationIds.Where(valid.Contains).Where(id => !already.Contains(id)).Distinct().ToList();
        foreach (var organisationId in invited)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO participations (procurement_id, organisation_id, status, invited_at, invited_by)
                VALUES (@procurementId, @organisationId, 'Invited', @now, @userId)
                """, new { procurementId, organisationId, now, userId }, cancellationToken);
        }

        if (invited.Count > 0)
        {
            await journal.WriteAsync(userId, "participation.invited", "procurement", procurementId,
                after: new { organisations = invited }, cancellationToken: cancellationToken);
        }

        return invited;
    }

    public async Task RespondAsync(Guid procurementId, Guid organisationId, ParticipationStatus answer, Guid? userId, CancellationToken cancellationToken)
    {
        var before = await session.QuerySingleOrDefaultAsync<string?>(
            "SELECT status FROM participations WHERE procurement_id = @procurementId AND organisation_id = @organisationId",
            new { procurementId, organisationId }, cancellationToken);
        await session.ExecuteAsync(
            """
            UPDATE participations SET status = @Status, responded_at = @now, responded_by = @userId
            WHERE procurement_id = @procurementId AND organisation_id = @organisationId
            """, new { procurementId, organisationId, Status = answer.ToString(), now = clock.GetUtcNow(), userId }, cancellationToken);
        await journal.WriteAsync(userId, "participation.answered", "procurement", procurementId,
            before: new { organisationId, status = before }, after: new { organisationId, status = answer.ToString() },
            cancellationToken: cancellationToken);
    }

    /// <summary>The addresses of the representatives of the given organisations, to tell them of the invitation.</summary>
    public async Task<IReadOnlyList<string>> RepresentativeEmailsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken)
    {
        if (organisationIds.Count == 0)
        {
            return [];
        }

        // Filtered here, not with "IN @organisationIds": Dapper expands a list without the Guid type handler,
        // so on SQLite (Guids stored as TEXT) such a list never matches.
        var wanted = organisationIds.ToHashSet();
        var representatives = await session.QueryAsync<RepresentativeRow>(
            """
            SELECT u.organisation_id, u.email FROM users u
            JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE r.name = @Role AND u.email_confirmed = 1
            """, new { Role = Roles.MunicipalityRepresentative }, cancellationToken);
        return representatives.Where(r => wanted.Contains(r.OrganisationId)).Select(r => r.Email).ToList();
    }

    private sealed class RepresentativeRow
    {
        public Guid OrganisationId { get; init; }

        public string Email { get; init; } = "";
    }
}

public sealed class ParticipantRow
{
    public Guid OrganisationId { get; init; }

    public string Name { get; init; } = "";

    public Domain.Organisations.OrganisationKind Kind { get; init; }

    public string? MunicipalityCode { get; init; }

    public string? RegionCountyCode { get; init; }

    public string? CountyCode { get; init; }

    public string? CountyName { get; init; }

    public ParticipationStatus? Status { get; init; }

    public DateTimeOffset? InvitedAt { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    public string? RespondedByName { get; init; }

    public bool IsRegion => RegionCountyCode is not null;
}
