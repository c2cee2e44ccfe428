using System.Security.Cryptography;
using System.Text;

namespace Procurement.Domain.Invitations;

/// <summary>
/// A single-use secret sent in a link. Only its SHA-256 hash is stored, so a copy of the database
/// cannot be used to accept an invitation.
/// </summary>
public static class SecretToken
{
    /// <summary>256 random bits, URL-safe base64 without padding.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True for strings that could have come from <see cref="New"/>; anything else is not looked up.</summary>
    public static bool LooksValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
