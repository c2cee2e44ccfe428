using System.Security.Cryptography;

namespace Procurement.Domain.Identity;

/// <summary>
/// Passwords the system hands out (demo accounts, accounts made from the command line): 16 random
/// characters from an alphabet without look-alikes, in groups of four, about 80 bits.
/// </summary>
public static class GeneratedPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New()
    {
        var groups = Enumerable.Range(0, 4)
            .Select(_ => new string(Enumerable.Range(0, 4).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }
}
