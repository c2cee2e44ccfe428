using Microsoft.AspNetCore.Identity;
using Procurement.Data.Identity;

namespace Procurement.Web.Infrastructure.Security;

/// <summary>
/// A hash to verify against when no account matches, so that an unknown address costs the same PBKDF2
/// work as a known one and response times do not tell which addresses have accounts.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<AppUser> hasher)
{
    // Made once per process with the configured work factor; verifying against it costs what a real check costs.
    private static string? hash;

    public void Verify(string password) =>
        hasher.VerifyHashedPassword(new AppUser(), hash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()), password);
}
