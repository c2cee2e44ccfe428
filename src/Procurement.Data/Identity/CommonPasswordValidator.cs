using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Procurement.Domain.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// The checks Identity's options cannot express (ASVS V2.1): at most 128 characters, and not a password
/// from the shipped list of common ones (compared without case). Identity itself checks the minimum length.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(Load);

    public static int Count => CommonPasswords.Value.Count;

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim().ToLowerInvariant());

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
