using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Procurement.Domain.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// The checks Identity's options cannot express (ASVS V2.1, NIST SP 800-63B 5.1.1.2): at most 128
/// characters, and not guessable. A password is refused when it is in the shipped list of common passwords,
/// or is one of them with only digits and symbols around it ("password1234", "Sommar2024!"), or repeats a
/// short piece ("hejhejhejhej"), or is a run of one character or of neighbouring characters
/// ("abcdefghijkl"), or is little more than the user's own address. Case is ignored. Identity itself
/// checks the minimum length.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(Load);

    public static int Count => CommonPasswords.Value.Count;

    public static bool IsCommon(string password)
    {
        var text = password.Trim().ToLowerInvariant();
        var list = CommonPasswords.Value;
        if (list.Contains(text))
        {
            return true;
        }

        // A common word dressed up with digits and symbols.
        var core = text.Trim(NotLetters(text));
        if (core.Length >= 4 && core.Length < text.Length && list.Contains(core))
        {
            return true;
        }

        return IsRepetition(text, list) || IsRun(text);
    }

    private static char[] NotLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    /// <summary>"abcabcabcabc", "passwordpassword": a short or common piece said again and again.</summary>
    private static bool IsRepetition(string text, FrozenSet<string> list)
    {
        for (var length = 1; length <= text.Length / 2; length++)
        {
            if (text.Length % length != 0)
            {
                continue;
            }

            var unit = text[..length];
            if (string.Concat(Enumerable.Repeat(unit, text.Length / length)) == text && (length <= 4 || list.Contains(unit)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"aaaaaaaaaaaa", "abcdefghijkl", "987654321098"-like runs: every step the same, by at most one.</summary>
    private static bool IsRun(string text)
    {
        if (text.Length < 3)
        {
            return true;
        }

        var step = text[1] - text[0];
        if (Math.Abs(step) > 1)
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (text[i] - text[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = new List<IdentityError>();
        if (password is { Length: > PasswordPolicy.MaxLength })
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = "Lösenordet får ha högst 128 tecken.", // PasswordPolicy.MaxLength; a literal so it can be translated
            });
        }

        if (password is not null && (IsCommon(password) || ContainsOwnAddress(user, password)))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "Lösenordet är för vanligt eller för lätt att gissa. Välj ett annat, gärna en mening av flera ord.",
            });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    // "anna.svensson@kommun.se2024" is as guessable as the address itself.
    private static bool ContainsOwnAddress(AppUser user, string password)
    {
        var local = user.Email.Split('@')[0];
        return local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase)
            && password.Length - local.Length < 6;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("identity/common-passwords.txt")
            ?? throw new InvalidOperationException("Listan över vanliga lösenord saknas i programmet.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
