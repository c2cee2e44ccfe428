using Procurement.Domain.Identity;

namespace Procurement.Testing;

/// <summary>What the user's authenticator app shows: the code for now, or for the next 30-second step.</summary>
public static class AuthenticatorApp
{
    public static string Code(string base32Key, int stepsAhead = 0) =>
        Totp.Code(Totp.DecodeBase32(base32Key), Totp.StepAt(DateTimeOffset.UtcNow) + stepsAhead);
}
