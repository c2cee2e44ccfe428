using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// ASP.NET Core Identity's user store on Dapper. Identity changes the user object through the setters
/// below and then calls <see cref="UpdateAsync"/>, which writes everything in one statement guarded by
/// the concurrency stamp the user was read with.
/// </summary>
public sealed class UserStore(DbSession session, IdentityErrorDescriber errors, IDataProtectionProvider dataProtection) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserRoleStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserTwoFactorStore<AppUser>,
    IUserAuthenticatorKeyStore<AppUser>,
    IUserTwoFactorRecoveryCodeStore<AppUser>
{
    private const string SelectUser =
        """
        SELECT id, organisation_id, user_name, normalized_user_name, email, normalized_email, email_confirmed,
               display_name, password_hash, security_stamp, concurrency_stamp, two_factor_enabled,
               authenticator_key, last_totp_step, lockout_enabled, lockout_end, access_failed_count, created_at
        FROM users
        """;

    // The authenticator key is a shared secret: it is kept encrypted in the database (ASVS 2.9.1/6.1.1), so
    // a copy of the users table alone cannot be used to clone anyone's authenticator.
    private readonly IDataProtector keyProtector = dataProtection.CreateProtector("Procurement.Identity.AuthenticatorKey.v1");

    // ---- IUserStore ----

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        try
        {
            await session.WriteAsync(async () =>
            {
                await session.ExecuteAsync(
                    """
                    INSERT INTO users (id, organisation_id, user_name, normalized_user_name, email, normalized_email,
                      email_confirmed, display_name, password_hash, security_stamp, concurrency_stamp, two_factor_enabled,
                      authenticator_key, lockout_enabled, lockout_end, access_failed_count, created_at)
                    VALUES (@Id, @OrganisationId, @UserName, @NormalizedUserName, @Email, @NormalizedEmail,
                      @EmailConfirmed, @DisplayName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @TwoFactorEnabled,
                      @AuthenticatorKey, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @CreatedAt)
                    """, Row(user), cancellationToken);
                await SaveRecoveryCodeChangesAsync(user, cancellationToken);
            }, cancellationToken);
        }
        catch (DbException ex) when (session.Dialect.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(errors.DuplicateEmail(user.Email));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        var next = Guid.NewGuid().ToString();
        int rows;
        try
        {
            rows = await session.WriteAsync(async () =>
            {
                var updated = await session.ExecuteAsync(
                    """
                    UPDATE users SET organisation_id = @OrganisationId, user_name = @UserName,
                      normalized_user_name = @NormalizedUserName, email = @Email, normalized_email = @NormalizedEmail,
                      email_confirmed = @EmailConfirmed, display_name = @DisplayName, password_hash = @PasswordHash,
                      security_stamp = @SecurityStamp, concurrency_stamp = @next, two_factor_enabled = @TwoFactorEnabled,
                      authenticator_key = @AuthenticatorKey, lockout_enabled = @LockoutEnabled
                    WHERE id = @Id AND concurrency_stamp = @expected
                    """,
                    new
                    {
                        user.Id, user.OrganisationId, user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail,
                        user.EmailConfirmed, user.DisplayName, user.PasswordHash, user.SecurityStamp, next,
                        user.TwoFactorEnabled, AuthenticatorKey = Protect(user.AuthenticatorKey), user.LockoutEnabled, expected,
                    }, cancellationToken);
                if (updated == 1)
                {
                    await SaveRecoveryCodeChangesAsync(user, cancellationToken);
                }

                return updated;
            }, cancellationToken);
        }
        catch (DbException ex) when (session.Dialect.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(errors.DuplicateEmail(user.Email));
        }

        if (rows != 1)
        {
            return IdentityResult.Failed(errors.ConcurrencyFailure());
        }

        user.ConcurrencyStamp = next;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        var rows = await session.ExecuteAsync(
            "DELETE FROM users WHERE id = @Id AND concurrency_stamp = @ConcurrencyStamp", user, cancellationToken);
        return rows == 1 ? IdentityResult.Success : IdentityResult.Failed(errors.ConcurrencyFailure());
    }

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id)
            ? Unprotect(await session.QuerySingleOrDefaultAsync<AppUser>($"{SelectUser} WHERE id = @id", new { id }, cancellationToken))
            : null;

    public async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Unprotect(await session.QuerySingleOrDefaultAsync<AppUser>($"{SelectUser} WHERE normalized_user_name = @normalizedUserName",
            new { normalizedUserName }, cancellationToken));

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) =>
        Set(() => user.UserName = userName ?? "");

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedUserName = normalizedName ?? "");

    // ---- IUserPasswordStore ----

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken) =>
        Set(() => user.PasswordHash = passwordHash);

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    // ---- IUserEmailStore ----

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken cancellationToken) => Set(() => user.Email = email ?? "");

    public Task<string?> GetEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) =>
        Set(() => user.EmailConfirmed = confirmed);

    public async Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Unprotect(await session.QuerySingleOrDefaultAsync<AppUser>($"{SelectUser} WHERE normalized_email = @normalizedEmail",
            new { normalizedEmail }, cancellationToken));

    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedEmail = normalizedEmail ?? "");

    // ---- IUserSecurityStampStore ----

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken) =>
        Set(() => user.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.SecurityStamp);

    // ---- IUserRoleStore (role names arrive normalised) ----

    public async Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        var rows = await session.ExecuteAsync(
            """
            INSERT INTO user_roles (user_id, role_id)
            SELECT @UserId, r.id FROM roles r
            WHERE r.normalized_name = @roleName
              AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = @UserId AND ur.role_id = r.id)
            """, new { UserId = user.Id, roleName }, cancellationToken);
        if (rows == 0 && !await IsInRoleAsync(user, roleName, cancellationToken))
        {
            throw new InvalidOperationException($"Rollen {roleName} finns inte.");
        }
    }

    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "DELETE FROM user_roles WHERE user_id = @UserId AND role_id IN (SELECT id FROM roles WHERE normalized_name = @roleName)",
            new { UserId = user.Id, roleName }, cancellationToken);

    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken) =>
        (await session.QueryAsync<string>(
            "SELECT r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = @Id ORDER BY r.name",
            new { user.Id }, cancellationToken)).ToList();

    public async Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @Id AND r.normalized_name = @roleName",
            new { user.Id, roleName }, cancellationToken) > 0;

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        (await session.QueryAsync<AppUser>(
            $"{SelectUser} WHERE id IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.normalized_name = @roleName)",
            new { roleName }, cancellationToken)).Select(u => Unprotect(u)!).ToList();

    // ---- IUserLockoutStore ----
    // The failure count and lockout end are written at once, atomically, not with the rest of the user in
    // UpdateAsync: parallel wrong guesses must each count, whatever happens to the concurrency stamp.

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public async Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        await session.ExecuteAsync("UPDATE users SET lockout_end = @lockoutEnd WHERE id = @Id", new { user.Id, lockoutEnd }, cancellationToken);
    }

    public async Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) =>
        user.AccessFailedCount = await session.WriteAsync(async () =>
        {
            await session.ExecuteAsync("UPDATE users SET access_failed_count = access_failed_count + 1 WHERE id = @Id", new { user.Id }, cancellationToken);
            return await session.ExecuteScalarAsync<int>("SELECT access_failed_count FROM users WHERE id = @Id", new { user.Id }, cancellationToken);
        }, cancellationToken);

    public async Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        await session.ExecuteAsync("UPDATE users SET access_failed_count = 0 WHERE id = @Id", new { user.Id }, cancellationToken);
    }

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) =>
        Set(() => user.LockoutEnabled = enabled);

    // ---- IUserTwoFactorStore, IUserAuthenticatorKeyStore ----

    public Task SetTwoFactorEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) =>
        Set(() => user.TwoFactorEnabled = enabled);

    public Task<bool> GetTwoFactorEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        Set(() => user.AuthenticatorKey = key);

    public Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AuthenticatorKey);

    // ---- IUserTwoFactorRecoveryCodeStore: only SHA-256 hashes are stored ----

    public Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        user.ReplacementRecoveryCodeHashes = recoveryCodes.Select(HashRecoveryCode).ToList();
        user.RedeemedRecoveryCodeHashes.Clear();
        return Task.CompletedTask;
    }

    public async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var hash = HashRecoveryCode(code);
        if (user.ReplacementRecoveryCodeHashes is { } pending)
        {
            return pending.Remove(hash);
        }

        if (user.RedeemedRecoveryCodeHashes.Contains(hash))
        {
            return false;
        }

        var exists = await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = @Id AND code_hash = @hash", new { user.Id, hash }, cancellationToken) > 0;
        if (exists)
        {
            user.RedeemedRecoveryCodeHashes.Add(hash);
        }

        return exists;
    }

    public async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.ReplacementRecoveryCodeHashes is { } pending)
        {
            return pending.Count;
        }

        var stored = await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = @Id", new { user.Id }, cancellationToken);
        return stored - user.RedeemedRecoveryCodeHashes.Count;
    }

    /// <summary>Codes are compared without case or surrounding space, as people type them from paper.</summary>
    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    public void Dispose()
    {
        // The DbSession belongs to the scope and is disposed with it.
    }

    private async Task SaveRecoveryCodeChangesAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.ReplacementRecoveryCodeHashes is { } replacement)
        {
            await session.ExecuteAsync("DELETE FROM user_recovery_codes WHERE user_id = @Id", new { user.Id }, cancellationToken);
            foreach (var hash in replacement.Distinct())
            {
                await session.ExecuteAsync(
                    "INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (@Id, @hash)", new { user.Id, hash }, cancellationToken);
            }

            user.ReplacementRecoveryCodeHashes = null;
        }

        foreach (var hash in user.RedeemedRecoveryCodeHashes)
        {
            await session.ExecuteAsync(
                "DELETE FROM user_recovery_codes WHERE user_id = @Id AND code_hash = @hash", new { user.Id, hash }, cancellationToken);
        }

        user.RedeemedRecoveryCodeHashes.Clear();
    }

    /// <summary>The user as a row: like the object, but with the authenticator key encrypted.</summary>
    private object Row(AppUser user) => new
    {
        user.Id, user.OrganisationId, user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail,
        user.EmailConfirmed, user.DisplayName, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp,
        user.TwoFactorEnabled, AuthenticatorKey = Protect(user.AuthenticatorKey), user.LockoutEnabled, user.LockoutEnd,
        user.AccessFailedCount, user.CreatedAt,
    };

    private string? Protect(string? key) => key is null ? null : keyProtector.Protect(key);

    private AppUser? Unprotect(AppUser? user)
    {
        if (user?.AuthenticatorKey is { } stored)
        {
            user.AuthenticatorKey = keyProtector.Unprotect(stored);
        }

        return user;
    }

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }
}
