using Procurement.Data;
using Procurement.Domain.Invitations;

namespace Procurement.Web.Features.Invitations;

/// <summary>The invitation rows, for the list, the link and the commands.</summary>
public sealed class InvitationStore(DbSession session)
{
    private const string SelectInvitation =
        """
        SELECT i.id, i.email, i.organisation_id, i.role, i.invited_by_user_id, i.created_at, i.expires_at,
               i.accepted_at, i.revoked_at
        FROM invitations i
        """;

    public Task<InvitationRow?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<InvitationRow>($"{SelectInvitation} WHERE i.id = @id", new { id }, cancellationToken);

    public Task<InvitationRow?> FindByTokenAsync(string token, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<InvitationRow>($"{SelectInvitation} WHERE i.token_hash = @Hash",
            new { Hash = SecretToken.Hash(token) }, cancellationToken);

    public Task<IReadOnlyList<InvitationListItem>> RecentAsync(int take, CancellationToken cancellationToken) =>
        session.QueryAsync<InvitationListItem>(
            $"""
            SELECT i.id, i.email, i.role, i.organisation_id, i.invited_by_user_id, i.created_at, i.expires_at, i.accepted_at, i.revoked_at,
                   o.name AS organisation_name, u.display_name AS invited_by
            FROM invitations i
            JOIN organisations o ON o.id = i.organisation_id
            JOIN users u ON u.id = i.invited_by_user_id
            ORDER BY i.created_at DESC
            {session.Dialect.Paging}
            """, new { Skip = 0, Take = take }, cancellationToken);

    public Task InsertAsync(Invitation invitation, string token, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO invitations (id, email, normalized_email, organisation_id, role, token_hash, invited_by_user_id, created_at, expires_at)
            VALUES (@Id, @Email, @NormalizedEmail, @OrganisationId, @Role, @TokenHash, @InvitedByUserId, @CreatedAt, @ExpiresAt)
            """,
            new
            {
                invitation.Id,
                invitation.Email,
                NormalizedEmail = Domain.Identity.EmailAddress.Normalize(invitation.Email),
                invitation.OrganisationId,
                invitation.Role,
                TokenHash = SecretToken.Hash(token),
                invitation.InvitedByUserId,
                invitation.CreatedAt,
                invitation.ExpiresAt,
            }, cancellationToken);

    /// <summary>Revokes the open invitations to an address (a new one replaces them); returns how many.</summary>
    public Task<int> RevokeOpenForEmailAsync(string email, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE invitations SET revoked_at = @now
            WHERE normalized_email = @NormalizedEmail AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            """, new { NormalizedEmail = Domain.Identity.EmailAddress.Normalize(email), now }, cancellationToken);

    public async Task<bool> RevokeAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE invitations SET revoked_at = @now WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL",
            new { id, now }, cancellationToken) == 1;

    /// <summary>Marks the invitation used; false when someone else used or revoked it first.</summary>
    public async Task<bool> MarkAcceptedAsync(Guid id, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            UPDATE invitations SET accepted_at = @now, accepted_user_id = @userId
            WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            """, new { id, userId, now }, cancellationToken) == 1;
}

public sealed class InvitationRow
{
    public Guid Id { get; init; }

    public string Email { get; init; } = "";

    public Guid OrganisationId { get; init; }

    public string Role { get; init; } = "";

    public Guid InvitedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public Invitation ToDomain() =>
        new(Id, Email, OrganisationId, Role, InvitedByUserId, CreatedAt, ExpiresAt, AcceptedAt, RevokedAt);
}

public sealed class InvitationListItem
{
    public Guid Id { get; init; }

    public string Email { get; init; } = "";

    public string Role { get; init; } = "";

    public Guid OrganisationId { get; init; }

    public Guid InvitedByUserId { get; init; }

    public string OrganisationName { get; init; } = "";

    public string InvitedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public InvitationState StateAt(DateTimeOffset now) =>
        new Invitation(Id, Email, Guid.Empty, Role, Guid.Empty, CreatedAt, ExpiresAt, AcceptedAt, RevokedAt).StateAt(now);
}
