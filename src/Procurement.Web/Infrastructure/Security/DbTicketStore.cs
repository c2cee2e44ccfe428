using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Procurement.Data;
using Procurement.Domain.Invitations;

namespace Procurement.Web.Infrastructure.Security;

/// <summary>
/// Server-side sign-in sessions: the cookie holds only a random session id, the ticket lives in
/// <c>auth_sessions</c>. Every sign-in gets a new id; signing out deletes the row, so a copied cookie stops
/// working at once (ASVS 3.3.1); sessions end after 30 idle minutes (sliding cookie) and 12 hours in all.
/// Runs on the request's <see cref="DbSession"/>, inside its transaction when there is one.
/// </summary>
public sealed class DbTicketStore(IHttpContextAccessor accessor, TimeProvider clock, ILogger<DbTicketStore> logger) : ITicketStore
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    private const string CurrentSessionKey = "procurement.session-id";

    /// <summary>The session id of the current request, once the cookie has been read.</summary>
    public static string? CurrentSessionId(HttpContext context) => context.Items[CurrentSessionKey] as string;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("Sign-in outside a request.");
        var session = Session();
        var now = clock.GetUtcNow();
        var id = SecretToken.New();
        var userId = UserId(ticket);
        var agent = context.Request.Headers.UserAgent.ToString();
        await session.WriteAsync(async () =>
        {
            await session.ExecuteAsync("DELETE FROM auth_sessions WHERE user_id = @userId AND expires_at <= @now", new { userId, now });
            await session.ExecuteAsync(
                """
                INSERT INTO auth_sessions (id, user_id, ticket, created_at, last_seen_at, expires_at, ip_address, user_agent)
                VALUES (@id, @userId, @Ticket, @now, @now, @Expires, @Ip, @Agent)
                """,
                new
                {
                    id,
                    userId,
                    Ticket = TicketSerializer.Default.Serialize(ticket),
                    now,
                    Expires = Expiry(ticket, now),
                    Ip = context.Connection.RemoteIpAddress?.ToString(),
                    Agent = agent.Length > 400 ? agent[..400] : agent,
                });
        });
        context.Items[CurrentSessionKey] = id;
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow();
        var session = Session();
        var renewed = await session.ExecuteAsync(
            "UPDATE auth_sessions SET ticket = @Ticket, last_seen_at = @now, expires_at = @Expires WHERE id = @key AND user_id = @userId",
            new { key, userId = UserId(ticket), Ticket = TicketSerializer.Default.Serialize(ticket), now, Expires = Expiry(ticket, now) });
        if (renewed == 0)
        {
            // A session may only ever carry its own user. Anything else ends it rather than hand it over.
            await session.ExecuteAsync("DELETE FROM auth_sessions WHERE id = @key", new { key });
            logger.LogWarning("A session was renewed for another user or after it ended; it has been ended");
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        var row = await Session().QuerySingleOrDefaultAsync<StoredSession>(
            "SELECT ticket, created_at FROM auth_sessions WHERE id = @key AND expires_at > @now", new { key, now });
        if (row is null || row.CreatedAt + AbsoluteTimeout <= now)
        {
            return null;
        }

        if (accessor.HttpContext is { } context)
        {
            context.Items[CurrentSessionKey] = key;
        }

        return TicketSerializer.Default.Deserialize(row.Ticket);
    }

    public Task RemoveAsync(string key) => Session().ExecuteAsync("DELETE FROM auth_sessions WHERE id = @key", new { key });

    private static Guid UserId(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);

    private static DateTimeOffset Expiry(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now + IdleTimeout;

    private DbSession Session() =>
        accessor.HttpContext?.RequestServices.GetRequiredService<DbSession>()
        ?? throw new InvalidOperationException("The session store is only used within a request.");

    private sealed class StoredSession
    {
        public byte[] Ticket { get; init; } = [];

        public DateTimeOffset CreatedAt { get; init; }
    }
}
