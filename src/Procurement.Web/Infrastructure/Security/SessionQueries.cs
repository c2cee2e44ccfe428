using Procurement.Data;

namespace Procurement.Web.Infrastructure.Security;

/// <summary>Sessions as the account page lists them.</summary>
public sealed class SessionQueries(DbSession session)
{
    public Task<IReadOnlyList<SessionSummary>> ForUserAsync(Guid userId, DateTimeOffset now) =>
        session.QueryAsync<SessionSummary>(
            """
            SELECT id, created_at, last_seen_at, ip_address, user_agent FROM auth_sessions
            WHERE user_id = @userId AND expires_at > @now ORDER BY last_seen_at DESC
            """, new { userId, now });

    /// <summary>Ends every session of the user except <paramref name="keep"/>; returns how many.</summary>
    public Task<int> RevokeAllAsync(Guid userId, string? keep) =>
        session.ExecuteAsync("DELETE FROM auth_sessions WHERE user_id = @userId AND (@keep IS NULL OR id <> @keep)", new { userId, keep });
}

public sealed class SessionSummary
{
    public string Id { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }
}
