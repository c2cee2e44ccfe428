namespace Procurement.Domain.Identity;

/// <summary>
/// OWASP ASVS 4.0 level 2, V2.1: at least 12 characters, at most 128, any characters, no composition
/// rules; common passwords are refused by a list shipped with the app.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    /// <summary>PBKDF2-HMAC-SHA512 work factor (OWASP password storage cheat sheet, 2023).</summary>
    public const int Pbkdf2Iterations = 210_000;
}
