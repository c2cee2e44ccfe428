namespace Procurement.Data.Identity;

/// <summary>A person who signs in. Belongs to exactly one organisation; the user name is the e-mail address.</summary>
public sealed class AppUser
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public bool EmailConfirmed { get; set; }

    public string DisplayName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = "";

    /// <summary>Changes on every update; an update based on an older stamp is refused.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public bool TwoFactorEnabled { get; set; }

    /// <summary>The base32 key as read; stored encrypted with Data Protection (see UserStore).</summary>
    public string? AuthenticatorKey { get; set; }

    /// <summary>The last authenticator time step accepted: a code is never accepted twice (ASVS 2.8.4).</summary>
    public long? LastTotpStep { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    // Recovery-code changes wait here until UserManager saves the user, so they share its concurrency check.
    internal List<string>? ReplacementRecoveryCodeHashes { get; set; }

    internal List<string> RedeemedRecoveryCodeHashes { get; } = [];
}
