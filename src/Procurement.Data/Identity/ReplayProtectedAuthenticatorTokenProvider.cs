using Microsoft.AspNetCore.Identity;
using Procurement.Domain.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// Authenticator-app codes (TOTP), each accepted once: Identity's own provider accepts the same code again
/// for as long as it is valid, so a code read over someone's shoulder could be used a second time
/// (ASVS 2.8.4). The last accepted time step is raised in one conditional UPDATE, so two requests racing
/// with one code cannot both win.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(DbSession session, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the user's app, never from us.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var step = Totp.MatchingStep(Totp.DecodeBase32(key), token, clock.GetUtcNow());
        if (step is null)
        {
            return false;
        }

        var accepted = await session.ExecuteAsync(
            "UPDATE users SET last_totp_step = @step WHERE id = @Id AND (last_totp_step IS NULL OR last_totp_step < @step)",
            new { user.Id, step }) == 1;
        if (accepted)
        {
            user.LastTotpStep = step;
        }

        return accepted;
    }
}
