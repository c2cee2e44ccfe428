namespace Procurement.Domain.Organisations;

/// <summary>
/// A Swedish organisationsnummer: ten digits written NNNNNN-NNNN whose last digit is a Luhn check digit
/// over the first nine. Sole traders use their personnummer, which has the same shape.
/// </summary>
public readonly record struct OrganisationNumber
{
    private readonly string digits;

    private OrganisationNumber(string digits) => this.digits = digits;

    /// <summary>The canonical written form, NNNNNN-NNNN.</summary>
    public override string ToString() => digits is null ? string.Empty : $"{digits[..6]}-{digits[6..]}";

    public static OrganisationNumber Parse(string input) =>
        TryParse(input, out var number, out var error) ? number : throw new FormatException(error.ToString());

    /// <summary>
    /// Accepts "NNNNNN-NNNN" or ten digits, with surrounding white space. Anything else, and a wrong check
    /// digit, is refused with the reason.
    /// </summary>
    public static bool TryParse(string? input, out OrganisationNumber number, out OrganisationNumberError error)
    {
        number = default;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = OrganisationNumberError.Missing;
            return false;
        }

        string digitsOnly;
        if (text.Length == 11 && text[6] == '-')
        {
            digitsOnly = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
        }
        else if (text.Length == 10)
        {
            digitsOnly = text;
        }
        else
        {
            error = OrganisationNumberError.WrongFormat;
            return false;
        }

        if (!digitsOnly.All(char.IsAsciiDigit))
        {
            error = OrganisationNumberError.WrongFormat;
            return false;
        }

        if (LuhnCheckDigit(digitsOnly.AsSpan(0, 9)) != digitsOnly[9] - '0')
        {
            error = OrganisationNumberError.WrongCheckDigit;
            return false;
        }

        number = new OrganisationNumber(digitsOnly);
        error = OrganisationNumberError.None;
        return true;
    }

    /// <summary>The Luhn (mod 10) check digit for the given digits, doubling from the first.</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var d = nineDigits[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}

public enum OrganisationNumberError
{
    None,
    Missing,
    WrongFormat,
    WrongCheckDigit,
}
