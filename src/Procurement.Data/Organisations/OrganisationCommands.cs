using Procurement.Data.Journal;
using Procurement.Domain.Journal;
using Procurement.Domain.Organisations;

namespace Procurement.Data.Organisations;

/// <summary>Creates the organisations that are not reference data: purchasing bodies and suppliers.</summary>
public sealed class OrganisationCommands(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(OrganisationKind kind, string name, OrganisationNumber? number, Guid? actorUserId,
        CancellationToken cancellationToken = default)
    {
        if (kind is OrganisationKind.Municipality or OrganisationKind.Region)
        {
            throw new ArgumentException("Kommuner och regioner kommer från referensdata och skapas inte för hand.", nameof(kind));
        }

        var id = Guid.CreateVersion7();
        var row = new
        {
            Id = id,
            Kind = kind.ToString(),
            Name = name.Trim(),
            OrganisationNumber = number?.ToString(),
            CreatedAt = clock.GetUtcNow(),
        };
        await session.WriteAsync(async () =>
        {
            await session.ExecuteAsync(
                """
                INSERT INTO organisations (id, kind, name, organisation_number, created_at)
                VALUES (@Id, @Kind, @Name, @OrganisationNumber, @CreatedAt)
                """, row, cancellationToken);
            await journal.WriteAsync(actorUserId, JournalActions.OrganisationCreated, "organisation", id,
                after: new { row.Kind, row.Name, row.OrganisationNumber }, cancellationToken: cancellationToken);
        }, cancellationToken);
        return id;
    }
}
