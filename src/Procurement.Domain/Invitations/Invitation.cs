namespace Procurement.Domain.Invitations;

/// <summary>An invitation of a person, by e-mail, to an organisation and role.</summary>
public sealed record Invitation(
    Guid Id,
    string Email,
    Guid OrganisationId,
    string Role,
    Guid InvitedByUserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>How long a link works. Long enough for a week's holiday, short enough to go stale.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public InvitationState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? InvitationState.Revoked
        : AcceptedAt is not null ? InvitationState.Used
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;
}

public enum InvitationState
{
    Open,
    Used,
    Expired,
    Revoked,
}
